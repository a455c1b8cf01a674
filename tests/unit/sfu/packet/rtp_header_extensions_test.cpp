// The negotiated-id map and the typed codecs of every supported extension.
#include "sfu/packet/rtp_header_extensions.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "sfu/packet/rtp_writer.hpp"

namespace vp::sfu::packet {
namespace {

TEST(RtpHeaderExtensionMap, MapsUrisToIdsBothWays) {
    RtpHeaderExtensionMap map;
    EXPECT_TRUE(map.add(1, "urn:ietf:params:rtp-hdrext:sdes:mid"));
    EXPECT_TRUE(map.add(3, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"));
    EXPECT_TRUE(
        map.add(5, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"));
    EXPECT_TRUE(map.add(10, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"));
    EXPECT_TRUE(map.add(11, "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"));
    EXPECT_TRUE(map.add(12, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
    EXPECT_TRUE(map.add(13, "urn:3gpp:video-orientation"));
    EXPECT_FALSE(map.add(4, "urn:example:unknown"));
    EXPECT_FALSE(map.add(0, RtpExtensionType::Mid));
    EXPECT_FALSE(map.add(1, RtpExtensionType::AudioLevel));  // id 1 is taken by mid
    EXPECT_EQ(map.idOf(RtpExtensionType::TransportWideCc), 5);
    EXPECT_EQ(map.typeOf(13), RtpExtensionType::VideoOrientation);
    EXPECT_FALSE(map.typeOf(2));
    EXPECT_FALSE(map.typeOf(0));
    for (std::size_t i = 0; i < kRtpExtensionTypeCount; ++i) {
        const auto type = static_cast<RtpExtensionType>(i);
        EXPECT_EQ(rtpExtensionTypeFromUri(rtpExtensionUri(type)), type);
    }
}

TEST(RtpHeaderExtensions, CodecsRoundTrip) {
    std::array<std::uint8_t, 8> buf{};
    ASSERT_EQ(encodeAbsSendTime(buf, 0xABCDEF), 3u);
    EXPECT_EQ(decodeAbsSendTime(Bytes(buf).first(3)), 0xABCDEFu);
    ASSERT_EQ(encodeTransportSequenceNumber(buf, 0xBEEF), 2u);
    EXPECT_EQ(decodeTransportSequenceNumber(Bytes(buf).first(2)), 0xBEEF);
    ASSERT_EQ(encodeAudioLevel(buf, AudioLevel{true, 42}), 1u);
    EXPECT_EQ(buf[0], 0x80 | 42);
    EXPECT_EQ(decodeAudioLevel(Bytes(buf).first(1)), (AudioLevel{true, 42}));
    EXPECT_EQ(encodeAudioLevel(buf, AudioLevel{false, 128}), 0u);
    for (int degrees : {0, 90, 180, 270}) {
        const auto rotation = static_cast<std::uint16_t>(degrees);
        const VideoOrientation o{true, false, rotation};
        ASSERT_EQ(encodeVideoOrientation(buf, o), 1u);
        EXPECT_EQ(decodeVideoOrientation(Bytes(buf).first(1)), o);
    }
    EXPECT_EQ(encodeVideoOrientation(buf, VideoOrientation{false, true, 45}), 0u);
    ASSERT_EQ(encodeSdesText(buf, "q1"), 2u);
    EXPECT_EQ(decodeSdesText(Bytes(buf).first(2)), "q1");
}

TEST(RtpHeaderExtensions, DecodersRejectWrongSizes) {
    const std::uint8_t four[] = {1, 2, 3, 4};
    EXPECT_FALSE(decodeAbsSendTime(four));
    EXPECT_FALSE(decodeTransportSequenceNumber(four));
    EXPECT_FALSE(decodeAudioLevel({}));
    EXPECT_FALSE(decodeVideoOrientation({}));
    EXPECT_FALSE(decodeSdesText({}));
    const std::uint8_t nulPadded[] = {'h', 0, 0};
    EXPECT_EQ(decodeSdesText(nulPadded), "h");
    const std::uint8_t allNul[] = {0, 0};
    EXPECT_FALSE(decodeSdesText(allNul));
    std::array<std::uint8_t, 1> one{};
    EXPECT_EQ(encodeAbsSendTime(one, 1), 0u);
    EXPECT_EQ(encodeTransportSequenceNumber(one, 1), 0u);
    EXPECT_EQ(encodeSdesText(one, "toolong"), 0u);
}

TEST(RtpHeaderExtensions, AbsSendTimeFromMicros) {
    EXPECT_EQ(absSendTimeFromMicros(0), 0u);
    EXPECT_EQ(absSendTimeFromMicros(1'000'000), 1u << 18);
    EXPECT_EQ(absSendTimeFromMicros(64'000'000), 0u);  // wraps every 64 s
    EXPECT_EQ(absSendTimeFromMicros(64'500'000), 1u << 17);
    // Large clock values (microseconds since 1970) do not overflow.
    EXPECT_EQ(absSendTimeFromMicros(1'700'000'000'000'000ULL + 250'000), 1u << 16);
}

TEST(RtpHeaderExtensions, ReadsAndRewritesThroughTheMap) {
    RtpHeaderExtensionMap map;
    ASSERT_TRUE(map.add(1, RtpExtensionType::Mid));
    ASSERT_TRUE(map.add(3, RtpExtensionType::AbsSendTime));
    ASSERT_TRUE(map.add(5, RtpExtensionType::TransportWideCc));
    const std::uint8_t mid[] = {'a', 'u', 'd', 'i', 'o'};
    const std::uint8_t ast[] = {0, 0, 1};
    const std::uint8_t tcc[] = {0, 7};
    std::vector<RtpExtensionElement> ext = {{1, mid}, {3, ast}, {5, tcc}};
    std::vector<std::uint8_t> buf(200);
    auto size = writeRtpPacket(buf, RtpHeaderFields{111, false, 1, 2, 3, {}}, ext, {});
    ASSERT_TRUE(size.ok());
    buf.resize(*size);
    auto packet = MutableRtpPacket::parse(buf);
    ASSERT_TRUE(packet);
    EXPECT_EQ(decodeSdesText(*map.find(packet->view(), RtpExtensionType::Mid)), "audio");
    EXPECT_TRUE(rewriteTransportSequenceNumber(*packet, map, 0x1234));
    EXPECT_TRUE(rewriteAbsSendTime(*packet, map, 0x0FEDCB));
    EXPECT_EQ(
        decodeTransportSequenceNumber(*map.find(packet->view(), RtpExtensionType::TransportWideCc)),
        0x1234);
    EXPECT_EQ(decodeAbsSendTime(*map.find(packet->view(), RtpExtensionType::AbsSendTime)),
              0x0FEDCBu);
    EXPECT_FALSE(map.find(packet->view(), RtpExtensionType::AudioLevel));
    RtpHeaderExtensionMap empty;
    EXPECT_FALSE(rewriteTransportSequenceNumber(*packet, empty, 1));
}

}  // namespace
}  // namespace vp::sfu::packet
