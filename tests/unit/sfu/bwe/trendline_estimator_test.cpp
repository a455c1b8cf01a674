#include "sfu/bwe/trendline_estimator.hpp"

#include <gtest/gtest.h>

namespace vp::sfu::bwe {
namespace {

// Groups every 10 ms; each arrives `growth` us later than the one before
// would if the delay were constant. Returns the state after `groups`.
BandwidthUsage run(TrendlineEstimator& t, std::int64_t& send, std::int64_t& arrival,
                   std::int64_t growth, int groups) {
    for (int i = 0; i < groups; ++i) {
        send += 10'000;
        arrival += 10'000 + growth;
        t.onPacket(send, arrival, send);
    }
    return t.state();
}

TEST(TrendlineEstimator, ConstantDelayIsNormalGrowingIsOverusingShrinkingIsUnderusing) {
    TrendlineEstimator t;
    std::int64_t send = 0;
    std::int64_t arrival = 5'000'000;
    EXPECT_EQ(run(t, send, arrival, 0, 100), BandwidthUsage::Normal);
    EXPECT_EQ(run(t, send, arrival, 2'000, 30), BandwidthUsage::Overusing);
    EXPECT_EQ(run(t, send, arrival, -3'000, 30), BandwidthUsage::Underusing);
    EXPECT_EQ(run(t, send, arrival, 0, 100), BandwidthUsage::Normal);
}

TEST(TrendlineEstimator, JitterAloneDoesNotReadAsCongestion) {
    TrendlineEstimator t;
    std::int64_t send = 0;
    int overusing = 0;
    for (int i = 0; i < 1000; ++i) {
        // +-3 ms of jitter with no trend.
        const std::int64_t jitter = (i % 2 == 0 ? 3'000 : -3'000);
        send += 10'000;
        t.onPacket(send, send + 40'000 + jitter, send);
        overusing += t.state() == BandwidthUsage::Overusing ? 1 : 0;
    }
    EXPECT_EQ(overusing, 0);
    EXPECT_GE(t.threshold(), 6.0);
}

TEST(TrendlineEstimator, AClockJumpRestartsInsteadOfReadingAsAHugeDelay) {
    TrendlineEstimator t;
    std::int64_t send = 0;
    std::int64_t arrival = 0;
    run(t, send, arrival, 0, 50);
    arrival -= 10'000'000;  // the receiver's clock went backwards
    EXPECT_EQ(run(t, send, arrival, 0, 50), BandwidthUsage::Normal);
}

}  // namespace
}  // namespace vp::sfu::bwe
