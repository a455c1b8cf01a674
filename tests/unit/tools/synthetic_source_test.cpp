#include "tools/loadtest/synthetic_source.hpp"

#include <gtest/gtest.h>

#include "sfu/packet/rtp_packet.hpp"

namespace vp::tools::loadtest {
namespace {

using sfu::packet::Bytes;
using sfu::packet::RtpPacketView;

SourceConfig video() {
    SourceConfig c;
    c.video = true;
    c.ssrc = 1234;
    c.payloadType = 96;
    c.midExtensionId = 4;
    c.mid = "1";
    c.bitrate = 1'000'000;
    c.fps = 30;
    c.keyframeInterval = std::chrono::milliseconds(2500);
    return c;
}

TEST(FrameSizeModel, KeyframesComeOutOfTheDeltaBudget) {
    const auto m = FrameSizeModel::forVideo(1'000'000, 30, 75, 6.0);
    // 75 frames = 74 deltas + 1 keyframe of 6 deltas = 75 × 4166.7 bytes.
    EXPECT_NEAR(static_cast<double>(m.deltaBytes) * 80.0, 75 * 1'000'000 / 8.0 / 30.0, 100.0);
    EXPECT_NEAR(static_cast<double>(m.keyframeBytes), 6.0 * static_cast<double>(m.deltaBytes), 6.0);
}

TEST(SyntheticSource, VideoHasKeyframesOnItsPeriodAndTheBitRate) {
    FastRandom random(7);
    SyntheticSource source(video(), random);
    EXPECT_EQ(source.framesPerKeyframe(), 75u);
    std::vector<std::size_t> keyframeAt;
    std::uint64_t bytes = 0;
    std::optional<std::uint16_t> lastSeq;
    for (std::size_t frame = 0; frame < 300; ++frame) {  // 10 s
        bool markerSeen = false;
        ASSERT_TRUE(source
                        .nextFrame(frame * 33'333,
                                   [&](Bytes p) {
                                       auto rtp = RtpPacketView::parse(p);
                                       ASSERT_TRUE(rtp);
                                       EXPECT_LE(p.size(), 1200u);
                                       if (lastSeq) {
                                           EXPECT_EQ(rtp->sequenceNumber(),
                                                     static_cast<std::uint16_t>(*lastSeq + 1));
                                       }
                                       lastSeq = rtp->sequenceNumber();
                                       const auto payload = rtp->payload();
                                       if ((payload[0] & 0x10) != 0 && (payload[4] & 0x01) == 0) {
                                           keyframeAt.push_back(frame);
                                       }
                                       EXPECT_EQ(readProbe(payload), frame * 33'333);
                                       EXPECT_FALSE(markerSeen);
                                       markerSeen = rtp->marker();
                                       bytes += payload.size();
                                   })
                        .ok());
        EXPECT_TRUE(markerSeen);
    }
    EXPECT_EQ(keyframeAt, (std::vector<std::size_t>{0, 75, 150, 225}));
    EXPECT_EQ(source.keyframesWritten(), 4u);
    // 10 s at 1 Mbit/s is 1.25 MB of payload, within the ±15 % size noise.
    EXPECT_NEAR(static_cast<double>(bytes), 1.25e6, 0.1 * 1.25e6);
}

TEST(SyntheticSource, KeyframeRequestsAreHonouredAtTheNextFrame) {
    FastRandom random(1);
    SyntheticSource source(video(), random);
    const auto frame = [&] { (void)source.nextFrame(0, [](Bytes) {}); };
    frame();  // the first keyframe
    frame();
    source.requestKeyframe();
    frame();
    EXPECT_EQ(source.keyframesWritten(), 2u);
}

TEST(SyntheticSource, AudioIsOnePacketPer20Ms) {
    FastRandom random(3);
    SourceConfig c;
    c.ssrc = 99;
    c.payloadType = 111;
    SyntheticSource source(c, random);
    EXPECT_EQ(source.frameInterval(), std::chrono::microseconds(20'000));
    std::vector<std::uint32_t> timestamps;
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(source
                        .nextFrame(5,
                                   [&](Bytes p) {
                                       auto rtp = RtpPacketView::parse(p);
                                       ASSERT_TRUE(rtp);
                                       timestamps.push_back(rtp->timestamp());
                                       EXPECT_EQ(readProbe(rtp->payload()), 5u);
                                   })
                        .ok());
    }
    ASSERT_EQ(timestamps.size(), 3u);
    EXPECT_EQ(timestamps[2] - timestamps[0], 1920u);
}

TEST(Probe, RejectsPayloadsWithoutTheMagic) {
    std::vector<std::uint8_t> payload(20, 0);
    EXPECT_FALSE(readProbe(payload));
    writeProbe(payload, 42);
    EXPECT_EQ(readProbe(payload), 42u);
    EXPECT_FALSE(readProbe(Bytes(payload.data(), 5)));
}

}  // namespace
}  // namespace vp::tools::loadtest
