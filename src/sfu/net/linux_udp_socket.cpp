#include "sfu/net/linux_udp_socket.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace vp::sfu::net {

namespace {

common::Error systemError(const std::string& code, const std::string& what) {
    return common::makeError(code, what + ": " + std::strerror(errno));
}

// Sets a socket buffer size; as root the *FORCE variant may exceed the sysctl cap.
void sizeBuffer(int fd, int forceOption, int option, int bytes) {
    if (bytes <= 0) {
        return;
    }
    if (setsockopt(fd, SOL_SOCKET, forceOption, &bytes, sizeof(bytes)) != 0) {
        setsockopt(fd, SOL_SOCKET, option, &bytes, sizeof(bytes));
    }
}

constexpr std::size_t kControlSize = CMSG_SPACE(sizeof(std::uint32_t));

}  // namespace

struct LinuxUdpSocket::SendSlot {
    std::vector<std::uint8_t> data;  // sized once to maxDatagramSize
    std::size_t size = 0;
    sockaddr_storage to{};
    socklen_t toLength = 0;
};

// The receive side: batchSize buffers and their headers, reused by every recvmmsg.
struct LinuxUdpSocket::ReceiveRing {
    ReceiveRing(std::size_t batch, std::size_t datagramSize)
        : buffers(batch * datagramSize),
          messages(batch),
          iovecs(batch),
          addresses(batch),
          control(batch * kControlSize),
          slotSize(datagramSize) {}

    void prepare() {
        for (std::size_t i = 0; i < messages.size(); ++i) {
            iovecs[i].iov_base = buffers.data() + i * slotSize;
            iovecs[i].iov_len = slotSize;
            msghdr& h = messages[i].msg_hdr;
            h = msghdr{};
            h.msg_name = &addresses[i];
            h.msg_namelen = sizeof(sockaddr_storage);
            h.msg_iov = &iovecs[i];
            h.msg_iovlen = 1;
            h.msg_control = control.data() + i * kControlSize;
            h.msg_controllen = kControlSize;
            messages[i].msg_len = 0;
        }
    }

    std::vector<std::uint8_t> buffers;
    std::vector<mmsghdr> messages;
    std::vector<iovec> iovecs;
    std::vector<sockaddr_storage> addresses;
    std::vector<std::uint8_t> control;
    std::size_t slotSize;
};

common::Result<std::unique_ptr<LinuxUdpSocket>> LinuxUdpSocket::open(
    const UdpSocketOptions& options) {
    if (options.batchSize == 0 || options.maxDatagramSize < 64 || options.sendQueueCapacity == 0 ||
        options.maxBatchesPerRead == 0) {
        return common::makeError("net.bad_options",
                                 "UDP socket options need batchSize, maxBatchesPerRead and "
                                 "sendQueueCapacity > 0 and maxDatagramSize >= 64");
    }
    auto bindAddress = SocketAddress::parse(options.host, options.port);
    if (!bindAddress) {
        return bindAddress.error();
    }
    const int family = bindAddress->isV4() ? AF_INET : AF_INET6;
    const int fd = ::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return systemError("net.socket_failed", "cannot create a UDP socket");
    }
    sizeBuffer(fd, SO_RCVBUFFORCE, SO_RCVBUF, options.receiveBufferBytes);
    sizeBuffer(fd, SO_SNDBUFFORCE, SO_SNDBUF, options.sendBufferBytes);
    const int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof(on));  // kernel drop counter

    sockaddr_storage storage{};
    const auto length = static_cast<socklen_t>(bindAddress->toSockaddr(storage));
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&storage), length) != 0) {
        auto error = systemError("net.bind_failed", "cannot bind UDP " + bindAddress->toString() +
                                                        " (is the port in use or the "
                                                        "address not local?)");
        ::close(fd);
        return error;
    }
    sockaddr_storage bound{};
    socklen_t boundLength = sizeof(bound);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &boundLength) != 0) {
        auto error = systemError("net.getsockname_failed", "cannot read the bound UDP address");
        ::close(fd);
        return error;
    }
    auto local =
        SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&bound), boundLength);
    if (!local) {
        ::close(fd);
        return local.error();
    }
    return std::unique_ptr<LinuxUdpSocket>(new LinuxUdpSocket(fd, *local, options));
}

LinuxUdpSocket::LinuxUdpSocket(int fd, SocketAddress local, const UdpSocketOptions& options)
    : fd_(fd),
      local_(local),
      options_(options),
      receiveRing_(std::make_unique<ReceiveRing>(options.batchSize, options.maxDatagramSize)),
      sendQueue_(options.sendQueueCapacity) {
    for (SendSlot& slot : sendQueue_) {
        slot.data.resize(options.maxDatagramSize);
    }
}

LinuxUdpSocket::~LinuxUdpSocket() {
    ::close(fd_);
}

bool LinuxUdpSocket::send(Bytes data, const SocketAddress& to) {
    if (data.size() > options_.maxDatagramSize) {
        counters_.sendQueueDrops.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    if (queued_ == sendQueue_.size()) {
        flush();  // make room if the kernel takes some
        if (queued_ == sendQueue_.size()) {
            counters_.sendQueueDrops.fetch_add(1, std::memory_order_relaxed);
            return false;
        }
    }
    SendSlot& slot = sendQueue_[(head_ + queued_) % sendQueue_.size()];
    std::copy(data.begin(), data.end(), slot.data.begin());
    slot.size = data.size();
    slot.toLength = static_cast<socklen_t>(to.toSockaddr(slot.to));
    ++queued_;
    return true;
}

bool LinuxUdpSocket::flush() {
    while (queued_ != 0) {
        if (!sendBatch()) {
            return false;
        }
    }
    return true;
}

bool LinuxUdpSocket::sendBatch() {
    const std::size_t count = std::min(queued_, options_.batchSize);
    mmsghdr messages[256];
    iovec iovecs[256];
    const std::size_t n = std::min<std::size_t>(count, 256);
    for (std::size_t i = 0; i < n; ++i) {
        SendSlot& slot = sendQueue_[(head_ + i) % sendQueue_.size()];
        iovecs[i].iov_base = slot.data.data();
        iovecs[i].iov_len = slot.size;
        messages[i] = mmsghdr{};
        messages[i].msg_hdr.msg_name = &slot.to;
        messages[i].msg_hdr.msg_namelen = slot.toLength;
        messages[i].msg_hdr.msg_iov = &iovecs[i];
        messages[i].msg_hdr.msg_iovlen = 1;
    }
    const int sent = ::sendmmsg(fd_, messages, static_cast<unsigned>(n), 0);
    std::size_t done = 0;
    if (sent < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) {
            return false;
        }
        if (errno == EINTR) {
            return true;
        }
        // The first datagram was refused (e.g. unreachable, too big): drop it.
        counters_.sendErrors.fetch_add(1, std::memory_order_relaxed);
        done = 1;
    } else {
        done = static_cast<std::size_t>(sent);
        std::uint64_t bytes = 0;
        for (std::size_t i = 0; i < done; ++i) {
            bytes += iovecs[i].iov_len;
        }
        counters_.datagramsSent.fetch_add(done, std::memory_order_relaxed);
        counters_.bytesSent.fetch_add(bytes, std::memory_order_relaxed);
    }
    head_ = (head_ + done) % sendQueue_.size();
    queued_ -= done;
    return true;
}

std::size_t LinuxUdpSocket::receive(const DatagramHandler& handler) {
    std::size_t delivered = 0;
    bool more = true;
    for (std::size_t i = 0; i < options_.maxBatchesPerRead && more; ++i) {
        delivered += receiveBatch(handler, more);
    }
    return delivered;
}

std::size_t LinuxUdpSocket::receiveBatch(const DatagramHandler& handler, bool& more) {
    ReceiveRing& ring = *receiveRing_;
    ring.prepare();
    const int n = ::recvmmsg(fd_, ring.messages.data(), static_cast<unsigned>(ring.messages.size()),
                             MSG_DONTWAIT, nullptr);
    if (n <= 0) {
        more = n < 0 && errno == EINTR;
        return 0;
    }
    const auto count = static_cast<std::size_t>(n);
    more = count == ring.messages.size();
    std::size_t delivered = 0;
    for (std::size_t i = 0; i < count; ++i) {
        msghdr& h = ring.messages[i].msg_hdr;
        for (cmsghdr* c = CMSG_FIRSTHDR(&h); c != nullptr; c = CMSG_NXTHDR(&h, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                std::uint32_t drops = 0;
                std::memcpy(&drops, CMSG_DATA(c), sizeof(drops));
                counters_.kernelDrops.store(drops, std::memory_order_relaxed);
            }
        }
        if ((h.msg_flags & MSG_TRUNC) != 0) {
            counters_.receiveTruncated.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        auto from = SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(h.msg_name),
                                                h.msg_namelen);
        if (!from) {
            continue;
        }
        const std::size_t size = ring.messages[i].msg_len;
        counters_.datagramsReceived.fetch_add(1, std::memory_order_relaxed);
        counters_.bytesReceived.fetch_add(size, std::memory_order_relaxed);
        handler(Bytes(ring.buffers.data() + i * ring.slotSize, size), *from);
        ++delivered;
    }
    return delivered;
}

UdpSocketStats LinuxUdpSocket::stats() const {
    constexpr auto relaxed = std::memory_order_relaxed;
    UdpSocketStats s;
    s.datagramsReceived = counters_.datagramsReceived.load(relaxed);
    s.bytesReceived = counters_.bytesReceived.load(relaxed);
    s.receiveTruncated = counters_.receiveTruncated.load(relaxed);
    s.kernelDrops = counters_.kernelDrops.load(relaxed);
    s.datagramsSent = counters_.datagramsSent.load(relaxed);
    s.bytesSent = counters_.bytesSent.load(relaxed);
    s.sendQueueDrops = counters_.sendQueueDrops.load(relaxed);
    s.sendErrors = counters_.sendErrors.load(relaxed);
    return s;
}

}  // namespace vp::sfu::net
