#pragma once
// SocketAddress: an IPv4 or IPv6 transport address (ip + port), compact (20 bytes),
// comparable and hashable, for the media path's address-keyed maps.
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"

struct sockaddr;
struct sockaddr_storage;

namespace vp::sfu::net {

class SocketAddress {
  public:
    enum class Family : std::uint8_t { V4 = 4, V6 = 6 };

    SocketAddress() = default;  // 0.0.0.0:0
    static SocketAddress v4(std::array<std::uint8_t, 4> ip, std::uint16_t port);
    static SocketAddress v6(std::array<std::uint8_t, 16> ip, std::uint16_t port);
    // Parses a numeric IPv4 ("192.0.2.1") or IPv6 ("2001:db8::1", no brackets) address.
    static common::Result<SocketAddress> parse(std::string_view ip, std::uint16_t port);
    // From a kernel address; an error for anything that is not AF_INET/AF_INET6.
    static common::Result<SocketAddress> fromSockaddr(const sockaddr* addr, std::size_t length);

    // Fills `out`; returns the length to pass to the kernel.
    std::size_t toSockaddr(sockaddr_storage& out) const;

    Family family() const { return family_; }
    bool isV4() const { return family_ == Family::V4; }
    std::uint16_t port() const { return port_; }
    // Network-order bytes; IPv4 uses the first four.
    const std::array<std::uint8_t, 16>& ipBytes() const { return ip_; }
    std::size_t ipSize() const { return isV4() ? 4 : 16; }
    SocketAddress withPort(std::uint16_t port) const;

    // "192.0.2.1" / "2001:db8::1"
    std::string ipString() const;
    // "192.0.2.1:5000" / "[2001:db8::1]:5000"
    std::string toString() const;

    std::size_t hash() const;

    friend bool operator==(const SocketAddress&, const SocketAddress&) = default;
    friend auto operator<=>(const SocketAddress&, const SocketAddress&) = default;

  private:
    std::array<std::uint8_t, 16> ip_{};
    std::uint16_t port_ = 0;
    Family family_ = Family::V4;
};

struct SocketAddressHash {
    std::size_t operator()(const SocketAddress& a) const { return a.hash(); }
};

}  // namespace vp::sfu::net
