// NackGenerator on a fake timeline: holes, retries spaced by max(RTT, 20 ms),
// recovery and RTT (Karn), give-ups that ask for a keyframe, 16-bit wrap.
#include "sfu/router/nack_generator.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using TimePoint = NackGenerator::TimePoint;

struct Collected {
    std::vector<std::uint16_t> seqs;
    bool keyframe = false;
};

// Defaults with some fields changed (designated initializers would have to name all).
NackGeneratorOptions opts(std::chrono::milliseconds initialRtt, unsigned maxRetries = 10,
                          std::chrono::milliseconds maxAge = 1000ms, std::size_t maxMissing = 256) {
    NackGeneratorOptions o;
    o.initialRtt = initialRtt;
    o.maxRetries = maxRetries;
    o.maxAge = maxAge;
    o.maxMissing = maxMissing;
    return o;
}

Collected collect(NackGenerator& g, TimePoint now) {
    std::array<std::uint16_t, 64> out{};
    const auto batch = g.collect(now, out);
    return {{out.begin(), out.begin() + static_cast<std::ptrdiff_t>(batch.count)},
            batch.keyframeNeeded};
}

TEST(NackGenerator, AHoleIsNackedAtOnceThenRetriedAfterTheRtt) {
    NackGenerator g(opts(50ms));
    TimePoint t{};
    g.onPacket(10, t);
    g.onPacket(11, t);
    EXPECT_FALSE(g.shouldCollect(t));
    g.onPacket(14, t);  // 12 and 13 lost
    ASSERT_TRUE(g.shouldCollect(t));
    EXPECT_EQ(collect(g, t).seqs, (std::vector<std::uint16_t>{12, 13}));
    EXPECT_TRUE(collect(g, t + 49ms).seqs.empty()) << "not again within the RTT";
    EXPECT_EQ(collect(g, t + 50ms).seqs, (std::vector<std::uint16_t>{12, 13}));
    EXPECT_EQ(g.stats().missing, 2u);
    EXPECT_EQ(g.stats().nackedSequences, 4u);
}

TEST(NackGenerator, ARepairClosesTheHoleAndTimesTheRtt) {
    NackGenerator g(opts(100ms));
    TimePoint t{};
    g.onPacket(1, t);
    g.onPacket(4, t);
    collect(g, t);  // NACK 2, 3 once
    EXPECT_TRUE(g.onPacket(2, t + 30ms, true));
    EXPECT_TRUE(g.rttMeasured());
    EXPECT_EQ(g.rtt(), 30ms);
    EXPECT_FALSE(g.onPacket(2, t + 31ms, true)) << "a duplicate repairs nothing";
    // 3 is retried (RTT now 30 ms); its repair is not a clean RTT sample.
    EXPECT_EQ(collect(g, t + 30ms).seqs, (std::vector<std::uint16_t>{3}));
    EXPECT_TRUE(g.onPacket(3, t + 200ms));
    EXPECT_EQ(g.rtt(), 30ms);
    EXPECT_EQ(g.missingCount(), 0u);
    EXPECT_EQ(g.stats().recovered, 2u);
    EXPECT_FALSE(g.shouldCollect(t + 1s));
}

TEST(NackGenerator, RetriesAreSpacedByAtLeastTheMinimumInterval) {
    NackGenerator g(opts(1ms));
    TimePoint t{};
    g.onPacket(1, t);
    g.onPacket(3, t);
    EXPECT_EQ(collect(g, t).seqs.size(), 1u);
    EXPECT_TRUE(collect(g, t + 19ms).seqs.empty());
    EXPECT_EQ(collect(g, t + 20ms).seqs.size(), 1u);
}

TEST(NackGenerator, GivingUpAfterMaxRetriesAsksForAKeyframe) {
    NackGenerator g(opts(20ms, 3));
    TimePoint t{};
    g.onPacket(1, t);
    g.onPacket(3, t);
    for (int i = 0; i < 3; ++i) {
        auto c = collect(g, t + i * 20ms);
        EXPECT_EQ(c.seqs.size(), 1u);
        EXPECT_FALSE(c.keyframe);
    }
    auto last = collect(g, t + 60ms);  // the third NACK had its chance
    EXPECT_TRUE(last.seqs.empty());
    EXPECT_TRUE(last.keyframe);
    EXPECT_EQ(g.stats().givenUp, 1u);
    EXPECT_FALSE(collect(g, t + 80ms).keyframe) << "asked once";
}

TEST(NackGenerator, HolesOlderThanMaxAgeAreGivenUp) {
    NackGenerator g(opts(1000ms, 10, 300ms));
    TimePoint t{};
    g.onPacket(1, t);
    g.onPacket(3, t);
    collect(g, t);
    auto c = collect(g, t + 301ms);
    EXPECT_TRUE(c.keyframe);
    EXPECT_EQ(g.missingCount(), 0u);
}

TEST(NackGenerator, ABurstLargerThanMaxMissingIsAKeyframeNotAFlood) {
    NackGenerator g(opts(100ms, 10, 1000ms, 8));
    TimePoint t{};
    g.onPacket(1, t);
    g.onPacket(100, t);
    auto c = collect(g, t);
    EXPECT_TRUE(c.seqs.empty());
    EXPECT_TRUE(c.keyframe);
    EXPECT_EQ(g.stats().givenUp, 98u);
    // Holes beyond the bound push the oldest out.
    g.onPacket(106, t);  // 101..105
    g.onPacket(112, t);  // 107..111: 10 holes, 2 dropped
    c = collect(g, t);
    EXPECT_EQ(c.seqs.size(), 8u);
    EXPECT_EQ(c.seqs.front(), 103);
    EXPECT_TRUE(c.keyframe);
}

TEST(NackGenerator, WrapsAroundAndIgnoresRetransmissionsAheadOfTheStream) {
    NackGenerator g;
    TimePoint t{};
    g.onPacket(65534, t);
    g.onPacket(1, t);  // 65535 and 0 lost
    EXPECT_EQ(collect(g, t).seqs, (std::vector<std::uint16_t>{65535, 0}));
    EXPECT_FALSE(g.onPacket(50, t, true)) << "an RTX we did not ask for opens nothing";
    EXPECT_EQ(g.missingCount(), 2u);
    EXPECT_TRUE(g.onPacket(0, t, true));
    g.onPacket(2, t);
    EXPECT_EQ(g.missingCount(), 1u);
}

}  // namespace
}  // namespace vp::sfu::router
