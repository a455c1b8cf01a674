#include "sfu/bwe/bandwidth_estimator.hpp"

#include "sfu/bwe/steady_micros.hpp"

#include <algorithm>
#include <cmath>

namespace vp::sfu::bwe {

namespace {
constexpr std::int64_t kAckedWindowMicros = 250'000;
constexpr std::int64_t kDecreaseIntervalMicros = 200'000;
constexpr std::int64_t kLossDecreaseIntervalMicros = 300'000;
constexpr std::uint64_t kLossWindowPackets = 50;
constexpr double kBeta = 0.85;
constexpr double kMultiplicativeIncreasePerSecond = 1.08;
constexpr double kAdditiveIncreasePerSecond = 60'000;  // ~ one 1200-byte packet per 160 ms RTT
constexpr std::size_t kMinProbePackets = 5;
constexpr std::int64_t kMinProbeSpanMicros = 2'000;
constexpr std::int64_t kBatchMicros = 1'000;
}  // namespace

BandwidthEstimator::BandwidthEstimator(BandwidthEstimatorOptions options)
    : options_(options), estimate_(options.initialBitrate) {
    options_.minBitrate = std::max<std::uint64_t>(options_.minBitrate, 10'000);
    options_.maxBitrate = std::max(options_.maxBitrate, options_.minBitrate);
    clamp();
}

void BandwidthEstimator::clamp() {
    estimate_ = std::clamp(estimate_, options_.minBitrate, options_.maxBitrate);
}

void BandwidthEstimator::onRemb(std::uint64_t bitrate, TimePoint) {
    ++stats_.rembs;
    if (!transportCc_) {
        estimate_ = bitrate;
        clamp();
    }
}

void BandwidthEstimator::onPacketResults(std::span<const PacketResult> results, TimePoint now) {
    if (results.empty()) {
        return;
    }
    transportCc_ = true;
    const std::int64_t nowMicros = steadyMicros(now);
    for (const PacketResult& r : results) {
        takeIn(r, nowMicros);
    }
    updateAcked();
    applyProbes();
    applyLoss(nowMicros);
    applyDelay(nowMicros);
    clamp();
}

void BandwidthEstimator::takeIn(const PacketResult& r, std::int64_t nowMicros) {
    ++stats_.feedbackPackets;
    ++lossWindowTotal_;
    if (!r.received()) {
        ++stats_.lostPackets;
        ++lossWindowLost_;
        return;
    }
    trendline_.onPacket(r.sendMicros, r.arrivalMicros, nowMicros);
    arrivals_[arrivalNext_] = Arrival{r.arrivalMicros, r.size};
    arrivalNext_ = (arrivalNext_ + 1) % arrivals_.size();
    arrivalCount_ = std::min(arrivalCount_ + 1, arrivals_.size());
    if (r.probeCluster != kNoProbeCluster) {
        onProbePacket(r);
    }
}

void BandwidthEstimator::updateAcked() {
    if (arrivalCount_ < 2) {
        return;
    }
    // Newest first, back to the window (arrivals are in send order, nearly sorted).
    const std::size_t newestIndex = (arrivalNext_ + arrivals_.size() - 1) % arrivals_.size();
    const std::int64_t newest = arrivals_[newestIndex].micros;
    std::int64_t oldest = newest;
    std::uint64_t bytes = 0;
    for (std::size_t i = 1; i < arrivalCount_; ++i) {
        const Arrival& a = arrivals_[(newestIndex + arrivals_.size() - i) % arrivals_.size()];
        if (newest - a.micros > kAckedWindowMicros) {
            break;
        }
        oldest = std::min(oldest, a.micros);
        bytes += arrivals_[(newestIndex + arrivals_.size() - i + 1) % arrivals_.size()].size;
    }
    const std::int64_t span = std::max<std::int64_t>(newest - oldest, 50'000);
    acked_ = bytes * 8 * 1'000'000 / static_cast<std::uint64_t>(span);
}

void BandwidthEstimator::onProbePacket(const PacketResult& r) {
    Cluster* slot = nullptr;
    for (Cluster& c : clusters_) {
        if (c.id == r.probeCluster) {
            slot = &c;
            break;
        }
    }
    if (slot == nullptr) {
        // Reuse the oldest slot (the lowest id, ids only grow, modulo 2^16).
        slot = &*std::min_element(clusters_.begin(), clusters_.end(),
                                  [](const Cluster& a, const Cluster& b) { return a.id < b.id; });
        *slot = Cluster{};
        slot->id = r.probeCluster;
        slot->firstSize = r.size;
        slot->firstSend = slot->lastSend = slot->batchSend = r.sendMicros;
        slot->firstArrival = slot->lastArrival = r.arrivalMicros;
    }
    if (slot->done) {
        return;
    }
    ++slot->received;
    slot->bytes += r.size;
    if (r.sendMicros - slot->batchSend > kBatchMicros) {
        slot->batchSend = r.sendMicros;
        slot->batchBytes = 0;
    }
    slot->batchBytes += r.size;
    slot->firstSend = std::min(slot->firstSend, r.sendMicros);
    slot->lastSend = std::max(slot->lastSend, r.sendMicros);
    slot->firstArrival = std::min(slot->firstArrival, r.arrivalMicros);
    slot->lastArrival = std::max(slot->lastArrival, r.arrivalMicros);
}

void BandwidthEstimator::applyProbes() {
    for (Cluster& c : clusters_) {
        if (c.id == kNoProbeCluster || c.done || c.received < kMinProbePackets) {
            continue;
        }
        c.done = true;
        const std::int64_t sendSpan = std::max(c.lastSend - c.firstSend, kMinProbeSpanMicros);
        const std::int64_t receiveSpan =
            std::max(c.lastArrival - c.firstArrival, kMinProbeSpanMicros);
        // Padding leaves in batches (one per router tick): the last batch stops
        // the send clock, the first packet starts the receive clock.
        const std::uint64_t sendRate =
            (c.bytes - c.batchBytes) * 8 * 1'000'000 / static_cast<std::uint64_t>(sendSpan);
        const std::uint64_t receiveRate =
            (c.bytes - c.firstSize) * 8 * 1'000'000 / static_cast<std::uint64_t>(receiveSpan);
        const std::uint64_t result = std::min(sendRate, receiveRate) * 95 / 100;
        ++stats_.probeResults;
        if (trendline_.state() != BandwidthUsage::Overusing && result > estimate_) {
            estimate_ = result;
        }
    }
}

void BandwidthEstimator::applyLoss(std::int64_t nowMicros) {
    if (lossWindowTotal_ < kLossWindowPackets) {
        return;
    }
    lastLoss_ = static_cast<double>(lossWindowLost_) / static_cast<double>(lossWindowTotal_);
    lossWindowTotal_ = 0;
    lossWindowLost_ = 0;
    if (lastLoss_ > 0.10 &&
        (lastLossDecrease_ < 0 || nowMicros - lastLossDecrease_ >= kLossDecreaseIntervalMicros)) {
        estimate_ =
            static_cast<std::uint64_t>(static_cast<double>(estimate_) * (1.0 - 0.5 * lastLoss_));
        lastLossDecrease_ = nowMicros;
        ++stats_.lossDecreases;
    }
}

void BandwidthEstimator::applyDelay(std::int64_t nowMicros) {
    const std::int64_t sinceIncrease =
        lastIncrease_ < 0 ? 0 : std::min<std::int64_t>(nowMicros - lastIncrease_, 1'000'000);
    lastIncrease_ = nowMicros;
    switch (trendline_.state()) {
        case BandwidthUsage::Overusing: {
            if (lastDecrease_ >= 0 && nowMicros - lastDecrease_ < kDecreaseIntervalMicros) {
                return;
            }
            const std::uint64_t base = acked_ > 0 ? acked_ : estimate_;
            const auto lowered = static_cast<std::uint64_t>(kBeta * static_cast<double>(base));
            if (lowered < estimate_) {
                estimate_ = lowered;
                ++stats_.overuseDecreases;
            }
            capacityAtDecrease_ = base;
            lastDecrease_ = nowMicros;
            return;
        }
        case BandwidthUsage::Underusing:
            return;  // queues drain: hold
        case BandwidthUsage::Normal:
            break;
    }
    if (lastLoss_ >= 0.02) {
        return;
    }
    const double seconds = static_cast<double>(sinceIncrease) / 1e6;
    const auto current = static_cast<double>(estimate_);
    const bool nearCapacity = capacityAtDecrease_ > 0 &&
                              current > 0.8 * static_cast<double>(capacityAtDecrease_) &&
                              current < 1.5 * static_cast<double>(capacityAtDecrease_);
    const double increased = nearCapacity
                                 ? current + kAdditiveIncreasePerSecond * seconds
                                 : current * std::pow(kMultiplicativeIncreasePerSecond, seconds);
    // Never grow beyond what the receiver has seen (probes can).
    const double ceiling = acked_ > 0 ? 1.5 * static_cast<double>(acked_) + 10'000 : increased;
    if (increased > current && current < ceiling) {
        estimate_ = static_cast<std::uint64_t>(std::min(increased, ceiling));
    }
}

}  // namespace vp::sfu::bwe
