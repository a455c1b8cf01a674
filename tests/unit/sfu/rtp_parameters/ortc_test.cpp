// Negotiation: producer -> router mapping, consumable and consumer parameters.
#include "sfu/rtp_parameters/ortc.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "fixture.hpp"
#include "sfu/rtp_parameters/json.hpp"
#include "sfu/rtp_parameters/supported_capabilities.hpp"

namespace vp::sfu::rtp_parameters {
namespace {

RtpParameters fixtureParams(const char* name) {
    auto params = parseRtpParameters(test::readFixture(name));
    EXPECT_TRUE(params.ok());
    return *params;
}

RtpCapabilities chromeDevice() {
    auto caps = parseRtpCapabilities(test::readFixture("chrome_device_capabilities.json"));
    EXPECT_TRUE(caps.ok());
    return *caps;
}

bool hasFeedback(const RtpCodecParameters& codec, std::string_view type,
                 std::string_view parameter = "") {
    return std::any_of(codec.rtcpFeedback.begin(), codec.rtcpFeedback.end(), [&](const auto& fb) {
        return fb.type == type && fb.parameter == parameter;
    });
}

TEST(Ortc, MapsAChromeVp8ProducerOntoRouterPayloadTypesAndSsrcs) {
    const auto producer = fixtureParams("chrome_vp8_producer.json");
    auto mapping = mapProducerParameters(producer, routerRtpCapabilities(), 5000);
    ASSERT_TRUE(mapping.ok()) << mapping.error().message;
    ASSERT_EQ(mapping->codecs.size(), 2u);
    EXPECT_EQ(mapping->codecs[0], (RtpMapping::Codec{101, 101}));
    EXPECT_EQ(mapping->codecs[1], (RtpMapping::Codec{102, 102}));
    ASSERT_EQ(mapping->encodings.size(), 1u);
    EXPECT_EQ(mapping->encodings[0].ssrc, 2764362154u);
    EXPECT_EQ(mapping->encodings[0].mappedSsrc, 5000u);
}

TEST(Ortc, MapsProducerPayloadTypesThatDifferFromTheRouters) {
    auto producer = fixtureParams("chrome_vp8_producer.json");
    producer.codecs[0].payloadType = 96;
    producer.codecs[1].payloadType = 97;
    producer.codecs[1].parameters["apt"] = std::int64_t{96};
    auto mapping = mapProducerParameters(producer, routerRtpCapabilities(), 1);
    ASSERT_TRUE(mapping.ok());
    EXPECT_EQ(mapping->codecs[0], (RtpMapping::Codec{96, 101}));
    EXPECT_EQ(mapping->codecs[1], (RtpMapping::Codec{97, 102}));
}

TEST(Ortc, UnknownCodecIsRefusedNamingIt) {
    auto producer = fixtureParams("chrome_vp8_producer.json");
    producer.codecs[0].mimeType = "video/AV1";
    auto mapping = mapProducerParameters(producer, routerRtpCapabilities(), 1);
    ASSERT_FALSE(mapping.ok());
    EXPECT_EQ(mapping.error().code, "rtp.unknown_codec");
    EXPECT_NE(mapping.error().message.find("video/AV1"), std::string::npos);

    producer.codecs[0].mimeType = "video/H264";
    producer.codecs[0].parameters = {{"packetization-mode", std::int64_t{1}},
                                     {"profile-level-id", std::string("f4001f")}};
    mapping = mapProducerParameters(producer, routerRtpCapabilities(), 1);
    ASSERT_FALSE(mapping.ok());
    EXPECT_NE(mapping.error().message.find("profile-level-id f4001f"), std::string::npos);
}

TEST(Ortc, H264MatchesByProfileAndPacketizationMode) {
    auto producer = fixtureParams("chrome_vp8_producer.json");
    producer.codecs[0].mimeType = "video/H264";
    producer.codecs[0].parameters = {{"packetization-mode", std::int64_t{1}},
                                     {"profile-level-id", std::string("4d0032")},
                                     {"level-asymmetry-allowed", std::int64_t{1}}};
    auto mapping = mapProducerParameters(producer, routerRtpCapabilities(), 1);
    ASSERT_TRUE(mapping.ok());
    EXPECT_EQ(mapping->codecs[0].mappedPayloadType, 109);  // Main, whatever the level
    EXPECT_EQ(mapping->codecs[1].mappedPayloadType, 110);

    producer.codecs[0].parameters["packetization-mode"] = std::int64_t{0};
    EXPECT_FALSE(mapProducerParameters(producer, routerRtpCapabilities(), 1).ok());
}

TEST(Ortc, Vp9MatchesByProfileId) {
    auto producer = fixtureParams("chrome_vp8_producer.json");
    producer.codecs[0].mimeType = "video/VP9";
    producer.codecs[0].parameters = {{"profile-id", std::int64_t{2}}};
    auto mapping = mapProducerParameters(producer, routerRtpCapabilities(), 1);
    ASSERT_TRUE(mapping.ok());
    EXPECT_EQ(mapping->codecs[0].mappedPayloadType, 105);
}

TEST(Ortc, ConsumableParametersUseRouterValuesAndKeepProducerFmtp) {
    const auto producer = fixtureParams("chrome_opus_producer.json");
    const auto& router = routerRtpCapabilities();
    auto mapping = mapProducerParameters(producer, router, 777);
    ASSERT_TRUE(mapping.ok());
    auto consumable = consumableParameters(MediaKind::Audio, producer, router, *mapping);
    ASSERT_EQ(consumable.codecs.size(), 1u);
    EXPECT_EQ(consumable.codecs[0].payloadType, 100);
    EXPECT_EQ(intParameter(consumable.codecs[0].parameters, "usedtx"), 1);
    ASSERT_EQ(consumable.encodings.size(), 1u);
    EXPECT_EQ(consumable.encodings[0].ssrc, 777u);
    EXPECT_TRUE(consumable.encodings[0].dtx);
    EXPECT_EQ(consumable.rtcp.cname, "7HqIIyqHKkF2Ss0v");
    // Audio extensions the router may send: mid, abs-send-time, audio level;
    // not transport-cc (receive only for audio).
    std::vector<std::string> uris;
    for (const auto& e : consumable.headerExtensions) {
        uris.push_back(e.uri);
    }
    EXPECT_EQ(uris, (std::vector<std::string>{
                        "urn:ietf:params:rtp-hdrext:sdes:mid",
                        "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                        "urn:ietf:params:rtp-hdrext:ssrc-audio-level"}));
}

TEST(Ortc, ConsumerParametersAreTheIntersectionWithTheDevice) {
    const auto producer = fixtureParams("chrome_vp8_producer.json");
    const auto& router = routerRtpCapabilities();
    auto mapping = mapProducerParameters(producer, router, 1);
    ASSERT_TRUE(mapping.ok());
    auto consumable = consumableParameters(MediaKind::Video, producer, router, *mapping);
    ASSERT_TRUE(canConsume(consumable, chromeDevice()));

    auto consumer =
        consumerParameters(consumable, chromeDevice(), {.ssrc = 4000, .enableRtx = true});
    ASSERT_TRUE(consumer.ok()) << consumer.error().message;
    ASSERT_EQ(consumer->codecs.size(), 2u);
    EXPECT_EQ(consumer->codecs[0].mimeType, "video/VP8");
    EXPECT_TRUE(hasFeedback(consumer->codecs[0], "transport-cc"));
    EXPECT_FALSE(hasFeedback(consumer->codecs[0], "goog-remb"));  // transport-cc wins
    EXPECT_TRUE(hasFeedback(consumer->codecs[0], "nack"));
    EXPECT_EQ(consumer->encodings[0].ssrc, 4000u);
    EXPECT_EQ(consumer->encodings[0].rtxSsrc, 4001u);
    EXPECT_EQ(consumer->encodings[0].maxBitrate, 1500000u);
    EXPECT_EQ(consumer->encodings[0].scalabilityMode, "L1T3");
    for (const auto& e : consumer->headerExtensions) {
        EXPECT_NE(e.uri, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id");  // recvonly
    }
    EXPECT_EQ(consumer->headerExtensions.size(), 4u);  // mid, abs-send-time, twcc, orientation

    auto noRtx = consumerParameters(consumable, chromeDevice(), {.ssrc = 4000, .enableRtx = false});
    ASSERT_TRUE(noRtx.ok());
    ASSERT_EQ(noRtx->codecs.size(), 1u);
    EXPECT_FALSE(noRtx->encodings[0].rtxSsrc.has_value());
    EXPECT_FALSE(hasFeedback(noRtx->codecs[0], "nack"));
    EXPECT_TRUE(hasFeedback(noRtx->codecs[0], "nack", "pli"));
}

TEST(Ortc, WithoutTransportCcTheConsumerFallsBackToRemb) {
    const auto producer = fixtureParams("chrome_vp8_producer.json");
    const auto& router = routerRtpCapabilities();
    auto mapping = mapProducerParameters(producer, router, 1);
    auto consumable = consumableParameters(MediaKind::Video, producer, router, *mapping);
    auto device = chromeDevice();
    std::erase_if(device.headerExtensions, [](const RtpHeaderExtension& e) {
        return e.uri.find("transport-wide-cc") != std::string::npos;
    });
    auto consumer = consumerParameters(consumable, device, {.ssrc = 1});
    ASSERT_TRUE(consumer.ok());
    EXPECT_TRUE(hasFeedback(consumer->codecs[0], "goog-remb"));
    EXPECT_FALSE(hasFeedback(consumer->codecs[0], "transport-cc"));
}

TEST(Ortc, CannotConsumeWithoutACommonCodec) {
    auto producer = fixtureParams("chrome_vp8_producer.json");
    producer.codecs[0].mimeType = "video/VP9";
    const auto& router = routerRtpCapabilities();
    auto mapping = mapProducerParameters(producer, router, 1);
    ASSERT_TRUE(mapping.ok());
    auto consumable = consumableParameters(MediaKind::Video, producer, router, *mapping);
    EXPECT_FALSE(canConsume(consumable, chromeDevice()));  // the device has no VP9
    auto consumer = consumerParameters(consumable, chromeDevice(), {.ssrc = 1, .enableRtx = true});
    ASSERT_FALSE(consumer.ok());
    EXPECT_EQ(consumer.error().code, "rtp.cannot_consume");
}

}  // namespace
}  // namespace vp::sfu::rtp_parameters
