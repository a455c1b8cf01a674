// The estimator on synthetic feedback traces (link_simulation.hpp): a steady
// link, a capacity drop, recovery with probing, random loss, REMB, bounds.
#include "sfu/bwe/bandwidth_estimator.hpp"

#include <gtest/gtest.h>

#include "link_simulation.hpp"

namespace vp::sfu::bwe {
namespace {

using namespace std::chrono_literals;
using testing::LinkSimulation;

std::chrono::steady_clock::time_point at(std::int64_t micros) {
    return std::chrono::steady_clock::time_point(std::chrono::microseconds(micros));
}

TEST(BandwidthEstimator, SteadyLinkWithRoomKeepsTheEstimateUpAndNeverSeesOveruse) {
    LinkSimulation sim;
    sim.capacity = 5'000'000;
    sim.demand = 2'000'000;
    sim.run(10s);
    EXPECT_GE(sim.estimator.estimate(), 2'000'000u);
    EXPECT_EQ(sim.estimator.stats().overuseDecreases, 0u);
    EXPECT_EQ(sim.estimator.stats().lostPackets, 0u);
    EXPECT_GT(sim.estimator.ackedBitrate(), 1'800'000u);
    EXPECT_LT(sim.estimator.ackedBitrate(), 2'200'000u);
}

TEST(BandwidthEstimator, ACapacityDropBringsTheEstimateDownWithinAFewHundredMs) {
    LinkSimulation sim;
    sim.capacity = 4'000'000;
    sim.demand = 3'000'000;
    sim.run(15s);
    ASSERT_GE(sim.estimator.estimate(), 2'500'000u) << "climbed to the demand first";
    sim.capacity = 600'000;
    std::int64_t fellAfter = -1;
    for (int ms = 0; ms < 2000 && fellAfter < 0; ms += 10) {
        sim.run(10ms);
        if (sim.estimator.estimate() < 700'000) {
            fellAfter = ms + 10;
        }
    }
    ASSERT_GE(fellAfter, 0) << "estimate stayed at " << sim.estimator.estimate();
    EXPECT_LE(fellAfter, 600) << "ms until the estimate fitted the new capacity";
    EXPECT_GT(sim.estimator.stats().overuseDecreases, 0u);
    // It settles near the capacity, not at the floor.
    sim.run(5s);
    EXPECT_GT(sim.estimator.estimate(), 300'000u);
    EXPECT_LT(sim.estimator.estimate(), 800'000u);
}

TEST(BandwidthEstimator, RecoveryWithProbesClimbsBackWithinSeconds) {
    LinkSimulation sim;
    sim.probing = true;
    sim.capacity = 600'000;
    sim.demand = 2'500'000;
    sim.run(10s);
    ASSERT_LT(sim.estimator.estimate(), 800'000u);
    sim.capacity = 5'000'000;
    sim.run(6s);
    EXPECT_GE(sim.estimator.estimate(), 2'000'000u);
    EXPECT_GT(sim.estimator.stats().probeResults, 0u);
    EXPECT_GT(sim.probes.clustersStarted(), 0u);
}

TEST(BandwidthEstimator, WithoutProbesItCannotOutgrowWhatWasAcknowledged) {
    LinkSimulation sim(
        {.initialBitrate = 300'000, .minBitrate = 100'000, .maxBitrate = 20'000'000});
    sim.capacity = 10'000'000;
    sim.demand = 500'000;
    sim.run(20s);
    EXPECT_GE(sim.estimator.estimate(), 500'000u) << "grew while the demand was not met";
    EXPECT_LE(sim.estimator.estimate(), 500'000u * 3 / 2 + 20'000);
}

TEST(BandwidthEstimator, HeavyRandomLossLowersTheEstimateLightLossDoesNot) {
    LinkSimulation heavy;
    heavy.capacity = 10'000'000;
    heavy.demand = 2'000'000;
    heavy.randomLoss = 0.2;
    heavy.run(5s);
    EXPECT_GT(heavy.estimator.stats().lossDecreases, 0u);
    EXPECT_LT(heavy.estimator.estimate(), 1'000'000u);

    LinkSimulation light;
    light.capacity = 10'000'000;
    light.demand = 2'000'000;
    light.randomLoss = 0.01;
    light.run(10s);
    EXPECT_EQ(light.estimator.stats().lossDecreases, 0u);
    EXPECT_GE(light.estimator.estimate(), 1'500'000u) << "grew from 1 Mbps";
}

TEST(BandwidthEstimator, RembIsTheEstimateUntilTransportCcFeedbackArrives) {
    BandwidthEstimator estimator(
        {.initialBitrate = 1'000'000, .minBitrate = 100'000, .maxBitrate = 5'000'000});
    estimator.onRemb(300'000, at(0));
    EXPECT_EQ(estimator.estimate(), 300'000u);
    estimator.onRemb(50'000'000, at(1000));
    EXPECT_EQ(estimator.estimate(), 5'000'000u) << "bounded by the max";
    estimator.onRemb(1, at(2000));
    EXPECT_EQ(estimator.estimate(), 100'000u) << "bounded by the floor";
    const PacketResult r{10'000, 50'000, 1200, kNoProbeCluster};
    estimator.onPacketResults(std::span(&r, 1), at(3000));
    EXPECT_TRUE(estimator.hasTransportCc());
    estimator.onRemb(4'000'000, at(4000));
    EXPECT_EQ(estimator.estimate(), 100'000u) << "REMB ignored once transport-cc is used";
    EXPECT_EQ(estimator.stats().rembs, 4u);
}

TEST(BandwidthEstimator, NeverLeavesItsBoundsEvenOnACollapsedLink) {
    LinkSimulation sim(
        {.initialBitrate = 1'000'000, .minBitrate = 200'000, .maxBitrate = 3'000'000});
    sim.capacity = 50'000;
    sim.demand = 2'000'000;
    sim.run(10s);
    EXPECT_EQ(sim.estimator.estimate(), 200'000u);
    sim.capacity = 100'000'000;
    sim.probing = true;
    sim.run(20s);
    EXPECT_LE(sim.estimator.estimate(), 3'000'000u);
    EXPECT_GE(sim.estimator.estimate(), 2'000'000u);
}

}  // namespace
}  // namespace vp::sfu::bwe
