// The rewriter: continuity across pauses, resumes and source changes, wrap.
#include "sfu/router/rtp_stream_rewriter.hpp"

#include <gtest/gtest.h>

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using TimePoint = RtpStreamRewriter::TimePoint;

constexpr std::uint32_t kVideoRate = 90000;

TimePoint at(std::chrono::milliseconds ms) {
    return TimePoint{} + ms;
}

TEST(RtpStreamRewriter, FirstPacketMapsOntoTheChosenStartAndOffsetsStay) {
    RtpStreamRewriter r(1000, 5000);
    EXPECT_EQ(r.rewrite(7, 40000, 123456, kVideoRate, at(0ms)), (RewrittenHeader{1000, 5000}));
    EXPECT_EQ(r.rewrite(7, 40001, 126456, kVideoRate, at(33ms)), (RewrittenHeader{1001, 8000}));
    // Reordering and loss pass through unchanged.
    EXPECT_EQ(r.rewrite(7, 40005, 129456, kVideoRate, at(66ms)), (RewrittenHeader{1005, 11000}));
    EXPECT_EQ(r.rewrite(7, 40003, 129456, kVideoRate, at(67ms)), (RewrittenHeader{1003, 11000}));
    EXPECT_EQ(r.highestSequenceNumber(), 1005);
}

TEST(RtpStreamRewriter, ResumeContinuesWithoutAGapAndAdvancesTimeByTheWallClock) {
    RtpStreamRewriter r(100, 0);
    ASSERT_TRUE(r.rewrite(1, 10, 90000, kVideoRate, at(0ms)));
    ASSERT_TRUE(r.rewrite(1, 11, 93000, kVideoRate, at(33ms)));
    // Paused for two seconds; the producer kept counting meanwhile.
    r.sync();
    auto resumed = r.rewrite(1, 80, 300000, kVideoRate, at(2033ms));
    ASSERT_TRUE(resumed);
    EXPECT_EQ(resumed->sequenceNumber, 102);         // 101 was the last one sent: no gap
    EXPECT_EQ(resumed->timestamp, 3000u + 180000u);  // 2 s at 90 kHz after the last one
    EXPECT_EQ(r.rewrite(1, 81, 303000, kVideoRate, at(2066ms)), (RewrittenHeader{103, 186000}));
}

TEST(RtpStreamRewriter, ANewSourceSsrcStartsANewSegmentAtItsOwnClockRate) {
    RtpStreamRewriter r(0, 0);
    ASSERT_TRUE(r.rewrite(1, 500, 1000, 48000, at(0ms)));
    // The producer restarted: new SSRC, unrelated numbers, 20 ms later.
    auto next = r.rewrite(2, 9, 777, 48000, at(20ms));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->sequenceNumber, 1);
    EXPECT_EQ(next->timestamp, 960u);  // 20 ms at 48 kHz
}

TEST(RtpStreamRewriter, ASyncWithNoElapsedTimeStillMovesTheTimestamp) {
    RtpStreamRewriter r(0, 0);
    ASSERT_TRUE(r.rewrite(1, 1, 1, kVideoRate, at(0ms)));
    r.sync();
    auto next = r.rewrite(1, 50, 1, kVideoRate, at(0ms));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->timestamp, 1u);
    EXPECT_EQ(next->sequenceNumber, 1);
}

TEST(RtpStreamRewriter, LatePacketsFromBeforeAResumeAreDropped) {
    RtpStreamRewriter r(0, 0);
    ASSERT_TRUE(r.rewrite(1, 10, 0, kVideoRate, at(0ms)));
    r.sync();
    ASSERT_TRUE(r.rewrite(1, 20, 3000, kVideoRate, at(100ms)));  // becomes seq 1
    // Seq 15 was sent before the pause but arrives now: its number is taken.
    EXPECT_FALSE(r.rewrite(1, 15, 1500, kVideoRate, at(101ms)));
    EXPECT_TRUE(r.rewrite(1, 21, 6000, kVideoRate, at(102ms)));
}

TEST(RtpStreamRewriter, SixteenBitWrapAroundIsContinuous) {
    RtpStreamRewriter r(65534, 0xFFFFFF00u);
    std::uint16_t in = 100;
    std::uint32_t ts = 0;
    std::uint16_t expected = 65534;
    std::uint32_t expectedTs = 0xFFFFFF00u;
    for (int i = 0; i < 6; ++i) {
        auto out = r.rewrite(1, in++, ts, kVideoRate, at(std::chrono::milliseconds(i)));
        ASSERT_TRUE(out);
        EXPECT_EQ(out->sequenceNumber, expected++);
        EXPECT_EQ(out->timestamp, expectedTs);
        ts += 0x40;
        expectedTs += 0x40;  // wraps past 2^32 too
    }
    EXPECT_EQ(r.highestSequenceNumber(), 3);
    // Input wrapping is just as continuous.
    RtpStreamRewriter w(10, 0);
    ASSERT_TRUE(w.rewrite(1, 65535, 0, kVideoRate, at(0ms)));
    EXPECT_EQ(w.rewrite(1, 0, 0, kVideoRate, at(1ms))->sequenceNumber, 11);
    EXPECT_EQ(w.rewrite(1, 1, 0, kVideoRate, at(2ms))->sequenceNumber, 12);
}

TEST(RtpStreamRewriter, ALongSegmentStopsGuardingItsStart) {
    RtpStreamRewriter r(0, 0);
    std::uint16_t seq = 0;
    for (int i = 0; i < 0x9000; ++i) {
        ASSERT_TRUE(r.rewrite(1, seq++, 0, kVideoRate, at(0ms)));
    }
    // 0x9000 packets later the start is more than half the space behind and a
    // fresh number that looks "older" by wrap arithmetic still passes.
    EXPECT_TRUE(r.rewrite(1, seq, 0, kVideoRate, at(0ms)));
}

}  // namespace
}  // namespace vp::sfu::router
