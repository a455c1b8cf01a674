// LinuxUdpSocket on loopback: batches in both directions, IPv6, oversize
// datagrams, bind errors.
#include "sfu/net/linux_udp_socket.hpp"

#include <gtest/gtest.h>
#include <poll.h>

#include <vector>

namespace vp::sfu::net {
namespace {

std::unique_ptr<LinuxUdpSocket> openOn(const std::string& host, UdpSocketOptions options = {}) {
    options.host = host;
    auto s = LinuxUdpSocket::open(options);
    return s ? std::move(*s) : nullptr;
}

// Receives until `count` datagrams arrived or a second passed.
std::vector<std::vector<std::uint8_t>> receiveSome(LinuxUdpSocket& s, std::size_t count,
                                                   SocketAddress* from = nullptr) {
    std::vector<std::vector<std::uint8_t>> got;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (got.size() < count && std::chrono::steady_clock::now() < deadline) {
        pollfd p{s.fd(), POLLIN, 0};
        ::poll(&p, 1, 50);
        s.receive([&](Bytes data, const SocketAddress& f) {
            got.emplace_back(data.begin(), data.end());
            if (from != nullptr) {
                *from = f;
            }
        });
    }
    return got;
}

TEST(LinuxUdpSocket, BindsAnEphemeralPortAndExchangesBatches) {
    auto a = openOn("127.0.0.1");
    auto b = openOn("127.0.0.1");
    ASSERT_TRUE(a && b);
    EXPECT_NE(a->localAddress().port(), 0);
    for (std::uint8_t i = 0; i < 200; ++i) {
        const std::array<std::uint8_t, 3> payload{i, 1, 2};
        ASSERT_TRUE(a->send(payload, b->localAddress()));
    }
    EXPECT_TRUE(a->hasQueuedSends());
    EXPECT_TRUE(a->flush());
    EXPECT_FALSE(a->hasQueuedSends());
    SocketAddress from;
    auto got = receiveSome(*b, 200, &from);
    ASSERT_EQ(got.size(), 200u);
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i][0], static_cast<std::uint8_t>(i));  // order kept on loopback
    }
    EXPECT_EQ(from, a->localAddress());
    EXPECT_EQ(a->stats().datagramsSent, 200u);
    EXPECT_EQ(b->stats().datagramsReceived, 200u);
    EXPECT_EQ(b->stats().bytesReceived, 600u);
}

TEST(LinuxUdpSocket, WorksOverIpv6Loopback) {
    auto a = openOn("::1");
    auto b = openOn("::1");
    if (!a || !b) {
        GTEST_SKIP() << "no IPv6 loopback here";
    }
    const std::array<std::uint8_t, 4> payload{9, 8, 7, 6};
    ASSERT_TRUE(a->send(payload, b->localAddress()));
    a->flush();
    SocketAddress from;
    auto got = receiveSome(*b, 1, &from);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_FALSE(from.isV4());
    EXPECT_EQ(from.toString(), "[::1]:" + std::to_string(a->localAddress().port()));
}

TEST(LinuxUdpSocket, OversizeDatagramsAreDroppedAndCountedBothWays) {
    UdpSocketOptions small;
    small.maxDatagramSize = 100;
    auto a = openOn("127.0.0.1", small);
    auto b = openOn("127.0.0.1", small);
    auto big = openOn("127.0.0.1");
    ASSERT_TRUE(a && b && big);
    const std::vector<std::uint8_t> large(500, 0xAB);
    EXPECT_FALSE(a->send(large, b->localAddress()));
    EXPECT_EQ(a->stats().sendQueueDrops, 1u);

    ASSERT_TRUE(big->send(large, b->localAddress()));
    const std::array<std::uint8_t, 10> fits{};
    ASSERT_TRUE(big->send(fits, b->localAddress()));
    big->flush();
    auto got = receiveSome(*b, 1);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].size(), 10u);
    EXPECT_EQ(b->stats().receiveTruncated, 1u);
}

TEST(LinuxUdpSocket, BindingATakenPortFailsWithAClearError) {
    auto a = openOn("127.0.0.1");
    ASSERT_TRUE(a);
    UdpSocketOptions options;
    options.host = "127.0.0.1";
    options.port = a->localAddress().port();
    auto b = LinuxUdpSocket::open(options);
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.error().code, "net.bind_failed");
    EXPECT_NE(b.error().message.find("in use"), std::string::npos);
}

TEST(LinuxUdpSocket, RejectsHostNamesAndBadOptions) {
    UdpSocketOptions options;
    options.host = "localhost";
    EXPECT_EQ(LinuxUdpSocket::open(options).error().code, "net.bad_address");
    options.host = "127.0.0.1";
    options.batchSize = 0;
    EXPECT_EQ(LinuxUdpSocket::open(options).error().code, "net.bad_options");
}

}  // namespace
}  // namespace vp::sfu::net
