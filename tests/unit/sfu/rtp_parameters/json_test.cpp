// JSON reader and writer: round trips of mediasoup-client shaped fixtures, the
// router capabilities' shape, and the errors for malformed input.
#include "sfu/rtp_parameters/json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "fixture.hpp"
#include "sfu/rtp_parameters/supported_capabilities.hpp"

namespace vp::sfu::rtp_parameters {
namespace {

using test::readFixture;
namespace json = boost::json;

TEST(RtpParametersJson, ChromeVp8ProducerRoundTripsToTheSameJson) {
    const std::string text = readFixture("chrome_vp8_producer.json");
    auto params = parseRtpParameters(text);
    ASSERT_TRUE(params.ok()) << params.error().message;
    EXPECT_EQ(params->mid, "1");
    ASSERT_EQ(params->codecs.size(), 2u);
    EXPECT_EQ(params->codecs[0].mimeType, "video/VP8");
    EXPECT_EQ(params->codecs[0].payloadType, 101);
    EXPECT_FALSE(params->codecs[0].channels.has_value());
    EXPECT_EQ(params->codecs[0].rtcpFeedback.size(), 5u);
    EXPECT_EQ(params->codecs[0].rtcpFeedback[4], (RtcpFeedback{"nack", "pli"}));
    EXPECT_EQ(intParameter(params->codecs[1].parameters, "apt"), 101);
    ASSERT_EQ(params->encodings.size(), 1u);
    EXPECT_EQ(params->encodings[0].ssrc, 2764362154u);
    EXPECT_EQ(params->encodings[0].rtxSsrc, 3829382710u);
    EXPECT_EQ(params->encodings[0].maxBitrate, 1500000u);
    EXPECT_EQ(params->headerExtensions.size(), 4u);
    EXPECT_EQ(params->rtcp.cname, "7HqIIyqHKkF2Ss0v");

    EXPECT_EQ(json::parse(toJson(*params)), json::parse(text));
    auto again = parseRtpParameters(toJson(*params));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *params);
}

TEST(RtpParametersJson, ChromeOpusProducerRoundTripsToTheSameJson) {
    const std::string text = readFixture("chrome_opus_producer.json");
    auto params = parseRtpParameters(text);
    ASSERT_TRUE(params.ok()) << params.error().message;
    EXPECT_EQ(params->codecs[0].channels, 2);
    EXPECT_EQ(intParameter(params->codecs[0].parameters, "useinbandfec"), 1);
    EXPECT_TRUE(params->encodings[0].dtx);
    EXPECT_EQ(json::parse(toJson(*params)), json::parse(text));
}

TEST(RtpParametersJson, DeviceCapabilitiesRoundTripToTheSameJson) {
    const std::string text = readFixture("chrome_device_capabilities.json");
    auto caps = parseRtpCapabilities(text);
    ASSERT_TRUE(caps.ok()) << caps.error().message;
    ASSERT_EQ(caps->codecs.size(), 5u);
    EXPECT_EQ(caps->codecs[3].kind, MediaKind::Video);
    EXPECT_EQ(stringParameter(caps->codecs[3].parameters, "profile-level-id"), "42e01f");
    EXPECT_EQ(caps->headerExtensions[0].direction, Direction::SendRecv);
    EXPECT_EQ(json::parse(toJson(*caps)), json::parse(text));
}

TEST(RtpParametersJson, AudioCodecWithoutChannelsDefaultsToMono) {
    auto params = parseRtpParameters(
        R"({"codecs":[{"mimeType":"audio/PCMU","payloadType":0,"clockRate":8000}],
            "encodings":[{"ssrc":1}]})");
    ASSERT_TRUE(params.ok());
    EXPECT_EQ(params->codecs[0].channels, 1);
    EXPECT_TRUE(params->rtcp.reducedSize);
}

TEST(RtpParametersJson, RouterCapabilitiesHaveTheShapeDeviceLoadExpects) {
    const json::value caps = json::parse(toJson(routerRtpCapabilities()));
    const json::array& codecs = caps.at("codecs").as_array();
    ASSERT_EQ(codecs.size(), 13u);  // opus + 6 video codecs each with rtx
    const json::object& opus = codecs[0].as_object();
    EXPECT_EQ(opus.at("kind"), "audio");
    EXPECT_EQ(opus.at("mimeType"), "audio/opus");
    EXPECT_EQ(opus.at("preferredPayloadType"), 100);
    EXPECT_EQ(opus.at("clockRate"), 48000);
    EXPECT_EQ(opus.at("channels"), 2);
    EXPECT_EQ(opus.at("rtcpFeedback").as_array()[0].at("type"), "transport-cc");
    const json::object& vp8 = codecs[1].as_object();
    EXPECT_EQ(vp8.at("mimeType"), "video/VP8");
    EXPECT_FALSE(vp8.contains("channels"));
    EXPECT_EQ(vp8.at("rtcpFeedback").as_array().size(), 5u);
    const json::object& rtx = codecs[2].as_object();
    EXPECT_EQ(rtx.at("mimeType"), "video/rtx");
    EXPECT_EQ(rtx.at("parameters").at("apt"), 101);
    const json::object& h264 = codecs[7].as_object();
    EXPECT_EQ(h264.at("mimeType"), "video/H264");
    EXPECT_EQ(h264.at("parameters").at("packetization-mode"), 1);
    EXPECT_EQ(h264.at("parameters").at("profile-level-id"), "42e01f");
    EXPECT_EQ(h264.at("parameters").at("level-asymmetry-allowed"), 1);
    const json::array& exts = caps.at("headerExtensions").as_array();
    ASSERT_FALSE(exts.empty());
    const json::object& mid = exts[0].as_object();
    EXPECT_EQ(mid.at("uri"), "urn:ietf:params:rtp-hdrext:sdes:mid");
    EXPECT_EQ(mid.at("preferredId"), 1);
    EXPECT_EQ(mid.at("preferredEncrypt"), false);
    EXPECT_EQ(mid.at("direction"), "sendrecv");
}

struct BadInput {
    const char* json;
    const char* code;
    const char* mentions;
};

// Names the case by the code it expects, so test names stay readable.
void PrintTo(const BadInput& input, std::ostream* out) {
    *out << input.code << ": " << input.mentions;
}

class RtpParametersJsonErrors : public ::testing::TestWithParam<BadInput> {};

TEST_P(RtpParametersJsonErrors, AreRefusedWithACodeNamingTheField) {
    auto params = parseRtpParameters(GetParam().json);
    ASSERT_FALSE(params.ok());
    EXPECT_EQ(params.error().code, GetParam().code);
    EXPECT_NE(params.error().message.find(GetParam().mentions), std::string::npos)
        << params.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RtpParametersJsonErrors,
    ::testing::Values(
        BadInput{"{", "rtp.invalid_json", "not valid JSON"},
        BadInput{"[]", "rtp.invalid_parameters", "rtpParameters must be a JSON object"},
        BadInput{"{}", "rtp.invalid_parameters", "rtpParameters.codecs is missing"},
        BadInput{R"({"codecs":[{"payloadType":96,"clockRate":90000}]})", "rtp.invalid_parameters",
                 "rtpParameters.codecs[0].mimeType is missing"},
        BadInput{R"({"codecs":[{"mimeType":"video/VP8","payloadType":128,"clockRate":90000}]})",
                 "rtp.invalid_parameters",
                 "codecs[0].payloadType must be an integer from 0 to 127"},
        BadInput{R"({"codecs":[{"mimeType":"video/VP8","payloadType":"96","clockRate":90000}]})",
                 "rtp.invalid_parameters", "codecs[0].payloadType"},
        BadInput{R"({"codecs":[{"mimeType":"text/plain","payloadType":96,"clockRate":90000}]})",
                 "rtp.invalid_parameters", "codecs[0].mimeType"},
        BadInput{R"({"codecs":[{"mimeType":"video/VP8","payloadType":96,"clockRate":90000,
                     "parameters":{"x":[1]}}]})",
                 "rtp.invalid_parameters",
                 "codecs[0].parameters.x must be a string or a 64-bit integer"},
        BadInput{R"({"codecs":[{"mimeType":"video/VP8","payloadType":96,"clockRate":90000,
                     "parameters":{"x":0.5}}]})",
                 "rtp.invalid_parameters", "codecs[0].parameters.x"},
        // Found by fuzz_rtp_parameters: a huge integer became an inexact double.
        BadInput{R"({"codecs":[{"mimeType":"audio/opus","payloadType":100,"clockRate":48000,
                     "parameters":{"useinbandfec":22222222222422222222222222200000000}}]})",
                 "rtp.invalid_parameters", "codecs[0].parameters.useinbandfec"},
        BadInput{R"({"codecs":[],"encodings":[{"ssrc":1,"scaleResolutionDownBy":0.5}]})",
                 "rtp.invalid_parameters", "encodings[0].scaleResolutionDownBy"},
        BadInput{R"({"codecs":[],"encodings":[{"ssrc":4294967296}]})", "rtp.invalid_parameters",
                 "encodings[0].ssrc"},
        BadInput{R"({"codecs":[],"encodings":[{"ssrc":-1}]})", "rtp.invalid_parameters",
                 "encodings[0].ssrc"},
        BadInput{R"({"codecs":[],"encodings":[{"rtx":{}}]})", "rtp.invalid_parameters",
                 "encodings[0].rtx.ssrc is missing"},
        BadInput{R"({"codecs":[],"headerExtensions":[{"uri":"urn:x","id":0}]})",
                 "rtp.invalid_parameters", "headerExtensions[0]"},
        BadInput{R"({"codecs":[],"rtcp":{"reducedSize":"yes"}})", "rtp.invalid_parameters",
                 "rtcp.reducedSize must be true or false"}));

TEST(RtpParametersJson, OversizeInputIsRefused) {
    std::string many = R"({"codecs":[)";
    for (std::size_t i = 0; i <= kMaxCodecs; ++i) {
        many += std::string(i == 0 ? "" : ",") +
                R"({"mimeType":"video/VP8","payloadType":96,"clockRate":90000})";
    }
    many += "]}";
    auto tooMany = parseRtpParameters(many);
    ASSERT_FALSE(tooMany.ok());
    EXPECT_EQ(tooMany.error().code, "rtp.too_large");
    EXPECT_NE(tooMany.error().message.find("rtpParameters.codecs"), std::string::npos);

    const std::string longMid =
        R"({"mid":")" + std::string(kMaxStringLength + 1, 'a') + R"(","codecs":[]})";
    auto tooLong = parseRtpParameters(longMid);
    ASSERT_FALSE(tooLong.ok());
    EXPECT_EQ(tooLong.error().code, "rtp.too_large");
    EXPECT_NE(tooLong.error().message.find("rtpParameters.mid"), std::string::npos);

    auto huge = parseRtpParameters(std::string(kMaxJsonBytes + 1, ' '));
    ASSERT_FALSE(huge.ok());
    EXPECT_EQ(huge.error().code, "rtp.too_large");

    auto deep = parseRtpParameters(std::string(100, '[') + std::string(100, ']'));
    ASSERT_FALSE(deep.ok());
    EXPECT_EQ(deep.error().code, "rtp.invalid_json");
}

TEST(RtpCapabilitiesJson, BadExtensionKindAndDirectionAreRefused) {
    auto kind = parseRtpCapabilities(
        R"({"headerExtensions":[{"kind":"data","uri":"urn:x","preferredId":1}]})");
    ASSERT_FALSE(kind.ok());
    EXPECT_NE(kind.error().message.find("headerExtensions[0].kind"), std::string::npos);
    auto direction = parseRtpCapabilities(
        R"({"headerExtensions":[{"kind":"video","uri":"urn:x","preferredId":1,"direction":"up"}]})");
    ASSERT_FALSE(direction.ok());
    EXPECT_NE(direction.error().message.find("headerExtensions[0].direction"), std::string::npos);
}

TEST(RtpCapabilitiesJson, EmptyObjectIsEmptyCapabilities) {
    auto caps = parseRtpCapabilities("{}");
    ASSERT_TRUE(caps.ok());
    EXPECT_TRUE(caps->codecs.empty());
    EXPECT_TRUE(caps->headerExtensions.empty());
}

}  // namespace
}  // namespace vp::sfu::rtp_parameters
