#include "tools/loadtest/sdp.hpp"

#include <gtest/gtest.h>

namespace vp::tools::loadtest {
namespace {

// The shape of Janus 1.1's offer to a VideoRoom subscriber (trimmed).
const char* kJanusOffer =
    "v=0\r\no=- 1700000000 1 IN IP4 192.0.2.2\r\ns=VideoRoom 1234\r\nt=0 0\r\n"
    "a=group:BUNDLE 0 1\r\na=ice-options:trickle\r\na=fingerprint:sha-256 "
    "12:34:56:78\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS *\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 192.0.2.2\r\na=sendonly\r\na=mid:0\r\n"
    "a=rtcp-mux\r\na=ice-ufrag:JnUs\r\na=ice-pwd:janus-password-123\r\na=ice-options:trickle\r\n"
    "a=setup:actpass\r\na=rtpmap:111 opus/48000/2\r\n"
    "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=ssrc:1111 cname:janus\r\n"
    "a=candidate:1 1 udp 2015363327 192.0.2.2 36171 typ host\r\n"
    "a=candidate:2 1 udp 2015363583 fd00::2 30442 typ host\r\na=end-of-candidates\r\n"
    "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 192.0.2.2\r\na=sendonly\r\na=mid:1\r\n"
    "a=rtcp-mux\r\na=ice-ufrag:JnUs\r\na=ice-pwd:janus-password-123\r\na=setup:actpass\r\n"
    "a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtpmap:97 rtx/90000\r\n"
    "a=fmtp:97 apt=96\r\na=ssrc-group:FID 2222 3333\r\na=ssrc:2222 cname:janus\r\n"
    "a=ssrc:3333 cname:janus\r\n";

TEST(Sdp, ReadsAJanusOffer) {
    auto offer = parseSdp(kJanusOffer);
    ASSERT_TRUE(offer.ok()) << offer.error().message;
    EXPECT_EQ(offer->iceUfrag, "JnUs");
    EXPECT_EQ(offer->icePwd, "janus-password-123");
    EXPECT_EQ(offer->fingerprint, "12:34:56:78");
    EXPECT_EQ(offer->setup, "actpass");
    ASSERT_EQ(offer->candidates.size(), 2u);
    EXPECT_EQ(offer->candidates[0].address, "192.0.2.2");
    EXPECT_EQ(offer->candidates[0].port, 36171);
    ASSERT_EQ(offer->media.size(), 2u);
    const SdpMedia& audio = offer->media[0];
    EXPECT_EQ(audio.kind, "audio");
    EXPECT_EQ(audio.mid, "0");
    EXPECT_EQ(audio.payloadType, 111);
    EXPECT_EQ(audio.clockRate, 48000u);
    EXPECT_EQ(audio.ssrc, 1111u);
    EXPECT_EQ(audio.midExtensionId, 1);
    EXPECT_EQ(audio.direction, "sendonly");
    const SdpMedia& video = offer->media[1];
    EXPECT_EQ(video.codec, "VP8/90000");
    EXPECT_EQ(video.rtxPayloadType, 97);
    EXPECT_EQ(video.ssrc, 2222u);
    EXPECT_EQ(video.rtxSsrc, 3333u);
}

TEST(Sdp, AnswerRoundTrips) {
    auto offer = parseSdp(kJanusOffer);
    ASSERT_TRUE(offer.ok());
    SdpDescription answer;
    answer.iceUfrag = "ours";
    answer.icePwd = "our-password-0123456789";
    answer.fingerprint = "AA:BB";
    answer.setup = "active";
    answer.candidates.push_back({"192.0.2.2", 50000});
    for (auto m : offer->media) {
        m.direction = "recvonly";
        m.ssrc.reset();
        m.rtxSsrc.reset();
        answer.media.push_back(m);
    }
    auto parsed = parseSdp(writeSdp(answer));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->iceUfrag, "ours");
    EXPECT_EQ(parsed->setup, "active");
    ASSERT_EQ(parsed->candidates.size(), 1u);
    EXPECT_EQ(parsed->candidates[0].port, 50000);
    ASSERT_EQ(parsed->media.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(parsed->media[i].mid, offer->media[i].mid);
        EXPECT_EQ(parsed->media[i].payloadType, offer->media[i].payloadType);
        EXPECT_EQ(parsed->media[i].codec, offer->media[i].codec);
        EXPECT_EQ(parsed->media[i].direction, "recvonly");
        EXPECT_FALSE(parsed->media[i].ssrc);
    }
    EXPECT_EQ(parsed->media[1].rtxPayloadType, 97);
}

TEST(Sdp, RefusesDescriptionsWithoutCredentials) {
    EXPECT_FALSE(parseSdp("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n").ok());
    EXPECT_FALSE(parseSdp("v=0\r\nm=audio 9\r\n").ok());
    EXPECT_FALSE(parseSdp(std::string(70'000, 'a')).ok());
}

}  // namespace
}  // namespace vp::tools::loadtest
