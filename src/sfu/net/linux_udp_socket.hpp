#pragma once
// LinuxUdpSocket: a non-blocking UDP socket that receives with recvmmsg into a
// preallocated ring of buffers and sends with sendmmsg from a bounded queue of
// preallocated slots. Nothing on the datagram path allocates.
#include <atomic>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "sfu/net/udp_socket.hpp"

namespace vp::sfu::net {

struct UdpSocketOptions {
    std::string host = "127.0.0.1";  // numeric IPv4/IPv6; "0.0.0.0" or "::" for any
    std::uint16_t port = 0;          // 0: the kernel picks one
    int receiveBufferBytes = 4 * 1024 * 1024;
    int sendBufferBytes = 4 * 1024 * 1024;
    std::size_t batchSize = 64;            // datagrams per recvmmsg/sendmmsg call
    std::size_t maxBatchesPerRead = 16;    // then yield to the event loop
    std::size_t maxDatagramSize = 1500;    // larger received datagrams are dropped
    std::size_t sendQueueCapacity = 2048;  // datagrams waiting for sendmmsg
};

class LinuxUdpSocket final : public UdpSocket {
  public:
    static common::Result<std::unique_ptr<LinuxUdpSocket>> open(const UdpSocketOptions& options);
    ~LinuxUdpSocket() override;
    LinuxUdpSocket(const LinuxUdpSocket&) = delete;
    LinuxUdpSocket& operator=(const LinuxUdpSocket&) = delete;

    int fd() const { return fd_; }
    bool hasQueuedSends() const { return queued_ != 0; }

    const SocketAddress& localAddress() const override { return local_; }
    bool send(Bytes data, const SocketAddress& to) override;
    bool flush() override;
    std::size_t receive(const DatagramHandler& handler) override;
    UdpSocketStats stats() const override;

  private:
    struct Counters {
        std::atomic<std::uint64_t> datagramsReceived{0};
        std::atomic<std::uint64_t> bytesReceived{0};
        std::atomic<std::uint64_t> receiveTruncated{0};
        std::atomic<std::uint64_t> kernelDrops{0};
        std::atomic<std::uint64_t> datagramsSent{0};
        std::atomic<std::uint64_t> bytesSent{0};
        std::atomic<std::uint64_t> sendQueueDrops{0};
        std::atomic<std::uint64_t> sendErrors{0};
    };
    struct SendSlot;
    struct ReceiveRing;

    LinuxUdpSocket(int fd, SocketAddress local, const UdpSocketOptions& options);
    std::size_t receiveBatch(const DatagramHandler& handler, bool& more);
    // Sends up to one batch from the head of the queue; returns false on EAGAIN.
    bool sendBatch();

    int fd_;
    SocketAddress local_;
    UdpSocketOptions options_;
    std::unique_ptr<ReceiveRing> receiveRing_;
    std::vector<SendSlot> sendQueue_;  // ring of sendQueueCapacity slots
    std::size_t head_ = 0;
    std::size_t queued_ = 0;
    Counters counters_;
};

}  // namespace vp::sfu::net
