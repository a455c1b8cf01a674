// Simulcast: the layer choice (SimulcastLayers), VP8 picture id continuity
// (Vp8PictureRewriter), and a SimulcastConsumer in a real Router fed with three
// rid encodings the way mediasoup-client sends them: each subscriber gets the
// layer it prefers, and a switch happens only at a keyframe of the target with
// continuous sequence numbers, timestamps, picture ids and TL0PICIDX.
#include <gtest/gtest.h>

#include "router_fixture.hpp"
#include "sfu/packet/rtcp/common_header.hpp"
#include "sfu/packet/rtcp/nack.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/packet/vp8_payload_descriptor.hpp"
#include "sfu/router/simulcast_layers.hpp"
#include "sfu/router/vp8_picture_rewriter.hpp"

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using rtp_parameters::MediaKind;
using Verdict = SimulcastLayers::Verdict;

TEST(SimulcastLayers, TargetIsThePreferredLayerOrTheBestActiveOneBelow) {
    SimulcastLayers layers(3);
    EXPECT_EQ(layers.preferred(), 2);
    EXPECT_EQ(layers.target(), 2);  // nothing seen yet: the wish
    EXPECT_TRUE(layers.setActive(0b011));
    EXPECT_EQ(layers.target(), 1);  // top layer not sent: best below
    EXPECT_TRUE(layers.setPreferred(0));
    EXPECT_EQ(layers.target(), 0);
    EXPECT_TRUE(layers.setActive(0b100));
    EXPECT_EQ(layers.target(), 2);         // nothing at or below: lowest above
    EXPECT_FALSE(layers.setPreferred(9));  // clamped to 2, same target
    EXPECT_EQ(layers.preferred(), 2);
}

TEST(SimulcastLayers, SwitchesOnlyAtAKeyframeOfTheTarget) {
    SimulcastLayers layers(3);
    layers.setPreferred(1);
    EXPECT_EQ(layers.onPacket(1, false), Verdict::Drop);  // no keyframe yet
    EXPECT_EQ(layers.onPacket(0, true), Verdict::Drop);   // not the target
    EXPECT_EQ(layers.onPacket(1, true), Verdict::Switch);
    EXPECT_EQ(layers.onPacket(1, false), Verdict::Forward);
    layers.setPreferred(2);
    EXPECT_EQ(layers.onPacket(2, false), Verdict::Drop);
    EXPECT_EQ(layers.onPacket(1, false), Verdict::Forward);  // current until the switch
    EXPECT_EQ(layers.onPacket(2, true), Verdict::Switch);
    EXPECT_EQ(layers.onPacket(1, false), Verdict::Drop);
    EXPECT_EQ(layers.current(), 2);
    layers.reset();
    EXPECT_EQ(layers.onPacket(2, false), Verdict::Drop);
    EXPECT_EQ(layers.onPacket(2, true), Verdict::Switch);
}

// A one-packet VP8 frame: X I L T, 15-bit picture id, TL0PICIDX, TID 0, then
// the VP8 payload header (P bit) and a byte naming the layer.
std::vector<std::uint8_t> vp8Payload(std::uint16_t pictureId, std::uint8_t tl0, bool keyframe,
                                     std::uint8_t layer) {
    return {0x90,
            0xE0,
            static_cast<std::uint8_t>(0x80 | (pictureId >> 8)),
            static_cast<std::uint8_t>(pictureId),
            tl0,
            0x00,
            static_cast<std::uint8_t>(keyframe ? 0x00 : 0x01),
            layer};
}

packet::Vp8PayloadDescriptor descriptorOf(const std::vector<std::uint8_t>& payload) {
    auto d = packet::parseVp8PayloadDescriptor(payload);
    EXPECT_TRUE(d);
    return d.value_or(packet::Vp8PayloadDescriptor{});
}

TEST(Vp8PictureRewriter, NewSegmentsContinueRightAfterTheHighestIdSent) {
    Vp8PictureRewriter rewriter;
    auto a = vp8Payload(0x7FFE, 200, true, 0);
    rewriter.rewrite(a, descriptorOf(a));
    EXPECT_EQ(descriptorOf(a).pictureId, 0x7FFE);  // first segment: unchanged
    auto b = vp8Payload(0x7FFF, 201, false, 0);
    rewriter.rewrite(b, descriptorOf(b));
    rewriter.sync();
    auto c = vp8Payload(17, 9, true, 1);  // another layer's numbering
    rewriter.rewrite(c, descriptorOf(c));
    EXPECT_EQ(descriptorOf(c).pictureId, 0);  // 0x7FFF + 1 wraps
    EXPECT_EQ(descriptorOf(c).tl0PicIdx, 202);
    auto d = vp8Payload(18, 10, false, 1);
    rewriter.rewrite(d, descriptorOf(d));
    EXPECT_EQ(descriptorOf(d).pictureId, 1);
    EXPECT_EQ(descriptorOf(d).tl0PicIdx, 203);
    auto late = vp8Payload(17, 9, true, 1);  // a retransmission keeps its id
    rewriter.rewrite(late, descriptorOf(late), true);
    EXPECT_EQ(descriptorOf(late).pictureId, 0);
}

// Extension ids of the simulcast producer: mid 1, rid 2, repaired rid 3.
constexpr std::uint8_t kMid = 1, kRid = 2, kRepairedRid = 3;
constexpr std::uint32_t kLayerSsrc[3] = {5000, 6000, 7000};

class SimulcastTest : public test::RouterTest {
  protected:
    void SetUp() override {
        auto params = test::fixtureParameters("chrome_vp8_producer.json");
        params.encodings.clear();
        for (const char* rid : {"r0", "r1", "r2"}) {
            rtp_parameters::RtpEncodingParameters e;
            e.rid = rid;
            params.encodings.push_back(e);
        }
        params.headerExtensions = {
            {"urn:ietf:params:rtp-hdrext:sdes:mid", kMid, false, {}},
            {"urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", kRid, false, {}},
            {"urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id", kRepairedRid, false, {}}};
        transport("pub");
        auto p = router_.produce({"pub", "cam", MediaKind::Video, params, false});
        ASSERT_TRUE(p.ok()) << p.error().message;
        producer_ = *p;
    }

    // One frame of every layer, as one packet each; layer l has its own
    // sequence numbers, timestamps, picture ids and TL0PICIDX.
    void sendFrame(bool keyframe0, bool keyframe1, bool keyframe2) {
        sendSizedFrame(keyframe0, keyframe1, keyframe2, {0, 0, 0});
    }

    // The same with `fill` bytes before each layer's last payload byte.
    void sendSizedFrame(bool keyframe0, bool keyframe1, bool keyframe2,
                        std::array<std::size_t, 3> fill) {
        const bool keyframes[3] = {keyframe0, keyframe1, keyframe2};
        for (std::uint8_t l = 0; l < 3; ++l) {
            const auto seq = static_cast<std::uint16_t>(1000u * (l + 1u) + frame_);
            const std::uint32_t ts = 100'000u * (l + 1u) + 3000u * frame_;
            const auto pictureId = static_cast<std::uint16_t>(300u * (l + 1u) + frame_);
            const auto tl0 = static_cast<std::uint8_t>(50u * (l + 1u) + frame_);
            std::vector<test::Extension> ext = {{kMid, {'1'}},
                                                {kRid, {'r', static_cast<std::uint8_t>('0' + l)}}};
            auto payload = vp8Payload(pictureId, tl0, keyframes[l], l);
            payload.insert(payload.end() - 1, fill[l], 0xAB);
            send("pub", test::rtpPacket(kLayerSsrc[l], 101, seq, ts, ext, payload));
        }
        ++frame_;
        clock_.advance(33ms);
    }

    struct Received {
        std::uint16_t seq;
        std::uint32_t ts;
        std::uint16_t pictureId;
        std::uint8_t tl0;
        std::uint8_t layer;
    };
    std::vector<Received> received(const std::string& transportId) {
        std::vector<Received> out;
        for (const auto& bytes : transports_[transportId]->rtp) {
            auto view = packet::RtpPacketView::parse(bytes);
            auto d = view ? packet::parseVp8PayloadDescriptor(view->payload()) : std::nullopt;
            EXPECT_TRUE(d);
            if (d) {
                out.push_back({view->sequenceNumber(), view->timestamp(), *d->pictureId,
                               *d->tl0PicIdx, view->payload().back()});
            }
        }
        return out;
    }

    // Every packet follows the previous one: +1 sequence number, picture id and
    // TL0PICIDX, timestamp advancing.
    static void expectContinuous(const std::vector<Received>& packets) {
        for (std::size_t i = 1; i < packets.size(); ++i) {
            EXPECT_EQ(packets[i].seq, static_cast<std::uint16_t>(packets[i - 1].seq + 1)) << i;
            EXPECT_EQ(packets[i].pictureId, (packets[i - 1].pictureId + 1) & 0x7FFF) << i;
            EXPECT_EQ(packets[i].tl0, static_cast<std::uint8_t>(packets[i - 1].tl0 + 1)) << i;
            const auto step = static_cast<std::int32_t>(packets[i].ts - packets[i - 1].ts);
            EXPECT_GT(step, 0) << i;
            EXPECT_LE(step, 3000 * 2) << i;
        }
    }

    std::vector<std::uint32_t> plisTo(const std::string& transportId) {
        std::vector<std::uint32_t> out;
        for (const auto& bytes : transports_[transportId]->rtcp) {
            auto view = packet::rtcp::RtcpPacketView::parse(bytes);
            auto pli = view ? packet::rtcp::parsePli(*view) : std::nullopt;
            if (pli) {
                out.push_back(pli->media);
            }
        }
        return out;
    }

    const Producer* producer_ = nullptr;
    std::uint32_t frame_ = 0;
};

TEST_F(SimulcastTest, EachSubscriberGetsTheLayerItPrefers) {
    EXPECT_TRUE(producer_->switchableLayers());
    const Consumer* low = consume("low", "c-low", "cam");
    const Consumer* high = consume("high", "c-high", "cam");
    ASSERT_NE(low, nullptr);
    ASSERT_NE(high, nullptr);
    const SimulcastLayers* lowLayers = low->layers();
    const SimulcastLayers* highLayers = high->layers();
    ASSERT_NE(lowLayers, nullptr);
    ASSERT_NE(highLayers, nullptr);
    ASSERT_TRUE(router_.setConsumerPreferredLayers("c-low", 0).ok());
    EXPECT_EQ(lowLayers->target(), 0);
    EXPECT_EQ(highLayers->target(), 2);

    sendFrame(false, false, false);  // no keyframe yet: nothing goes out
    EXPECT_TRUE(transports_["low"]->rtp.empty());
    EXPECT_TRUE(transports_["high"]->rtp.empty());
    sendFrame(true, true, true);
    for (int i = 0; i < 5; ++i) {
        sendFrame(false, false, false);
    }
    const auto lows = received("low");
    const auto highs = received("high");
    ASSERT_EQ(lows.size(), 6u);
    ASSERT_EQ(highs.size(), 6u);
    for (const auto& r : lows) {
        EXPECT_EQ(r.layer, 0);
    }
    for (const auto& r : highs) {
        EXPECT_EQ(r.layer, 2);
    }
    expectContinuous(lows);
    expectContinuous(highs);
    EXPECT_EQ(low->stats().packetsSent, 6u);
}

TEST_F(SimulcastTest, SwitchingWaitsForAKeyframeOfTheTargetAndLeavesNoGap) {
    consume("sub", "c1", "cam");
    sendFrame(true, true, true);
    sendFrame(false, false, false);
    transports_["pub"]->rtcp.clear();

    ASSERT_TRUE(router_.setConsumerPreferredLayers("c1", 0).ok());
    router_.onTimer();
    const auto plis = plisTo("pub");
    ASSERT_FALSE(plis.empty());
    EXPECT_EQ(plis.front(), kLayerSsrc[0]);  // the keyframe asked of the target layer

    sendFrame(false, false, false);  // layer 2 continues until layer 0 has a keyframe
    sendFrame(false, true, false);   // a keyframe of another layer changes nothing
    sendFrame(true, false, false);   // the switch
    sendFrame(false, false, false);
    const auto packets = received("sub");
    ASSERT_EQ(packets.size(), 6u);
    const std::uint8_t layers[] = {2, 2, 2, 2, 0, 0};
    for (std::size_t i = 0; i < packets.size(); ++i) {
        EXPECT_EQ(packets[i].layer, layers[i]) << i;
    }
    expectContinuous(packets);

    // And back up.
    ASSERT_TRUE(router_.setConsumerPreferredLayers("c1", 2).ok());
    sendFrame(false, false, false);
    sendFrame(false, false, true);
    const auto after = received("sub");
    ASSERT_EQ(after.size(), 9u);  // the last frame's layer 0 packet precedes the switch
    EXPECT_EQ(after[7].layer, 0);
    EXPECT_EQ(after[8].layer, 2);
    expectContinuous(after);
}

TEST_F(SimulcastTest, ALowEstimateCapsTheLayerTheSwitchWaitsForAKeyframeAndProbesFollow) {
    const Consumer* c = consume("sub", "c1", "cam");
    ASSERT_NE(c, nullptr);
    const SimulcastLayers* layers = c->layers();
    ASSERT_NE(layers, nullptr);
    const std::array<std::size_t, 3> fill{0, 400, 1200};  // ~8, ~100, ~300 kbps
    sendSizedFrame(true, true, true, fill);
    for (int i = 0; i < 30; ++i) {
        sendSizedFrame(false, false, false, fill);
    }
    router_.onBandwidthEstimate("sub", 5'000'000);
    EXPECT_EQ(layers->target(), 2);
    EXPECT_FALSE(router_.transportBandwidth("sub")->limited);
    transports_["pub"]->rtcp.clear();

    router_.onBandwidthEstimate("sub", 50'000);  // only the lowest layer fits
    EXPECT_EQ(layers->target(), 0);
    EXPECT_EQ(layers->preferred(), 2) << "the subscriber's wish is kept";
    const auto bandwidth = router_.transportBandwidth("sub");
    ASSERT_TRUE(bandwidth);
    EXPECT_EQ(bandwidth->estimate, 50'000u);
    EXPECT_TRUE(bandwidth->limited);
    EXPECT_GT(bandwidth->desired, 250'000u);
    const auto plis = plisTo("pub");
    ASSERT_FALSE(plis.empty());
    EXPECT_EQ(plis.front(), kLayerSsrc[0]);
    const std::size_t before = received("sub").size();
    sendSizedFrame(false, false, false, fill);  // still layer 2 until layer 0's keyframe
    sendSizedFrame(true, false, false, fill);
    sendSizedFrame(false, false, false, fill);
    const auto packets = received("sub");
    ASSERT_EQ(packets.size(), before + 3);  // layer 2, then layer 0 from its keyframe on
    EXPECT_EQ(packets[before].layer, 2);
    EXPECT_EQ(packets[before + 1].layer, 0);
    EXPECT_EQ(packets[before + 2].layer, 0);
    expectContinuous(packets);

    // Limited: the next tick sends a probe as padding-only RTX, not on the media SSRC.
    const std::size_t media = transports_["sub"]->rtp.size();
    clock_.advance(20ms);
    router_.onTimer();
    ASSERT_GT(transports_["sub"]->rtp.size(), media);
    for (std::size_t i = media; i < transports_["sub"]->rtp.size(); ++i) {
        auto view = packet::RtpPacketView::parse(transports_["sub"]->rtp[i]);
        ASSERT_TRUE(view);
        EXPECT_EQ(view->ssrc(), c->rtxSsrc());
        EXPECT_TRUE(view->payload().empty());
        EXPECT_GT(view->paddingSize(), 0u);
    }
    EXPECT_EQ(router_.transportBandwidth("sub")->probeClusters, 1u);
    transports_["sub"]->rtp.resize(media);

    // The estimate recovers: back to the preferred layer.
    router_.onBandwidthEstimate("sub", 5'000'000);
    EXPECT_EQ(layers->target(), 2);
}

TEST_F(SimulcastTest, NacksAfterASwitchAreAnsweredFromTheCurrentLayerWithItsRewrittenIds) {
    const Consumer* c = consume("sub", "c1", "cam");
    ASSERT_NE(c, nullptr);
    sendFrame(true, true, true);
    sendFrame(false, false, false);
    ASSERT_TRUE(router_.setConsumerPreferredLayers("c1", 0).ok());
    sendFrame(true, false, false);  // switch to layer 0
    sendFrame(false, false, false);
    const auto sent = received("sub");
    ASSERT_EQ(sent.size(), 4u);
    ASSERT_EQ(sent[3].layer, 0);
    auto& out = transports_["sub"]->rtp;
    const std::size_t before = out.size();
    std::array<packet::rtcp::NackItem, 4> items{};
    const std::vector<std::uint16_t> lost = {sent[3].seq,
                                             sent[1].seq};  // now, and before the switch
    auto used = packet::rtcp::packNackItems(lost, items);
    ASSERT_TRUE(used);
    std::vector<std::uint8_t> bytes(64);
    auto size = packet::rtcp::writeNack(bytes, {1, c->ssrc()}, std::span(items.data(), *used));
    ASSERT_TRUE(size.ok());
    auto rtcpPacket = packet::rtcp::RtcpPacketView::parse(std::span(bytes.data(), *size));
    ASSERT_TRUE(rtcpPacket);
    router_.onNack("sub", *packet::rtcp::NackView::parse(*rtcpPacket));
    ASSERT_EQ(out.size(), before + 1);  // the packet of the previous layer is gone
    auto rtx = packet::RtpPacketView::parse(out.back());
    ASSERT_TRUE(rtx);
    EXPECT_EQ(rtx->ssrc(), c->rtxSsrc());
    const auto payload = rtx->payload();  // original sequence number, then the VP8 payload
    ASSERT_GT(payload.size(), 2u);
    EXPECT_EQ(packet::readU16(payload.data()), sent[3].seq);
    auto d = packet::parseVp8PayloadDescriptor(payload.subspan(2));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->pictureId, sent[3].pictureId);
    EXPECT_EQ(d->tl0PicIdx, sent[3].tl0);
    EXPECT_EQ(c->sendStats().retransmitMissed, 1u);
}

TEST_F(SimulcastTest, AStoppedLayerMovesTheTargetDown) {
    const Consumer* c = consume("sub", "c1", "cam");
    ASSERT_NE(c, nullptr);
    const SimulcastLayers* layers = c->layers();
    ASSERT_NE(layers, nullptr);
    sendFrame(true, true, true);
    EXPECT_EQ(layers->current(), 2);
    // The publisher stops sending layer 2 (e.g. its uplink shrank).
    for (std::uint32_t i = 0; i < 60; ++i) {
        for (std::uint8_t l = 0; l < 2; ++l) {
            std::vector<test::Extension> ext = {{kMid, {'1'}}};
            send("pub", test::rtpPacket(kLayerSsrc[l], 101, static_cast<std::uint16_t>(2000 + i),
                                        3000u * i, ext,
                                        vp8Payload(static_cast<std::uint16_t>(i), 0, i == 59, l)));
        }
        clock_.advance(33ms);
        router_.onTimer();
    }
    EXPECT_EQ(layers->target(), 1);
    EXPECT_EQ(layers->current(), 1);
    EXPECT_EQ(received("sub").back().layer, 1);
}

TEST_F(SimulcastTest, ProducersWithoutCnameShareOnePerTransport) {
    // Chrome's rid simulcast SDP has no a=ssrc cname: mediasoup-client sends "".
    auto params = test::fixtureParameters("chrome_opus_producer.json");
    params.rtcp.cname = "";
    transport("pub2");
    auto first = router_.produce({"pub2", "mic2", MediaKind::Audio, params, false});
    ASSERT_TRUE(first.ok());
    const auto cname = (*first)->rtpParameters().rtcp.cname.value_or("");
    EXPECT_EQ(cname.size(), 8u);
    params.rtcp.cname = "other";
    params.encodings[0].ssrc = 42;
    params.mid = "7";
    auto second = router_.produce({"pub2", "mic3", MediaKind::Audio, params, false});
    ASSERT_TRUE(second.ok());
    EXPECT_EQ((*second)->rtpParameters().rtcp.cname, cname);
    const Consumer* c = consume("sub", "c-mic", "mic2");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->rtpParameters().rtcp.cname, cname);
    // The fixture's own cname is kept for the first producer of its transport.
    EXPECT_EQ(producer_->rtpParameters().rtcp.cname, "7HqIIyqHKkF2Ss0v");
}

TEST_F(SimulcastTest, PreferredLayerBadInput) {
    consume("sub", "c1", "cam");
    auto bad = router_.setConsumerPreferredLayers("c1", 8);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "router.invalid_layer");
    auto unknown = router_.setConsumerPreferredLayers("nope", 0);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "router.unknown_consumer");
    // A simple consumer accepts and ignores it.
    produce("pub2", "cam2", MediaKind::Video, "chrome_vp8_producer.json");
    const Consumer* simple = consume("sub", "c2", "cam2");
    ASSERT_NE(simple, nullptr);
    EXPECT_EQ(simple->layers(), nullptr);
    EXPECT_TRUE(router_.setConsumerPreferredLayers("c2", 0).ok());
}

}  // namespace
}  // namespace vp::sfu::router
