// The router's control API: validation errors, keyframe requests, pause and
// resume notifications, close cascades that free everything.
#include <gtest/gtest.h>

#include "router_fixture.hpp"
#include "sfu/packet/rtcp/common_header.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/rtp_parameters/supported_capabilities.hpp"

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using rtp_parameters::MediaKind;
using test::RouterTest;

std::uint32_t pliMediaSsrc(const std::vector<std::uint8_t>& bytes) {
    auto view = packet::rtcp::RtcpPacketView::parse(bytes);
    auto pli = view ? packet::rtcp::parsePli(*view) : std::nullopt;
    return pli ? pli->media : 0;
}

TEST_F(RouterTest, ProduceMapsOntoRouterParameters) {
    const Producer* p = produceVp8();
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->kind(), MediaKind::Video);
    EXPECT_EQ(p->consumableRtpParameters().codecs[0].payloadType, 101);
    EXPECT_NE(p->consumableRtpParameters().encodings[0].ssrc, test::kVp8Ssrc);
    EXPECT_EQ(router_.producerCount(), 1u);
    EXPECT_EQ(&router_.rtpCapabilities(), &rtp_parameters::routerRtpCapabilities());
}

TEST_F(RouterTest, ProduceRefusesBadRequestsWithClearCodes) {
    transport("pub");
    auto params = test::fixtureParameters("chrome_vp8_producer.json");

    auto unknownTransport = router_.produce({"nope", "p", MediaKind::Video, params, false});
    ASSERT_FALSE(unknownTransport.ok());
    EXPECT_EQ(unknownTransport.error().code, "router.unknown_transport");

    auto wrongKind = router_.produce({"pub", "p", MediaKind::Audio, params, false});
    ASSERT_FALSE(wrongKind.ok());
    EXPECT_EQ(wrongKind.error().code, "rtp.invalid_parameters");

    auto av1 = params;
    av1.codecs[0].mimeType = "video/AV1";
    auto unknownCodec = router_.produce({"pub", "p", MediaKind::Video, av1, false});
    ASSERT_FALSE(unknownCodec.ok());
    EXPECT_EQ(unknownCodec.error().code, "rtp.unknown_codec");

    ASSERT_TRUE(router_.produce({"pub", "p", MediaKind::Video, params, false}).ok());
    auto duplicateId = router_.produce({"pub", "p", MediaKind::Video, params, false});
    ASSERT_FALSE(duplicateId.ok());
    EXPECT_EQ(duplicateId.error().code, "router.duplicate_id");
    auto duplicateSsrc = router_.produce({"pub", "p2", MediaKind::Video, params, false});
    ASSERT_FALSE(duplicateSsrc.ok());
    EXPECT_EQ(duplicateSsrc.error().code, "rtp.duplicate_ssrc");
    EXPECT_NE(duplicateSsrc.error().message.find("2764362154"), std::string::npos);
    EXPECT_EQ(router_.producerCount(), 1u);
}

TEST_F(RouterTest, ConsumeRefusesWhenNoCodecIsCommon) {
    ASSERT_NE(produceVp8(), nullptr);
    transport("sub");
    auto device = test::chromeDevice();
    std::erase_if(device.codecs, [](const auto& c) { return c.kind == MediaKind::Video; });
    EXPECT_FALSE(router_.canConsume("cam", device));
    auto c = router_.consume({"sub", "c1", "cam", device, false});
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "rtp.cannot_consume");
    auto unknownProducer = router_.consume({"sub", "c1", "mic", test::chromeDevice(), false});
    ASSERT_FALSE(unknownProducer.ok());
    EXPECT_EQ(unknownProducer.error().code, "router.unknown_producer");
    EXPECT_EQ(router_.consumerCount(), 0u);
}

TEST_F(RouterTest, ConsumerParametersCarryOwnSsrcAndATransportUniqueMid) {
    ASSERT_NE(produceVp8(), nullptr);
    const Consumer* a = consume("sub", "c1", "cam");
    const Consumer* b = consume("sub", "c2", "cam");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->rtpParameters().mid, "0");
    EXPECT_EQ(b->rtpParameters().mid, "1");
    EXPECT_NE(a->ssrc(), b->ssrc());
    EXPECT_EQ(a->rtpParameters().encodings[0].ssrc, a->ssrc());
    EXPECT_EQ(a->rtpParameters().codecs[0].mimeType, "video/VP8");
}

TEST_F(RouterTest, NewConsumersGetAKeyframeRequestThrottledTo250Ms) {
    ASSERT_NE(produceVp8(), nullptr);
    auto& pub = transport("pub");
    consume("sub1", "c1", "cam");
    ASSERT_EQ(pub.rtcp.size(), 1u);
    EXPECT_EQ(pliMediaSsrc(pub.rtcp[0]), test::kVp8Ssrc);

    clock_.advance(200ms);
    consume("sub2", "c2", "cam");
    consume("sub3", "c3", "cam");
    EXPECT_EQ(pub.rtcp.size(), 1u);  // throttled, but remembered
    clock_.advance(50ms);
    send("pub", test::rtpPacket(test::kVp8Ssrc, 101, 1, 1000));
    EXPECT_EQ(pub.rtcp.size(), 2u);  // late joiners wait 250 ms, not the full second
    send("pub", test::rtpPacket(test::kVp8Ssrc, 101, 2, 1000));
    EXPECT_EQ(pub.rtcp.size(), 2u);
    // A subscriber's own PLI keeps the one-second throttle.
    router_.onKeyframeRequest("sub1", router_.consumer("c1")->ssrc());
    clock_.advance(900ms);
    send("pub", test::rtpPacket(test::kVp8Ssrc, 101, 3, 1000));
    EXPECT_EQ(pub.rtcp.size(), 2u);
    clock_.advance(100ms);
    send("pub", test::rtpPacket(test::kVp8Ssrc, 101, 4, 1000));
    EXPECT_EQ(pub.rtcp.size(), 3u);
}

TEST_F(RouterTest, AudioConsumersRequestNoKeyframe) {
    ASSERT_NE(produce("pub", "mic", MediaKind::Audio, "chrome_opus_producer.json"), nullptr);
    consume("sub", "c1", "mic");
    EXPECT_TRUE(transport("pub").rtcp.empty());
}

TEST_F(RouterTest, ResumingAConsumerRequestsAKeyframe) {
    ASSERT_NE(produceVp8(), nullptr);
    auto& pub = transport("pub");
    consume("sub", "c1", "cam", /*paused=*/true);
    EXPECT_TRUE(pub.rtcp.empty());
    ASSERT_TRUE(router_.resumeConsumer("c1").ok());
    EXPECT_EQ(pub.rtcp.size(), 1u);
}

TEST_F(RouterTest, SubscriberPliReachesTheProducerThrottled) {
    ASSERT_NE(produceVp8(), nullptr);
    const Consumer* c = consume("sub", "c1", "cam");
    auto& pub = transport("pub");
    clock_.advance(1s);
    router_.onKeyframeRequest("sub", c->ssrc());
    router_.onKeyframeRequest("sub", c->ssrc());
    router_.onKeyframeRequest("sub", 12345);  // not a consumer: ignored
    EXPECT_EQ(pub.rtcp.size(), 2u);
}

TEST_F(RouterTest, PausingAProducerNotifiesItsConsumers) {
    ASSERT_NE(produceVp8(), nullptr);
    consume("sub1", "c1", "cam");
    consume("sub2", "c2", "cam");
    ASSERT_TRUE(router_.pauseProducer("cam").ok());
    EXPECT_TRUE(router_.producer("cam")->paused());
    EXPECT_TRUE(router_.consumer("c1")->producerPaused());
    ASSERT_TRUE(router_.resumeProducer("cam").ok());
    using E = ConsumerEvent;
    EXPECT_EQ(observer_.events,
              (std::vector<std::pair<std::string, E>>{{"c1", E::ProducerPaused},
                                                      {"c2", E::ProducerPaused},
                                                      {"c1", E::ProducerResumed},
                                                      {"c2", E::ProducerResumed}}));
    EXPECT_EQ(router_.pauseProducer("nope").error().code, "router.unknown_producer");
    EXPECT_EQ(router_.pauseConsumer("nope").error().code, "router.unknown_consumer");
}

TEST_F(RouterTest, ClosingAProducerClosesAndFreesItsConsumers) {
    ASSERT_NE(produceVp8(), nullptr);
    consume("sub1", "c1", "cam");
    consume("sub2", "c2", "cam");
    ASSERT_TRUE(router_.closeProducer("cam").ok());
    EXPECT_EQ(router_.producerCount(), 0u);
    EXPECT_EQ(router_.consumerCount(), 0u);
    EXPECT_EQ(observer_.events.size(), 2u);
    EXPECT_EQ(observer_.events[0].second, ConsumerEvent::ProducerClosed);
    // Its SSRC is free again on that transport.
    EXPECT_NE(produceVp8(), nullptr);
}

TEST_F(RouterTest, ClosingATransportClosesEverythingItOwnsAndFreesIt) {
    // "alice" publishes camera and microphone and watches bob; bob the reverse.
    ASSERT_NE(produceVp8("alice"), nullptr);
    ASSERT_NE(produce("alice", "mic", MediaKind::Audio, "chrome_opus_producer.json"), nullptr);
    auto bobParams = test::fixtureParameters("chrome_vp8_producer.json");
    bobParams.encodings[0].ssrc = 42;
    bobParams.encodings[0].rtxSsrc = 43;
    transport("bob");
    ASSERT_TRUE(router_.produce({"bob", "bob-cam", MediaKind::Video, bobParams, false}).ok());
    consume("bob", "bob-sees-cam", "cam");
    consume("bob", "bob-hears-mic", "mic");
    consume("alice", "alice-sees-bob", "bob-cam");
    consume("carol", "carol-sees-cam", "cam");
    ASSERT_EQ(router_.consumerCount(), 4u);

    ASSERT_TRUE(router_.closeTransport("alice").ok());
    EXPECT_EQ(router_.transportCount(), 2u);
    EXPECT_EQ(router_.producerCount(), 1u);  // bob-cam
    EXPECT_EQ(router_.consumerCount(), 0u);
    EXPECT_EQ(router_.producer("cam"), nullptr);
    EXPECT_TRUE(router_.producer("bob-cam") != nullptr);
    EXPECT_EQ(observer_.events.size(), 4u);
    EXPECT_EQ(router_.closeTransport("alice").error().code, "router.unknown_transport");

    // Packets for the closed transport are counted, not forwarded.
    send("alice", test::rtpPacket(test::kVp8Ssrc, 101, 1, 1));
    EXPECT_EQ(router_.stats().packetsUnknownTransport, 1u);
    ASSERT_TRUE(router_.closeTransport("bob").ok());
    ASSERT_TRUE(router_.closeTransport("carol").ok());
    EXPECT_EQ(router_.transportCount(), 0u);
    EXPECT_EQ(router_.producerCount(), 0u);
}

TEST_F(RouterTest, LimitsAreEnforced) {
    RouterOptions options;
    options.maxTransports = 1;
    Router small("room-2", clock_, random_, options);
    test::RecordingTransport t;
    ASSERT_TRUE(small.addTransport("a", t, t).ok());
    auto second = small.addTransport("b", t, t);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, "router.limit_reached");
    EXPECT_EQ(small.addTransport("", t, t).error().code, "router.invalid_id");
}

}  // namespace
}  // namespace vp::sfu::router
