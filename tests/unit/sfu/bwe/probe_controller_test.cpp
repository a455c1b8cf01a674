#include "sfu/bwe/probe_controller.hpp"

#include <gtest/gtest.h>

#include "sfu/bwe/rate_meter.hpp"

namespace vp::sfu::bwe {
namespace {

using namespace std::chrono_literals;
const std::chrono::steady_clock::time_point kStart{10s};

TEST(ProbeController, ProbesOnlyWhenLimitedInBoundedClustersAtMostOncePerInterval) {
    ProbeController probes;
    EXPECT_EQ(probes.tick(kStart, 20ms, 500'000, 2'000'000, false).bytes, 0u) << "not limited";
    // A cluster at 2 x the estimate (1 Mbps) for 3 ticks of 20 ms: 2500 bytes each.
    std::uint16_t cluster = 0;
    for (int i = 0; i < 3; ++i) {
        const auto p = probes.tick(kStart + i * 20ms, 20ms, 500'000, 2'000'000, true);
        EXPECT_EQ(p.bytes, 2500u);
        EXPECT_NE(p.cluster, 0);
        cluster = i == 0 ? p.cluster : cluster;
        EXPECT_EQ(p.cluster, cluster);
    }
    EXPECT_EQ(probes.tick(kStart + 60ms, 20ms, 500'000, 2'000'000, true).bytes, 0u);
    EXPECT_EQ(probes.tick(kStart + 980ms, 20ms, 500'000, 2'000'000, true).bytes, 0u);
    const auto next = probes.tick(kStart + 1000ms, 20ms, 500'000, 2'000'000, true);
    EXPECT_GT(next.bytes, 0u);
    EXPECT_NE(next.cluster, cluster);
    EXPECT_EQ(probes.clustersStarted(), 2u);
}

TEST(ProbeController, TheProbeRateIsCappedByTheDesiredRateTheMaxAndThePerTickBound) {
    ProbeController probes(
        {.interval = 1s, .clusterTicks = 3, .maxBitrate = 4'000'000, .maxBytesPerTick = 6'000});
    EXPECT_EQ(probes.tick(kStart, 20ms, 500'000, 700'000, true).bytes, 1750u);  // 700 kbps
    ProbeController capped(
        {.interval = 1s, .clusterTicks = 3, .maxBitrate = 4'000'000, .maxBytesPerTick = 6'000});
    EXPECT_EQ(capped.tick(kStart, 20ms, 5'000'000, 50'000'000, true).bytes, 6'000u);
    ProbeController longTick;
    EXPECT_LE(longTick.tick(kStart, 10s, 5'000'000, 50'000'000, true).bytes, 24'000u);
}

TEST(RateMeter, MeasuresTheLastSecond) {
    RateMeter meter;
    EXPECT_EQ(meter.bitrate(kStart), 0u);
    for (int ms = 0; ms < 2000; ms += 10) {
        meter.add(1250, kStart + std::chrono::milliseconds(ms));  // 1 Mbps
    }
    const auto rate = meter.bitrate(kStart + 1995ms);
    EXPECT_GT(rate, 950'000u);
    EXPECT_LT(rate, 1'050'000u);
    EXPECT_EQ(meter.bitrate(kStart + 10s), 0u) << "silence";
}

}  // namespace
}  // namespace vp::sfu::bwe
