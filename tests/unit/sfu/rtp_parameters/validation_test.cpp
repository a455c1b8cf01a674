// Semantic validation of producer parameters: the errors a browser can cause.
#include "sfu/rtp_parameters/validation.hpp"

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "sfu/rtp_parameters/json.hpp"

namespace vp::sfu::rtp_parameters {
namespace {

RtpParameters vp8Producer() {
    auto params = parseRtpParameters(test::readFixture("chrome_vp8_producer.json"));
    EXPECT_TRUE(params.ok());
    return *params;
}

void expectError(const RtpParameters& params, const char* code, const char* mentions) {
    auto status = validateRtpParameters(params);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, code);
    EXPECT_NE(status.error().message.find(mentions), std::string::npos) << status.error().message;
}

TEST(RtpParametersValidation, ChromeFixturesAreValid) {
    EXPECT_TRUE(validateRtpParameters(vp8Producer()).ok());
    auto opus = parseRtpParameters(test::readFixture("chrome_opus_producer.json"));
    ASSERT_TRUE(opus.ok());
    EXPECT_TRUE(validateRtpParameters(*opus).ok());
    auto caps = parseRtpCapabilities(test::readFixture("chrome_device_capabilities.json"));
    ASSERT_TRUE(caps.ok());
    EXPECT_TRUE(validateRtpCapabilities(*caps).ok());
}

TEST(RtpParametersValidation, RtxSsrcEqualToMediaSsrcIsADuplicate) {
    auto p = vp8Producer();
    p.encodings[0].rtxSsrc = p.encodings[0].ssrc;
    expectError(p, "rtp.duplicate_ssrc", "encodings[0] repeats SSRC 2764362154");
}

TEST(RtpParametersValidation, SsrcRepeatedAcrossEncodingsIsADuplicate) {
    auto p = vp8Producer();
    p.encodings.push_back(RtpEncodingParameters{});
    p.encodings[1].ssrc = p.encodings[0].rtxSsrc;
    expectError(p, "rtp.duplicate_ssrc", "encodings[1]");
}

TEST(RtpParametersValidation, RepeatedRidIsRefused) {
    auto p = vp8Producer();
    p.encodings.assign(2, RtpEncodingParameters{});
    p.encodings[0].rid = "r0";
    p.encodings[1].rid = "r0";
    expectError(p, "rtp.duplicate_rid", "encodings[1].rid");
}

TEST(RtpParametersValidation, EncodingNeedsSsrcOrRid) {
    auto p = vp8Producer();
    p.encodings[0] = RtpEncodingParameters{};
    expectError(p, "rtp.invalid_parameters", "encodings[0] needs an ssrc or a rid");
    p.encodings.clear();
    expectError(p, "rtp.invalid_parameters", "at least one encoding");
}

TEST(RtpParametersValidation, DuplicatePayloadTypeIsRefused) {
    auto p = vp8Producer();
    p.codecs[1].payloadType = p.codecs[0].payloadType;
    expectError(p, "rtp.duplicate_payload_type", "codecs[1].payloadType 101");
}

TEST(RtpParametersValidation, RtxMustPointAtAMediaCodec) {
    auto p = vp8Producer();
    p.codecs[1].parameters["apt"] = std::int64_t{99};
    expectError(p, "rtp.invalid_parameters", "codecs[1].parameters.apt");
    p.codecs[1].parameters.erase("apt");
    expectError(p, "rtp.invalid_parameters", "codecs[1].parameters.apt");
}

TEST(RtpParametersValidation, FirstCodecMustBeMedia) {
    auto p = vp8Producer();
    std::swap(p.codecs[0], p.codecs[1]);
    expectError(p, "rtp.invalid_parameters", "media codec");
    p.codecs.clear();
    expectError(p, "rtp.invalid_parameters", "media codec");
}

TEST(RtpParametersValidation, DuplicateExtensionIdIsRefused) {
    auto p = vp8Producer();
    p.headerExtensions[1].id = p.headerExtensions[0].id;
    expectError(p, "rtp.duplicate_extension_id", "headerExtensions[1].id 1");
}

TEST(RtpCapabilitiesValidation, DuplicatePreferredPayloadTypeIsRefused) {
    auto caps = parseRtpCapabilities(test::readFixture("chrome_device_capabilities.json"));
    ASSERT_TRUE(caps.ok());
    caps->codecs[4].preferredPayloadType = caps->codecs[3].preferredPayloadType;
    auto status = validateRtpCapabilities(*caps);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, "rtp.duplicate_payload_type");
}

}  // namespace
}  // namespace vp::sfu::rtp_parameters
