// The forwarding path: one producer to N consumers, each rewritten to its own
// SSRC, continuous numbering, payload type and extensions.
#include <gtest/gtest.h>

#include "router_fixture.hpp"
#include "sfu/packet/rtp_header_extensions.hpp"

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using rtp_parameters::MediaKind;
using test::Extension;
using test::RouterTest;

// Chrome VP8 fixture extension ids: mid 1, abs-send-time 4, transport-cc 5, orientation 11.
std::vector<Extension> chromeVideoExtensions() {
    return {{1, {'1'}}, {4, {0x01, 0x02, 0x03}}, {5, {0x00, 0x07}}, {11, {0x01}}};
}

packet::RtpPacketView parsed(const std::vector<std::uint8_t>& bytes) {
    auto view = packet::RtpPacketView::parse(bytes);
    EXPECT_TRUE(view);
    return *view;
}

class ForwardingTest : public RouterTest {};

TEST_F(ForwardingTest, EveryConsumerGetsItsOwnContinuousStream) {
    ASSERT_NE(produceVp8(), nullptr);
    const Consumer* consumers[3] = {consume("s1", "c1", "cam"), consume("s2", "c2", "cam"),
                                    consume("s3", "c3", "cam")};
    for (std::uint16_t i = 0; i < 10; ++i) {
        clock_.advance(33ms);
        send("pub",
             test::rtpPacket(test::kVp8Ssrc, 101, static_cast<std::uint16_t>(65530 + i), 3000u * i,
                             chromeVideoExtensions(), {9, 8, 7, static_cast<std::uint8_t>(i)}));
    }
    for (int k = 0; k < 3; ++k) {
        const auto& out = transports_["s" + std::to_string(k + 1)]->rtp;
        ASSERT_EQ(out.size(), 10u);
        const auto first = parsed(out[0]);
        for (std::uint16_t i = 0; i < 10; ++i) {
            const auto p = parsed(out[i]);
            EXPECT_EQ(p.ssrc(), consumers[k]->ssrc());
            EXPECT_EQ(p.payloadType(), 101);
            EXPECT_EQ(p.sequenceNumber(), static_cast<std::uint16_t>(first.sequenceNumber() + i));
            EXPECT_EQ(p.timestamp(), first.timestamp() + 3000u * i);
            ASSERT_EQ(p.payload().size(), 4u);
            EXPECT_EQ(p.payload()[3], i);
        }
        EXPECT_EQ(consumers[k]->stats().packetsSent, 10u);
    }
    // Each consumer starts at its own random point.
    EXPECT_NE(parsed(transports_["s1"]->rtp[0]).sequenceNumber(),
              parsed(transports_["s2"]->rtp[0]).sequenceNumber());
}

TEST_F(ForwardingTest, ExtensionsAreRenumberedFilteredAndMidIsTheConsumers) {
    // A producer whose extension ids differ from the router's.
    auto params = test::fixtureParameters("chrome_vp8_producer.json");
    params.headerExtensions = {
        {"urn:ietf:params:rtp-hdrext:sdes:mid", 9, false, {}},
        {"urn:3gpp:video-orientation", 3, false, {}},
        {"urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", 7, false, {}},
        {"urn:x-unknown", 12, false, {}},
    };
    transport("pub");
    ASSERT_TRUE(router_.produce({"pub", "cam", MediaKind::Video, params, false}).ok());
    consume("sub", "c0", "cam");                      // mid "0"
    const Consumer* c = consume("sub", "c1", "cam");  // mid "1"
    ASSERT_EQ(c->rtpParameters().mid, "1");

    send("pub", test::rtpPacket(test::kVp8Ssrc, 101, 1, 1,
                                {{9, {'p', 'u', 'b'}}, {3, {0x02}}, {7, {'h'}}, {12, {0xEE}}}));
    auto& out = transports_["sub"]->rtp;
    ASSERT_EQ(out.size(), 2u);
    const auto p = parsed(out[1]);
    ASSERT_TRUE(p.extension(11));  // orientation, renumbered 3 -> 11
    EXPECT_EQ((*p.extension(11))[0], 0x02);
    ASSERT_TRUE(p.extension(1));
    EXPECT_EQ(packet::decodeSdesText(*p.extension(1)), "1");  // the consumer's own mid
    EXPECT_FALSE(p.extension(3));
    EXPECT_FALSE(p.extension(7));   // rid is receive-only
    EXPECT_FALSE(p.extension(12));  // unknown to the router
    EXPECT_FALSE(p.extension(9));
}

TEST_F(ForwardingTest, PayloadTypesAreMappedToTheRouters) {
    auto params = test::fixtureParameters("chrome_vp8_producer.json");
    params.codecs[0].payloadType = 96;
    params.codecs[1].payloadType = 97;
    params.codecs[1].parameters["apt"] = std::int64_t{96};
    transport("pub");
    ASSERT_TRUE(router_.produce({"pub", "cam", MediaKind::Video, params, false}).ok());
    consume("sub", "c1", "cam");
    send("pub", test::rtpPacket(test::kVp8Ssrc, 96, 1, 1));
    send("pub", test::rtpPacket(test::kVp8Ssrc, 100, 2, 1));  // not negotiated: dropped
    send("pub", test::rtpPacket(3829382710u, 97, 3, 1));      // RTX: not forwarded yet
    auto& out = transports_["sub"]->rtp;
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(parsed(out[0]).payloadType(), 101);
    EXPECT_EQ(router_.producer("cam")->stats().packetsDropped, 2u);
}

TEST_F(ForwardingTest, PauseAndResumeLeaveNoSequenceGap) {
    ASSERT_NE(produceVp8(), nullptr);
    consume("sub", "c1", "cam");
    std::uint16_t seq = 100;
    std::uint32_t ts = 0;
    auto sendFrame = [&] {
        clock_.advance(33ms);
        ts += 3000;
        send("pub", test::rtpPacket(test::kVp8Ssrc, 101, seq++, ts));
    };
    sendFrame();
    sendFrame();
    ASSERT_TRUE(router_.pauseConsumer("c1").ok());
    for (int i = 0; i < 30; ++i) {
        sendFrame();  // one second the subscriber does not see
    }
    ASSERT_TRUE(router_.resumeConsumer("c1").ok());
    sendFrame();
    ASSERT_TRUE(router_.pauseProducer("cam").ok());
    sendFrame();
    ASSERT_TRUE(router_.resumeProducer("cam").ok());
    sendFrame();
    auto& out = transports_["sub"]->rtp;
    ASSERT_EQ(out.size(), 4u);
    for (std::size_t i = 1; i < out.size(); ++i) {
        EXPECT_EQ(parsed(out[i]).sequenceNumber(),
                  static_cast<std::uint16_t>(parsed(out[i - 1]).sequenceNumber() + 1));
    }
    // Across the consumer pause the timestamp advanced by the 31 frames' wall time.
    EXPECT_EQ(parsed(out[2]).timestamp() - parsed(out[1]).timestamp(), 31u * 2970u);
    EXPECT_EQ(router_.consumer("c1")->stats().packetsDropped, 30u);
}

TEST_F(ForwardingTest, AudioKeepsLevelAndDropsReceiveOnlyExtensions) {
    ASSERT_NE(produce("pub", "mic", MediaKind::Audio, "chrome_opus_producer.json"), nullptr);
    const Consumer* c = consume("sub", "c1", "mic");
    // mid 1, abs-send-time 4, transport-cc 5 (receive-only for audio), audio level 10.
    send("pub", test::rtpPacket(test::kOpusSsrc, 100, 7, 960,
                                {{1, {'0'}}, {4, {1, 2, 3}}, {5, {0, 9}}, {10, {0x85}}}));
    send("pub", test::rtpPacket(556, 100, 1, 0));  // an SSRC nobody signalled
    EXPECT_EQ(router_.stats().packetsUnknownSsrc, 1u);
    auto& out = transports_["sub"]->rtp;
    ASSERT_EQ(out.size(), 1u);
    const auto p = parsed(out[0]);
    EXPECT_EQ(p.ssrc(), c->ssrc());
    EXPECT_EQ(p.payloadType(), 100);
    ASSERT_TRUE(p.extension(10));
    EXPECT_EQ((*p.extension(10))[0], 0x85);
    EXPECT_TRUE(p.extension(4));
    EXPECT_FALSE(p.extension(5));
    EXPECT_EQ(packet::decodeSdesText(*p.extension(1)), "0");
    EXPECT_TRUE(transports_["pub"]->rtcp.empty());  // audio: no keyframes
}

TEST_F(ForwardingTest, RidEncodingsLearnTheirSsrc) {
    auto params = test::fixtureParameters("chrome_vp8_producer.json");
    params.encodings[0].ssrc.reset();
    params.encodings[0].rtxSsrc.reset();
    params.encodings[0].rid = "r0";
    params.headerExtensions.push_back(
        {"urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", 2, false, {}});
    transport("pub");
    ASSERT_TRUE(router_.produce({"pub", "cam", MediaKind::Video, params, false}).ok());
    consume("sub", "c1", "cam");
    EXPECT_TRUE(transports_["pub"]->rtcp.empty());  // SSRC unknown: the request waits
    send("pub", test::rtpPacket(999, 101, 1, 1, {{1, {'1'}}, {2, {'r', '1'}}}));
    EXPECT_EQ(router_.stats().packetsUnknownSsrc, 1u);
    send("pub", test::rtpPacket(998, 101, 1, 1, {{1, {'1'}}, {2, {'r', '0'}}}));
    send("pub", test::rtpPacket(998, 101, 2, 1));  // later packets need no rid
    EXPECT_EQ(transports_["sub"]->rtp.size(), 2u);
    EXPECT_EQ(transports_["pub"]->rtcp.size(), 1u);  // the pending keyframe request went out
}

}  // namespace
}  // namespace vp::sfu::router
