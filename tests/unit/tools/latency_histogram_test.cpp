#include "tools/loadtest/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace vp::tools::loadtest {
namespace {

TEST(LatencyHistogram, PercentilesOfAUniformRangeAreWithinTwoPercent) {
    LatencyHistogram h;
    for (std::uint64_t v = 1; v <= 100'000; ++v) {
        h.record(v);
    }
    EXPECT_EQ(h.count(), 100'000u);
    for (double p : {50.0, 90.0, 99.0, 99.9}) {
        const double expected = p * 1000.0;
        EXPECT_NEAR(static_cast<double>(h.percentile(p)), expected, expected * 0.02) << p;
    }
    EXPECT_EQ(h.percentile(100), 100'000u);
    EXPECT_EQ(h.percentile(0), 1u);
}

TEST(LatencyHistogram, SmallValuesAreExactAndEmptyIsZero) {
    LatencyHistogram h;
    EXPECT_EQ(h.percentile(50), 0u);
    for (std::uint64_t v : {3u, 3u, 3u, 7u}) {
        h.record(v);
    }
    EXPECT_EQ(h.percentile(50), 3u);
    EXPECT_EQ(h.percentile(99), 7u);
    EXPECT_DOUBLE_EQ(h.mean(), 4.0);
}

TEST(LatencyHistogram, BucketsAreMonotonicAndHugeValuesFit) {
    std::size_t previous = 0;
    for (std::uint64_t v = 0; v < (1u << 22); v = v * 3 / 2 + 1) {
        const std::size_t b = LatencyHistogram::bucketOf(v);
        EXPECT_GE(b, previous);
        previous = b;
    }
    LatencyHistogram h;
    h.record(UINT64_MAX / 2);
    EXPECT_EQ(h.percentile(50), UINT64_MAX / 2);  // clamped to the recorded max
}

TEST(LatencyHistogram, MergeEqualsRecordingEverythingInOne) {
    LatencyHistogram a;
    LatencyHistogram b;
    LatencyHistogram all;
    for (std::uint64_t v = 0; v < 5000; ++v) {
        (v % 2 ? a : b).record(v * 7);
        all.record(v * 7);
    }
    a.merge(b);
    EXPECT_EQ(a.count(), all.count());
    EXPECT_EQ(a.percentile(99), all.percentile(99));
    EXPECT_EQ(a.max(), all.max());
}

}  // namespace
}  // namespace vp::tools::loadtest
