#pragma once
// UdpSocket: the seam between the media core and the kernel. The worker owns one
// per thread; every transport of that worker sends through it and receives from it
// via the UdpMux. Not thread-safe: used only by its worker's thread.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>

#include "sfu/net/socket_address.hpp"

namespace vp::sfu::net {

using Bytes = std::span<const std::uint8_t>;

// Counters of one socket. Written by its worker thread, readable from any thread
// (e.g. by /metrics).
struct UdpSocketStats {
    std::uint64_t datagramsReceived = 0;
    std::uint64_t bytesReceived = 0;
    std::uint64_t receiveTruncated = 0;  // larger than a receive buffer slot: dropped
    std::uint64_t kernelDrops = 0;       // dropped by the kernel (full receive buffer)
    std::uint64_t datagramsSent = 0;
    std::uint64_t bytesSent = 0;
    std::uint64_t sendQueueDrops = 0;  // send queue full or datagram too large: dropped
    std::uint64_t sendErrors = 0;      // the kernel refused a datagram: dropped
};

// Called once per received datagram; `data` is valid only during the call.
using DatagramHandler = std::function<void(Bytes data, const SocketAddress& from)>;

class UdpSocket {
  public:
    virtual ~UdpSocket() = default;

    virtual const SocketAddress& localAddress() const = 0;
    // Queues one datagram for the next flush(); false when it was dropped (queue
    // full or too large), which is counted.
    virtual bool send(Bytes data, const SocketAddress& to) = 0;
    // Hands queued datagrams to the kernel in batches. Returns true when the queue
    // is empty, false when the kernel pushed back (wait for writability).
    virtual bool flush() = 0;
    // Reads what is waiting (up to a bounded number of batches) and calls the
    // handler per datagram. Returns the number of datagrams delivered.
    virtual std::size_t receive(const DatagramHandler& handler) = 0;
    virtual UdpSocketStats stats() const = 0;
};

using UdpSocketPtr = std::unique_ptr<UdpSocket>;

}  // namespace vp::sfu::net
