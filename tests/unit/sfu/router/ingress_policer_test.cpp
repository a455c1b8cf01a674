// A publisher sending ten times its announced bitrate is capped (issue 4, bad
// input): the policer's token bucket, the announced bitrate it is built from, and
// the router dropping only that producer's excess while another publisher's
// stream is forwarded whole.
#include "sfu/router/ingress_policer.hpp"

#include <gtest/gtest.h>

#include "router_fixture.hpp"

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using rtp_parameters::MediaKind;

TEST(IngressPolicer, TheAnnouncedBitrateIsTheEncodingsSumOrTheKindsDefault) {
    auto params = test::fixtureParameters("chrome_vp8_producer.json");
    params.encodings[0].maxBitrate.reset();
    EXPECT_EQ(IngressPolicer::announcedBitrate(MediaKind::Video, params),
              IngressPolicer::kDefaultVideo);
    params.encodings[0].maxBitrate = 300'000;
    EXPECT_EQ(IngressPolicer::announcedBitrate(MediaKind::Video, params), 300'000u);
    params.encodings.push_back(params.encodings[0]);
    params.encodings[1].maxBitrate = 900'000;
    EXPECT_EQ(IngressPolicer::announcedBitrate(MediaKind::Video, params), 1'200'000u);
    params.encodings[1].maxBitrate.reset();  // one encoding names none: the default
    EXPECT_EQ(IngressPolicer::announcedBitrate(MediaKind::Video, params),
              IngressPolicer::kDefaultVideo);
    auto audio = test::fixtureParameters("chrome_opus_producer.json");
    EXPECT_EQ(IngressPolicer::announcedBitrate(MediaKind::Audio, audio),
              IngressPolicer::kDefaultAudio);
}

TEST(IngressPolicer, OneSecondOfBurstThenTheCapRate) {
    IngressPolicer policer(100'000);  // cap 300 kbit/s = 37,500 bytes/s
    ASSERT_EQ(policer.capBitsPerSecond(), 300'000u);
    std::chrono::steady_clock::time_point now{};
    std::size_t admitted = 0;
    for (int i = 0; i < 1000; ++i) {  // 1000 bytes every millisecond: 8 Mbit/s
        admitted += policer.admit(1000, now) ? 1000u : 0u;
        now += 1ms;
    }
    // One second: the burst (37,500) plus what refilled meanwhile (37,500).
    EXPECT_GE(admitted, 70'000u);
    EXPECT_LE(admitted, 76'000u);
    EXPECT_EQ(policer.droppedPackets(), 1000 - admitted / 1000);
    // Below the cap nothing is dropped.
    IngressPolicer calm(100'000);
    for (int i = 0; i < 1000; ++i) {  // 100 bytes every 10 ms: 80 kbit/s
        EXPECT_TRUE(calm.admit(100, now));
        now += 10ms;
    }
}

class PolicingTest : public test::RouterTest {};

std::uint32_t ssrcOf(const std::vector<std::uint8_t>& p) {
    return (std::uint32_t{p[8]} << 24) | (std::uint32_t{p[9]} << 16) | (std::uint32_t{p[10]} << 8) |
           p[11];
}

TEST_F(PolicingTest, TenTimesTheAnnouncedBitrateIsCappedAndOthersAreUntouched) {
    auto params = test::fixtureParameters("chrome_vp8_producer.json");
    params.encodings[0].maxBitrate = 100'000;  // announces 100 kbit/s
    transport("pub");
    ASSERT_TRUE(router_.produce({"pub", "cam", MediaKind::Video, params, false}).ok());
    ASSERT_NE(produce("pub2", "mic", MediaKind::Audio, "chrome_opus_producer.json"), nullptr);
    const Consumer* cam = consume("sub", "c1", "cam");
    const Consumer* mic = consume("sub", "c2", "mic");
    ASSERT_TRUE(cam && mic);

    const std::vector<std::uint8_t> payload(1000, 0x42);
    std::uint16_t videoSeq = 1;
    std::uint16_t audioSeq = 1;
    for (std::uint32_t tick = 0; tick < 500; ++tick) {  // 2 s in 4 ms steps
        // 1 kB every 4 ms: about 2 Mbit/s, twenty times the announcement.
        send("pub", test::rtpPacket(test::kVp8Ssrc, 101, videoSeq++, 90u * tick, {}, payload));
        if (tick % 5 == 0) {
            send("pub2", test::rtpPacket(test::kOpusSsrc, 100, audioSeq++, 960u * tick));
        }
        clock_.advance(4ms);
    }
    std::size_t video = 0;
    std::size_t audio = 0;
    for (const auto& p : transports_["sub"]->rtp) {
        video += ssrcOf(p) == cam->ssrc() ? 1u : 0u;
        audio += ssrcOf(p) == mic->ssrc() ? 1u : 0u;
    }
    // Cap 300 kbit/s: a second of burst plus two seconds at the cap, in ~1 kB packets.
    EXPECT_GE(video, 60u);
    EXPECT_LE(video, 115u);
    EXPECT_EQ(router_.stats().packetsPoliced, 500 - video);
    EXPECT_EQ(audio, 100u);  // the other publisher loses nothing
}

}  // namespace
}  // namespace vp::sfu::router
