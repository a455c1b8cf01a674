#pragma once
// BandwidthEstimator: a GCC-style send-side estimate of what the path to one
// subscriber carries, from its transport-cc feedback (or REMB when that is
// all it sends). Pure: every call takes the time.
//
//  - delay: a TrendlineEstimator over the received packets; Overusing →
//    multiplicative decrease to 0.85 x the acknowledged rate (at most every
//    200 ms); Normal → increase (8 %/s far from the last decrease point,
//    additive near it), never beyond 1.5 x what was acknowledged (you cannot
//    learn more than you sent: that is what probes are for); Underusing → hold.
//  - loss: over >= 50 reported packets, > 10 % lost → x (1 - loss/2) (at most
//    every 300 ms); 2..10 % → hold; < 2 % → the delay rule may increase.
//  - probes: padding sent as a cluster; when >= 5 of its packets arrived, the
//    rate it got through (the lower of send and receive rate) lifts the
//    estimate unless the delay detector sees overuse.
//  - REMB: until transport-cc feedback is seen, the receiver's number is the estimate.
// The estimate stays within [minBitrate, maxBitrate].
#include <array>
#include <chrono>
#include <cstdint>
#include <span>

#include "sfu/bwe/feedback_adapter.hpp"
#include "sfu/bwe/trendline_estimator.hpp"

namespace vp::sfu::bwe {

struct BandwidthEstimatorOptions {
    std::uint64_t initialBitrate = 1'000'000;
    std::uint64_t minBitrate = 150'000;
    std::uint64_t maxBitrate = 20'000'000;
};

struct BandwidthEstimatorStats {
    std::uint64_t feedbackPackets = 0;  // packet results taken in
    std::uint64_t lostPackets = 0;
    std::uint64_t overuseDecreases = 0;
    std::uint64_t lossDecreases = 0;
    std::uint64_t probeResults = 0;
    std::uint64_t rembs = 0;
};

class BandwidthEstimator {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit BandwidthEstimator(BandwidthEstimatorOptions options = {});

    // The packets one transport-cc feedback reported (FeedbackAdapter).
    void onPacketResults(std::span<const PacketResult> results, TimePoint now);
    void onRemb(std::uint64_t bitrate, TimePoint now);

    std::uint64_t estimate() const { return estimate_; }
    // Bits/s the receiver acknowledged over the last 250 ms of arrivals (0: unknown).
    std::uint64_t ackedBitrate() const { return acked_; }
    BandwidthUsage delayState() const { return trendline_.state(); }
    double lastLossFraction() const { return lastLoss_; }
    bool hasTransportCc() const { return transportCc_; }
    const BandwidthEstimatorStats& stats() const { return stats_; }
    const BandwidthEstimatorOptions& options() const { return options_; }

  private:
    struct Cluster {
        std::uint16_t id = kNoProbeCluster;
        bool done = false;
        std::size_t received = 0;
        std::uint64_t bytes = 0;
        std::uint32_t firstSize = 0;
        std::int64_t firstSend = 0;
        std::int64_t batchSend = 0;    // packets sent within 1 ms form a batch
        std::uint64_t batchBytes = 0;  // of the last batch
        std::int64_t lastSend = 0;
        std::int64_t firstArrival = 0;
        std::int64_t lastArrival = 0;
    };
    struct Arrival {
        std::int64_t micros = 0;
        std::uint32_t size = 0;
    };

    void takeIn(const PacketResult& result, std::int64_t nowMicros);
    void updateAcked();
    void onProbePacket(const PacketResult& result);
    void applyProbes();
    void applyLoss(std::int64_t nowMicros);
    void applyDelay(std::int64_t nowMicros);
    void clamp();

    BandwidthEstimatorOptions options_;
    TrendlineEstimator trendline_;
    std::uint64_t estimate_;
    std::uint64_t acked_ = 0;
    bool transportCc_ = false;
    std::array<Arrival, 512> arrivals_{};
    std::size_t arrivalCount_ = 0;
    std::size_t arrivalNext_ = 0;
    std::array<Cluster, 4> clusters_{};
    std::uint64_t lossWindowTotal_ = 0;
    std::uint64_t lossWindowLost_ = 0;
    double lastLoss_ = 0;
    std::int64_t lastIncrease_ = -1;
    std::int64_t lastDecrease_ = -1;
    std::int64_t lastLossDecrease_ = -1;
    std::uint64_t capacityAtDecrease_ = 0;  // acked rate at the last overuse
    BandwidthEstimatorStats stats_;
};

}  // namespace vp::sfu::bwe
