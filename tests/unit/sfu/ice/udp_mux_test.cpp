// UdpMux: STUN requests by ufrag, everything else by validated source address.
#include "sfu/ice/udp_mux.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "stun_test_messages.hpp"

namespace vp::sfu::ice {
namespace {

using testing::buildRequest;
using testing::RequestSpec;

const net::SocketAddress kAddr1 = net::SocketAddress::v4({192, 0, 2, 1}, 1000);
const net::SocketAddress kAddr2 = net::SocketAddress::v4({192, 0, 2, 2}, 2000);
const net::SocketAddress kAddr3 = net::SocketAddress::v4({192, 0, 2, 3}, 3000);

class RecordingTransport final : public MuxedTransport {
  public:
    void receiveStun(const packet::StunMessageView& message,
                     const net::SocketAddress& from) override {
        stun.push_back({std::string(message.username().value_or("")), from});
    }
    void receiveDatagram(std::span<const std::uint8_t> data, packet::PacketKind kind,
                         const net::SocketAddress& from) override {
        datagrams.push_back({kind, data.size(), from});
    }

    struct StunSeen {
        std::string username;
        net::SocketAddress from;
    };
    struct DatagramSeen {
        packet::PacketKind kind;
        std::size_t size;
        net::SocketAddress from;
    };
    std::vector<StunSeen> stun;
    std::vector<DatagramSeen> datagrams;
};

std::vector<std::uint8_t> request(const std::string& username) {
    RequestSpec spec;
    spec.username = username;
    return buildRequest(spec);
}

std::vector<std::uint8_t> rtpPacket() {
    std::vector<std::uint8_t> p(40, 0);
    p[0] = 0x80;
    p[1] = 96;
    return p;
}

std::vector<std::uint8_t> dtlsRecord() {
    std::vector<std::uint8_t> p(30, 0);
    p[0] = 22;  // handshake
    p[1] = 0xFE;
    p[2] = 0xFD;
    return p;
}

TEST(UdpMux, RoutesStunRequestsByLocalUfrag) {
    UdpMux mux;
    RecordingTransport a;
    RecordingTransport b;
    ASSERT_TRUE(mux.addUfrag("ufragA", a).ok());
    ASSERT_TRUE(mux.addUfrag("ufragB", b).ok());
    mux.route(request("ufragA:peer1"), kAddr1);
    mux.route(request("ufragB:peer2"), kAddr2);
    mux.route(request("ufragB:peer3"), kAddr1);
    ASSERT_EQ(a.stun.size(), 1u);
    EXPECT_EQ(a.stun[0].username, "ufragA:peer1");
    EXPECT_EQ(a.stun[0].from, kAddr1);
    ASSERT_EQ(b.stun.size(), 2u);
    EXPECT_EQ(mux.stats().routedByUfrag, 3u);
}

TEST(UdpMux, UnknownUfragIsDroppedAndCounted) {
    UdpMux mux;
    RecordingTransport a;
    ASSERT_TRUE(mux.addUfrag("ufragA", a).ok());
    mux.route(request("nobody:peer"), kAddr1);
    mux.route(request("ufragAB:peer"), kAddr1);  // a prefix is not a match
    EXPECT_TRUE(a.stun.empty());
    EXPECT_EQ(mux.stats().droppedUnknownUfrag, 2u);
}

TEST(UdpMux, NonStunGoesByValidatedAddressOnly) {
    UdpMux mux;
    RecordingTransport a;
    RecordingTransport b;
    ASSERT_TRUE(mux.addUfrag("ufragA", a).ok());
    ASSERT_TRUE(mux.addUfrag("ufragB", b).ok());
    mux.route(rtpPacket(), kAddr1);
    EXPECT_EQ(mux.stats().droppedUnknownSource, 1u);
    EXPECT_TRUE(a.datagrams.empty());

    ASSERT_TRUE(mux.addAddress(kAddr1, a).ok());
    ASSERT_TRUE(mux.addAddress(kAddr2, b).ok());
    mux.route(rtpPacket(), kAddr1);
    mux.route(dtlsRecord(), kAddr2);
    mux.route(rtpPacket(), kAddr3);
    ASSERT_EQ(a.datagrams.size(), 1u);
    EXPECT_EQ(a.datagrams[0].kind, packet::PacketKind::Rtp);
    EXPECT_EQ(a.datagrams[0].size, 40u);
    ASSERT_EQ(b.datagrams.size(), 1u);
    EXPECT_EQ(b.datagrams[0].kind, packet::PacketKind::Dtls);
    EXPECT_EQ(mux.stats().routedByAddress, 2u);
    EXPECT_EQ(mux.stats().droppedUnknownSource, 2u);
}

TEST(UdpMux, StunResponsesAndIndicationsGoByAddress) {
    UdpMux mux;
    RecordingTransport a;
    ASSERT_TRUE(mux.addAddress(kAddr1, a).ok());
    RequestSpec indication;
    indication.cls = packet::StunClass::Indication;
    mux.route(buildRequest(indication), kAddr1);
    mux.route(buildRequest(indication), kAddr2);
    EXPECT_EQ(a.stun.size(), 1u);
    EXPECT_EQ(mux.stats().droppedUnknownSource, 1u);
}

TEST(UdpMux, GarbageAndBrokenStunAreDroppedAsMalformed) {
    UdpMux mux;
    RecordingTransport a;
    ASSERT_TRUE(mux.addAddress(kAddr1, a).ok());
    const std::vector<std::uint8_t> garbage(50, 0xFF);
    mux.route(garbage, kAddr1);
    auto truncated = request("ufragA:peer");
    truncated.resize(truncated.size() - 4);
    mux.route(truncated, kAddr1);
    mux.route(std::vector<std::uint8_t>{}, kAddr1);
    EXPECT_EQ(mux.stats().droppedMalformed, 3u);
    EXPECT_TRUE(a.stun.empty());
    EXPECT_TRUE(a.datagrams.empty());
}

TEST(UdpMux, UfragBelongsToOneTransport) {
    UdpMux mux;
    RecordingTransport a;
    RecordingTransport b;
    ASSERT_TRUE(mux.addUfrag("same", a).ok());
    EXPECT_TRUE(mux.addUfrag("same", a).ok());  // idempotent
    auto taken = mux.addUfrag("same", b);
    ASSERT_FALSE(taken.ok());
    EXPECT_EQ(taken.error().code, "ice.ufrag_taken");
}

TEST(UdpMux, AddressesPerTransportAreBounded) {
    UdpMux mux(UdpMuxOptions{100, 2});
    RecordingTransport a;
    ASSERT_TRUE(mux.addAddress(kAddr1, a).ok());
    ASSERT_TRUE(mux.addAddress(kAddr2, a).ok());
    auto third = mux.addAddress(kAddr3, a);
    ASSERT_FALSE(third.ok());
    EXPECT_EQ(third.error().code, "ice.too_many_addresses");
    mux.removeAddress(kAddr1, a);
    EXPECT_TRUE(mux.addAddress(kAddr3, a).ok());
}

TEST(UdpMux, TransportsAreBounded) {
    UdpMux mux(UdpMuxOptions{1, 8});
    RecordingTransport a;
    RecordingTransport b;
    ASSERT_TRUE(mux.addUfrag("ufragA", a).ok());
    EXPECT_EQ(mux.addUfrag("ufragB", b).error().code, "ice.too_many_transports");
}

TEST(UdpMux, AddressMovesToTheTransportThatValidatedItLast) {
    UdpMux mux;
    RecordingTransport a;
    RecordingTransport b;
    ASSERT_TRUE(mux.addAddress(kAddr1, a).ok());
    ASSERT_TRUE(mux.addAddress(kAddr1, b).ok());
    mux.route(rtpPacket(), kAddr1);
    EXPECT_TRUE(a.datagrams.empty());
    EXPECT_EQ(b.datagrams.size(), 1u);
    mux.removeAddress(kAddr1, a);  // not a's any more: no effect
    mux.route(rtpPacket(), kAddr1);
    EXPECT_EQ(b.datagrams.size(), 2u);
}

TEST(UdpMux, UnregisteringStopsRouting) {
    UdpMux mux;
    RecordingTransport a;
    RecordingTransport b;
    ASSERT_TRUE(mux.addUfrag("ufragA", a).ok());
    ASSERT_TRUE(mux.addUfrag("ufragB", b).ok());
    ASSERT_TRUE(mux.addAddress(kAddr1, a).ok());
    mux.removeUfrag("ufragB");
    mux.route(request("ufragB:peer"), kAddr2);
    EXPECT_TRUE(b.stun.empty());

    mux.removeTransport(a);
    mux.route(request("ufragA:peer"), kAddr1);
    mux.route(rtpPacket(), kAddr1);
    EXPECT_TRUE(a.stun.empty());
    EXPECT_TRUE(a.datagrams.empty());
    EXPECT_EQ(mux.addressCount(), 0u);
    EXPECT_EQ(mux.stats().droppedUnknownUfrag, 2u);
    EXPECT_EQ(mux.stats().droppedUnknownSource, 1u);
}

TEST(UdpMux, IceRestartMovesTheUfragRoute) {
    UdpMux mux;
    RecordingTransport a;
    ASSERT_TRUE(mux.addUfrag("oldufrag", a).ok());
    ASSERT_TRUE(mux.addUfrag("newufrag", a).ok());
    mux.removeUfrag("oldufrag");
    mux.route(request("oldufrag:peer"), kAddr1);
    mux.route(request("newufrag:peer"), kAddr1);
    ASSERT_EQ(a.stun.size(), 1u);
    EXPECT_EQ(a.stun[0].username, "newufrag:peer");
}

}  // namespace
}  // namespace vp::sfu::ice
