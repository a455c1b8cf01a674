#include "tools/loadtest/stream_receiver.hpp"

#include <gtest/gtest.h>

namespace vp::tools::loadtest {
namespace {

TEST(StreamReceiver, CountsLossAcrossTheSequenceNumberWrap) {
    StreamReceiver r(90'000);
    LatencyHistogram delays;
    std::uint16_t seq = 65'500;
    std::int64_t t = 1'000'000;
    for (int i = 0; i < 100; ++i, ++seq, t += 1000) {
        if (i % 10 == 3) {
            continue;  // 10 lost, some after the wrap
        }
        r.onPacket(seq, static_cast<std::uint32_t>(i * 90), t, std::nullopt, 1000, false, delays);
    }
    EXPECT_EQ(r.counters().expected, 100u);
    EXPECT_EQ(r.counters().received, 90u);
    EXPECT_EQ(r.counters().lost(), 10u);
    EXPECT_EQ(r.highestExtended() % 65536, static_cast<std::uint16_t>(65'500 + 99));
}

TEST(StreamReceiver, DuplicatesAreNotReceivedTwiceAndLateFillsAreRecovered) {
    StreamReceiver r(48'000);
    LatencyHistogram delays;
    r.onPacket(10, 0, 0, std::nullopt, 100, false, delays);
    r.onPacket(12, 960, 20'000, std::nullopt, 100, false, delays);
    EXPECT_EQ(r.counters().lost(), 1u);
    r.onPacket(11, 480, 60'000, std::nullopt, 100, true, delays);   // retransmitted
    r.onPacket(12, 960, 61'000, std::nullopt, 100, false, delays);  // duplicate
    EXPECT_EQ(r.counters().received, 3u);
    EXPECT_EQ(r.counters().lost(), 0u);
    EXPECT_EQ(r.counters().recovered, 1u);
    EXPECT_EQ(r.counters().duplicates, 1u);
    EXPECT_EQ(r.counters().bytes, 300u);
}

TEST(StreamReceiver, RecordsOneWayDelayFromTheProbe) {
    StreamReceiver r(90'000);
    LatencyHistogram delays;
    r.onPacket(1, 0, 5'000, std::uint64_t{4'000}, 100, false, delays);
    r.onPacket(2, 0, 5'500, std::uint64_t{5'000}, 100, false, delays);
    r.onPacket(3, 0, 100, std::uint64_t{5'000}, 100, false, delays);  // clock went back: skipped
    EXPECT_EQ(delays.count(), 2u);
    EXPECT_EQ(delays.max(), 1'000u);
    EXPECT_EQ(delays.min(), 500u);
}

TEST(StreamReceiver, JitterFollowsRfc3550) {
    StreamReceiver steady(90'000);
    StreamReceiver jumpy(90'000);
    LatencyHistogram delays;
    for (int i = 0; i < 200; ++i) {
        const auto ts = static_cast<std::uint32_t>(i * 3000);  // 30 fps
        const std::int64_t arrival = i * 33'333;
        steady.onPacket(static_cast<std::uint16_t>(i), ts, arrival, std::nullopt, 1, false, delays);
        jumpy.onPacket(static_cast<std::uint16_t>(i), ts, arrival + (i % 2) * 10'000, std::nullopt,
                       1, false, delays);
    }
    EXPECT_LT(steady.jitterMs(), 0.1);
    // |D| = 10 ms on every packet: J converges to 10 ms.
    EXPECT_NEAR(jumpy.jitterMs(), 10.0, 0.5);
}

}  // namespace
}  // namespace vp::tools::loadtest
