#include "sfu/srtp/srtp_session.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "dtls_test_link.hpp"

namespace vp::sfu::srtp {
namespace {

using dtls::DtlsContext;
using dtls::DtlsContextOptions;
using dtls::SrtpKeys;

std::vector<std::uint8_t> rtpPacket(std::uint16_t sequence, std::uint32_t ssrc) {
    std::vector<std::uint8_t> packet{0x80,
                                     96,
                                     static_cast<std::uint8_t>(sequence >> 8),
                                     static_cast<std::uint8_t>(sequence),
                                     0,
                                     0,
                                     0x12,
                                     0x34,
                                     static_cast<std::uint8_t>(ssrc >> 24),
                                     static_cast<std::uint8_t>(ssrc >> 16),
                                     static_cast<std::uint8_t>(ssrc >> 8),
                                     static_cast<std::uint8_t>(ssrc)};
    for (int i = 0; i < 100; ++i) {
        packet.push_back(static_cast<std::uint8_t>(i + sequence));
    }
    return packet;
}

std::vector<std::uint8_t> rtcpReceiverReport(std::uint32_t ssrc) {
    return {0x80,
            201,
            0x00,
            0x01,
            static_cast<std::uint8_t>(ssrc >> 24),
            static_cast<std::uint8_t>(ssrc >> 16),
            static_cast<std::uint8_t>(ssrc >> 8),
            static_cast<std::uint8_t>(ssrc)};
}

// A packet in a buffer with room for the SRTP trailer.
struct Wire {
    explicit Wire(const std::vector<std::uint8_t>& packet)
        : buffer(packet.size() + SrtpSession::kProtectOverhead), length(packet.size()) {
        std::copy(packet.begin(), packet.end(), buffer.begin());
    }
    std::vector<std::uint8_t> bytes() const {
        return {buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(length)};
    }
    std::vector<std::uint8_t> buffer;
    std::size_t length;
};

// Client -> server sessions keyed by a real DTLS-SRTP handshake.
struct KeyedPair {
    SrtpSession clientOut;
    SrtpSession serverIn;
    SrtpSession serverOut;
    SrtpSession clientIn;
};

KeyedPair handshake(SrtpProfile profile) {
    DtlsContextOptions serverOptions;
    serverOptions.srtpProfiles = {profile};
    const DtlsContext client = dtls::test_support::makeContext();
    const DtlsContext server = dtls::test_support::makeContext(serverOptions);
    dtls::test_support::DtlsTestLink link(client, server);
    link.exchangeFingerprints();
    link.start();
    link.pump();
    EXPECT_TRUE(link.bothConnected());
    const SrtpKeys& c = *link.client.keys;
    const SrtpKeys& s = *link.server.keys;
    auto make = [profile](SrtpDirection direction, const std::vector<std::uint8_t>& key) {
        auto session = SrtpSession::create(direction, profile, key);
        EXPECT_TRUE(session.ok());
        return std::move(session).value();
    };
    return KeyedPair{make(SrtpDirection::Outbound, c.localKeyAndSalt),
                     make(SrtpDirection::Inbound, s.remoteKeyAndSalt),
                     make(SrtpDirection::Outbound, s.localKeyAndSalt),
                     make(SrtpDirection::Inbound, c.remoteKeyAndSalt)};
}

class SrtpSessionTest : public ::testing::TestWithParam<SrtpProfile> {};

TEST_P(SrtpSessionTest, RtpRoundTripsBothWays) {
    KeyedPair pair = handshake(GetParam());
    const auto original = rtpPacket(1000, 0x11223344);

    Wire wire(original);
    auto protectedLength = pair.clientOut.protectRtp(wire.buffer, wire.length);
    ASSERT_TRUE(protectedLength.ok()) << protectedLength.error().message;
    EXPECT_EQ(*protectedLength,
              original.size() + (GetParam() == SrtpProfile::AeadAes128Gcm ? 16U : 10U));
    wire.length = *protectedLength;
    EXPECT_NE(std::vector<std::uint8_t>(wire.buffer.begin() + 12, wire.buffer.begin() + 112),
              std::vector<std::uint8_t>(original.begin() + 12, original.end()));

    auto plainLength = pair.serverIn.unprotectRtp(wire.buffer, wire.length);
    ASSERT_TRUE(plainLength.ok()) << plainLength.error().message;
    wire.length = *plainLength;
    EXPECT_EQ(wire.bytes(), original);

    Wire back(original);
    back.length = pair.serverOut.protectRtp(back.buffer, back.length).value();
    back.length = pair.clientIn.unprotectRtp(back.buffer, back.length).value();
    EXPECT_EQ(back.bytes(), original);
}

TEST_P(SrtpSessionTest, RtcpRoundTrips) {
    KeyedPair pair = handshake(GetParam());
    const auto original = rtcpReceiverReport(0x55667788);
    Wire wire(original);
    auto protectedLength = pair.clientOut.protectRtcp(wire.buffer, wire.length);
    ASSERT_TRUE(protectedLength.ok()) << protectedLength.error().message;
    wire.length = *protectedLength;
    EXPECT_GT(wire.length, original.size());
    auto plainLength = pair.serverIn.unprotectRtcp(wire.buffer, wire.length);
    ASSERT_TRUE(plainLength.ok()) << plainLength.error().message;
    wire.length = *plainLength;
    EXPECT_EQ(wire.bytes(), original);
}

TEST_P(SrtpSessionTest, TamperedPacketsAreRefused) {
    KeyedPair pair = handshake(GetParam());
    Wire rtp(rtpPacket(7, 1));
    rtp.length = pair.clientOut.protectRtp(rtp.buffer, rtp.length).value();
    rtp.buffer[20] ^= 0x01;
    auto result = pair.serverIn.unprotectRtp(rtp.buffer, rtp.length);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "srtp_auth_failed");

    Wire rtcp(rtcpReceiverReport(1));
    rtcp.length = pair.clientOut.protectRtcp(rtcp.buffer, rtcp.length).value();
    rtcp.buffer[rtcp.length - 1] ^= 0x80;  // in the tag
    auto rtcpResult = pair.serverIn.unprotectRtcp(rtcp.buffer, rtcp.length);
    ASSERT_FALSE(rtcpResult.ok());
    EXPECT_EQ(rtcpResult.error().code, "srtp_auth_failed");
}

TEST_P(SrtpSessionTest, ReplayedPacketIsRefused) {
    KeyedPair pair = handshake(GetParam());
    Wire wire(rtpPacket(42, 9));
    wire.length = pair.clientOut.protectRtp(wire.buffer, wire.length).value();
    const std::vector<std::uint8_t> sent = wire.bytes();

    ASSERT_TRUE(pair.serverIn.unprotectRtp(wire.buffer, wire.length).ok());
    std::vector<std::uint8_t> replay = sent;
    auto result = pair.serverIn.unprotectRtp(replay, replay.size());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "srtp_replay");
}

TEST_P(SrtpSessionTest, SameSsrcWorksInSeveralSessionsAndRetransmissions) {
    KeyedPair first = handshake(GetParam());
    KeyedPair second = handshake(GetParam());
    for (KeyedPair* pair : {&first, &second}) {
        // The same packet protected twice (a retransmission) is allowed outbound.
        for (int copy = 0; copy < 2; ++copy) {
            Wire wire(rtpPacket(5, 0xABCDEF01));
            auto length = pair->clientOut.protectRtp(wire.buffer, wire.length);
            ASSERT_TRUE(length.ok()) << length.error().message;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(BothProfiles, SrtpSessionTest,
                         ::testing::Values(SrtpProfile::AesCm128HmacSha1_80,
                                           SrtpProfile::AeadAes128Gcm));

TEST(SrtpSessionContractTest, RefusesWrongKeyLengthDirectionAndSmallBuffers) {
    const std::array<std::uint8_t, 30> key{};
    auto bad = SrtpSession::create(SrtpDirection::Inbound, SrtpProfile::AeadAes128Gcm, key);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "srtp_bad_key_length");

    auto inbound =
        SrtpSession::create(SrtpDirection::Inbound, SrtpProfile::AesCm128HmacSha1_80, key);
    ASSERT_TRUE(inbound.ok());
    Wire wire(rtpPacket(1, 1));
    EXPECT_EQ(inbound->protectRtp(wire.buffer, wire.length).error().code, "srtp_wrong_direction");

    auto outbound =
        SrtpSession::create(SrtpDirection::Outbound, SrtpProfile::AesCm128HmacSha1_80, key);
    ASSERT_TRUE(outbound.ok());
    std::vector<std::uint8_t> tight = rtpPacket(1, 1);
    EXPECT_EQ(outbound->protectRtp(tight, tight.size()).error().code, "srtp_buffer_too_small");
    EXPECT_EQ(outbound->unprotectRtp(tight, tight.size()).error().code, "srtp_wrong_direction");
    EXPECT_EQ(inbound->unprotectRtp(tight, tight.size() + 1).error().code, "srtp_buffer_too_small");

    SrtpSession moved = std::move(outbound).value();
    EXPECT_TRUE(moved.protectRtp(wire.buffer, wire.length).ok());
}

TEST(SrtpSessionContractTest, GarbageIsRefusedNotCrashed) {
    const std::array<std::uint8_t, 28> key{1, 2, 3};
    auto inbound = SrtpSession::create(SrtpDirection::Inbound, SrtpProfile::AeadAes128Gcm, key);
    ASSERT_TRUE(inbound.ok());
    for (std::size_t n = 0; n < 64; ++n) {
        std::vector<std::uint8_t> junk(n, static_cast<std::uint8_t>(0x80 + n));
        EXPECT_FALSE(inbound->unprotectRtp(junk, junk.size()).ok());
        EXPECT_FALSE(inbound->unprotectRtcp(junk, junk.size()).ok());
    }
}

}  // namespace
}  // namespace vp::sfu::srtp
