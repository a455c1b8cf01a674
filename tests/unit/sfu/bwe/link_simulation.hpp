#pragma once
// A synthetic path for the estimator tests: a bottleneck of `capacity` bits/s
// with a drop-tail queue (packets waiting longer than maxQueue are lost),
// fixed propagation delay and optional random loss; a sender that sends at
// min(demand, estimate) and, when a ProbeController asks, padding clusters;
// transport-cc-like feedback every 100 ms in send order. The receiver's clock
// has an arbitrary offset (only differences may matter).
#include <chrono>
#include <cstdint>
#include <deque>
#include <random>
#include <vector>

#include "sfu/bwe/bandwidth_estimator.hpp"
#include "sfu/bwe/probe_controller.hpp"

namespace vp::sfu::bwe::testing {

class LinkSimulation {
  public:
    std::uint64_t capacity = 3'000'000;
    std::uint64_t demand = 2'500'000;
    double randomLoss = 0.0;
    bool probing = false;
    std::int64_t propagationMicros = 20'000;
    std::int64_t maxQueueMicros = 300'000;
    std::uint32_t packetSize = 1200;

    explicit LinkSimulation(BandwidthEstimatorOptions options = {}) : estimator(options) {}

    // Runs for `duration`, 1 ms steps.
    void run(std::chrono::milliseconds duration) {
        const std::int64_t end = now_ + duration.count() * 1000;
        for (; now_ < end; now_ += 1000) {
            step();
        }
    }
    std::int64_t nowMicros() const { return now_; }

    BandwidthEstimator estimator;
    ProbeController probes;
    std::uint64_t sentBytes = 0;

  private:
    void send(std::uint32_t size, std::uint16_t cluster) {
        PacketResult r{now_, -1, size, cluster};
        std::bernoulli_distribution lose(randomLoss);
        const std::int64_t start = std::max(now_, linkFree_);
        if (start - now_ <= maxQueueMicros && !lose(random_)) {
            const auto serialization =
                static_cast<std::int64_t>(std::uint64_t{size} * 8 * 1'000'000 / capacity);
            linkFree_ = start + serialization;
            r.arrivalMicros = linkFree_ + propagationMicros + kReceiverOffset;
            due_.push_back(linkFree_ + propagationMicros);
        } else {
            due_.push_back(now_ + propagationMicros);  // the receiver notices the gap then
        }
        pending_.push_back(r);
        sentBytes += size;
    }

    void step() {
        const std::uint64_t rate = std::min(demand, estimator.estimate());
        credit_ += static_cast<double>(rate) / 1000.0;  // bits per 1 ms step
        while (credit_ >= packetSize * 8.0) {
            credit_ -= packetSize * 8.0;
            send(packetSize, kNoProbeCluster);
        }
        if (probing && now_ % 20'000 == 0) {
            const auto p =
                probes.tick(std::chrono::steady_clock::time_point(std::chrono::microseconds(now_)),
                            std::chrono::milliseconds(20), estimator.estimate(), demand,
                            demand > estimator.estimate());
            for (std::size_t sent = 0; sent < p.bytes; sent += 280) {
                send(280, p.cluster);
            }
        }
        if (now_ % 100'000 == 0) {
            feedback();
        }
    }

    void feedback() {
        std::vector<PacketResult> batch;
        while (!pending_.empty() && due_.front() <= now_) {
            batch.push_back(pending_.front());
            pending_.pop_front();
            due_.pop_front();
        }
        if (!batch.empty()) {
            estimator.onPacketResults(
                batch, std::chrono::steady_clock::time_point(std::chrono::microseconds(now_)));
        }
    }

    static constexpr std::int64_t kReceiverOffset = 987'654'321;
    std::int64_t now_ = 1'000'000;
    std::int64_t linkFree_ = 0;
    double credit_ = 0;
    std::deque<PacketResult> pending_;
    std::deque<std::int64_t> due_;
    std::mt19937 random_{42};
};

}  // namespace vp::sfu::bwe::testing
