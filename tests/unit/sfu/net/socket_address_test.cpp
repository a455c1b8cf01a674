// SocketAddress: parsing, printing, kernel round trips, hashing and ordering.
#include "sfu/net/socket_address.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <unordered_set>

namespace vp::sfu::net {
namespace {

TEST(SocketAddress, ParsesAndPrintsIpv4) {
    auto a = SocketAddress::parse("192.0.2.33", 5004);
    ASSERT_TRUE(a.ok());
    EXPECT_TRUE(a->isV4());
    EXPECT_EQ(a->port(), 5004);
    EXPECT_EQ(a->ipString(), "192.0.2.33");
    EXPECT_EQ(a->toString(), "192.0.2.33:5004");
    EXPECT_EQ(*a, SocketAddress::v4({192, 0, 2, 33}, 5004));
}

TEST(SocketAddress, ParsesAndPrintsIpv6InBrackets) {
    auto a = SocketAddress::parse("2001:db8::1", 443);
    ASSERT_TRUE(a.ok());
    EXPECT_FALSE(a->isV4());
    EXPECT_EQ(a->ipString(), "2001:db8::1");
    EXPECT_EQ(a->toString(), "[2001:db8::1]:443");
}

TEST(SocketAddress, RejectsNamesAndGarbage) {
    for (const char* text : {"", "localhost", "1.2.3", "1.2.3.4.5", "::g", "[::1]"}) {
        auto a = SocketAddress::parse(text, 1);
        ASSERT_FALSE(a.ok()) << text;
        EXPECT_EQ(a.error().code, "net.bad_address");
    }
    EXPECT_FALSE(SocketAddress::parse(std::string(100, '1'), 1).ok());
}

TEST(SocketAddress, RoundTripsThroughKernelSockaddr) {
    for (const auto& text : {"203.0.113.5", "fe80::1:2"}) {
        auto a = SocketAddress::parse(text, 60000).value();
        sockaddr_storage storage{};
        const std::size_t length = a.toSockaddr(storage);
        auto back =
            SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&storage), length);
        ASSERT_TRUE(back.ok());
        EXPECT_EQ(*back, a);
    }
    sockaddr_storage unix{};
    unix.ss_family = AF_UNIX;
    EXPECT_FALSE(
        SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&unix), sizeof(unix)).ok());
    sockaddr_storage shortV4{};
    shortV4.ss_family = AF_INET;
    EXPECT_FALSE(SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&shortV4), 4).ok());
}

TEST(SocketAddress, EqualAddressesHashEquallyAndDistinctOnesDiffer) {
    std::unordered_set<SocketAddress, SocketAddressHash> set;
    set.insert(SocketAddress::v4({10, 0, 0, 1}, 1));
    set.insert(SocketAddress::v4({10, 0, 0, 1}, 1));
    set.insert(SocketAddress::v4({10, 0, 0, 1}, 2));
    set.insert(SocketAddress::v4({10, 0, 0, 2}, 1));
    set.insert(SocketAddress::parse("::ffff:10.0.0.1", 1).value());  // v6 is another family
    EXPECT_EQ(set.size(), 4u);
    EXPECT_EQ(SocketAddress::v4({10, 0, 0, 1}, 1).hash(),
              SocketAddress::v4({10, 0, 0, 1}, 1).hash());
}

TEST(SocketAddress, OrdersTotally) {
    const auto a = SocketAddress::v4({10, 0, 0, 1}, 1);
    const auto b = SocketAddress::v4({10, 0, 0, 1}, 2);
    const auto c = SocketAddress::v4({10, 0, 0, 2}, 1);
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_EQ(a.withPort(2), b);
}

}  // namespace
}  // namespace vp::sfu::net
