#include "sfu/net/socket_address.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace vp::sfu::net {

SocketAddress SocketAddress::v4(std::array<std::uint8_t, 4> ip, std::uint16_t port) {
    SocketAddress a;
    a.family_ = Family::V4;
    std::copy(ip.begin(), ip.end(), a.ip_.begin());
    a.port_ = port;
    return a;
}

SocketAddress SocketAddress::v6(std::array<std::uint8_t, 16> ip, std::uint16_t port) {
    SocketAddress a;
    a.family_ = Family::V6;
    a.ip_ = ip;
    a.port_ = port;
    return a;
}

common::Result<SocketAddress> SocketAddress::parse(std::string_view ip, std::uint16_t port) {
    // inet_pton needs a terminated string; an address is at most 45 characters.
    char text[INET6_ADDRSTRLEN + 1] = {};
    if (ip.empty() || ip.size() >= sizeof(text)) {
        return common::makeError("net.bad_address", "'" + std::string(ip.substr(0, 64)) +
                                                        "' is not a numeric IPv4 or IPv6 address");
    }
    std::memcpy(text, ip.data(), ip.size());
    std::array<std::uint8_t, 4> v4bytes{};
    if (inet_pton(AF_INET, text, v4bytes.data()) == 1) {
        return v4(v4bytes, port);
    }
    std::array<std::uint8_t, 16> v6bytes{};
    if (inet_pton(AF_INET6, text, v6bytes.data()) == 1) {
        return v6(v6bytes, port);
    }
    return common::makeError("net.bad_address", "'" + std::string(ip) +
                                                    "' is not a numeric IPv4 or IPv6 address; "
                                                    "host names are not resolved here");
}

common::Result<SocketAddress> SocketAddress::fromSockaddr(const sockaddr* addr,
                                                          std::size_t length) {
    if (addr != nullptr && addr->sa_family == AF_INET && length >= sizeof(sockaddr_in)) {
        sockaddr_in in{};
        std::memcpy(&in, addr, sizeof(in));
        std::array<std::uint8_t, 4> ip{};
        std::memcpy(ip.data(), &in.sin_addr, 4);
        return v4(ip, ntohs(in.sin_port));
    }
    if (addr != nullptr && addr->sa_family == AF_INET6 && length >= sizeof(sockaddr_in6)) {
        sockaddr_in6 in6{};
        std::memcpy(&in6, addr, sizeof(in6));
        std::array<std::uint8_t, 16> ip{};
        std::memcpy(ip.data(), &in6.sin6_addr, 16);
        return v6(ip, ntohs(in6.sin6_port));
    }
    return common::makeError("net.bad_family", "the kernel returned a non-IP socket address");
}

std::size_t SocketAddress::toSockaddr(sockaddr_storage& out) const {
    std::memset(&out, 0, sizeof(out));
    if (isV4()) {
        sockaddr_in in{};
        in.sin_family = AF_INET;
        in.sin_port = htons(port_);
        std::memcpy(&in.sin_addr, ip_.data(), 4);
        std::memcpy(&out, &in, sizeof(in));
        return sizeof(in);
    }
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(port_);
    std::memcpy(&in6.sin6_addr, ip_.data(), 16);
    std::memcpy(&out, &in6, sizeof(in6));
    return sizeof(in6);
}

SocketAddress SocketAddress::withPort(std::uint16_t port) const {
    SocketAddress a = *this;
    a.port_ = port;
    return a;
}

std::string SocketAddress::ipString() const {
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(isV4() ? AF_INET : AF_INET6, ip_.data(), text, sizeof(text));
    return text;
}

std::string SocketAddress::toString() const {
    if (isV4()) {
        return ipString() + ":" + std::to_string(port_);
    }
    return "[" + ipString() + "]:" + std::to_string(port_);
}

std::size_t SocketAddress::hash() const {
    // FNV-1a over the significant bytes: cheap and well spread for address keys.
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](std::uint8_t b) {
        h ^= b;
        h *= 1099511628211ull;
    };
    mix(static_cast<std::uint8_t>(family_));
    for (std::size_t i = 0; i < ipSize(); ++i) {
        mix(ip_[i]);
    }
    mix(static_cast<std::uint8_t>(port_ >> 8));
    mix(static_cast<std::uint8_t>(port_ & 0xFF));
    return static_cast<std::size_t>(h);
}

}  // namespace vp::sfu::net
