#include "sfu/bwe/trendline_estimator.hpp"

#include <algorithm>
#include <cmath>

namespace vp::sfu::bwe {

namespace {
constexpr double kThresholdUp = 0.0087;
constexpr double kThresholdDown = 0.039;
constexpr double kMaxAdaptOffsetMs = 15.0;
constexpr double kMinThreshold = 6.0;
constexpr double kMaxThreshold = 600.0;
constexpr double kOverusingTimeMs = 10.0;
constexpr std::size_t kMaxDeltas = 60;
constexpr std::int64_t kMaxGroupGapMicros = 3'000'000;  // a longer silence restarts
}  // namespace

TrendlineEstimator::TrendlineEstimator(TrendlineOptions options) : options_(options) {
    options_.window = std::clamp<std::size_t>(options_.window, 2, kMaxWindow);
}

bool TrendlineEstimator::belongsToCurrent(std::int64_t sendMicros,
                                          std::int64_t arrivalMicros) const {
    if (sendMicros - current_.firstSend <= kBurstMicros) {
        return true;
    }
    // A burst the network delivered back to back (it queued them) is one group too.
    const std::int64_t arrivalDelta = arrivalMicros - current_.lastArrival;
    const std::int64_t propagationDelta = arrivalDelta - (sendMicros - current_.lastSend);
    return propagationDelta < 0 && arrivalDelta <= kBurstMicros &&
           arrivalMicros - current_.firstArrival < 100'000;
}

void TrendlineEstimator::onPacket(std::int64_t sendMicros, std::int64_t arrivalMicros,
                                  std::int64_t nowMicros) {
    if (!current_.valid) {
        current_ = Group{true, sendMicros, sendMicros, arrivalMicros, arrivalMicros};
        return;
    }
    if (sendMicros < current_.firstSend) {
        return;  // reordered across groups: ignored
    }
    if (belongsToCurrent(sendMicros, arrivalMicros)) {
        current_.lastSend = std::max(current_.lastSend, sendMicros);
        current_.lastArrival = std::max(current_.lastArrival, arrivalMicros);
        return;
    }
    if (previous_.valid) {
        const std::int64_t sendDelta = current_.lastSend - previous_.lastSend;
        const std::int64_t arrivalDelta = current_.lastArrival - previous_.lastArrival;
        if (arrivalDelta < 0 || arrivalDelta > kMaxGroupGapMicros ||
            sendDelta > kMaxGroupGapMicros) {
            // The receiver's clock jumped or the stream paused: start over.
            *this = TrendlineEstimator(options_);
            current_ = Group{true, sendMicros, sendMicros, arrivalMicros, arrivalMicros};
            return;
        }
        onGroupDelta(static_cast<double>(sendDelta) / 1000.0,
                     static_cast<double>(arrivalDelta) / 1000.0, current_.lastArrival, nowMicros);
    }
    previous_ = current_;
    current_ = Group{true, sendMicros, sendMicros, arrivalMicros, arrivalMicros};
}

void TrendlineEstimator::onGroupDelta(double sendDeltaMs, double arrivalDeltaMs,
                                      std::int64_t arrivalMicros, std::int64_t nowMicros) {
    deltas_ = std::min(deltas_ + 1, std::size_t{1000});
    if (firstArrival_ < 0) {
        firstArrival_ = arrivalMicros;
    }
    accumulatedDelay_ += arrivalDeltaMs - sendDeltaMs;
    smoothedDelay_ =
        options_.smoothing * smoothedDelay_ + (1 - options_.smoothing) * accumulatedDelay_;
    const auto point =
        std::make_pair(static_cast<double>(arrivalMicros - firstArrival_) / 1000.0, smoothedDelay_);
    if (pointCount_ == options_.window) {
        std::move(points_.begin() + 1, points_.begin() + static_cast<std::ptrdiff_t>(pointCount_),
                  points_.begin());
        --pointCount_;
    }
    points_[pointCount_++] = point;
    if (pointCount_ == options_.window) {
        trend_ = slope();
    }
    detect(sendDeltaMs, nowMicros);
}

double TrendlineEstimator::slope() const {
    double sumX = 0;
    double sumY = 0;
    for (std::size_t i = 0; i < pointCount_; ++i) {
        sumX += points_[i].first;
        sumY += points_[i].second;
    }
    const double meanX = sumX / static_cast<double>(pointCount_);
    const double meanY = sumY / static_cast<double>(pointCount_);
    double numerator = 0;
    double denominator = 0;
    for (std::size_t i = 0; i < pointCount_; ++i) {
        const double dx = points_[i].first - meanX;
        numerator += dx * (points_[i].second - meanY);
        denominator += dx * dx;
    }
    return denominator == 0 ? trend_ : numerator / denominator;
}

void TrendlineEstimator::detect(double sendDeltaMs, std::int64_t nowMicros) {
    if (deltas_ < 2) {
        state_ = BandwidthUsage::Normal;
        return;
    }
    const double modified =
        static_cast<double>(std::min(deltas_, kMaxDeltas)) * trend_ * options_.thresholdGain;
    if (modified > threshold_) {
        timeOverusing_ = timeOverusing_ < 0 ? sendDeltaMs / 2 : timeOverusing_ + sendDeltaMs;
        ++overuseCount_;
        if (timeOverusing_ > kOverusingTimeMs && overuseCount_ > 1 && trend_ >= previousTrend_) {
            timeOverusing_ = 0;
            overuseCount_ = 0;
            state_ = BandwidthUsage::Overusing;
        }
    } else if (modified < -threshold_) {
        timeOverusing_ = -1;
        overuseCount_ = 0;
        state_ = BandwidthUsage::Underusing;
    } else {
        timeOverusing_ = -1;
        overuseCount_ = 0;
        state_ = BandwidthUsage::Normal;
    }
    previousTrend_ = trend_;
    updateThreshold(modified, nowMicros);
}

void TrendlineEstimator::updateThreshold(double modifiedTrend, std::int64_t nowMicros) {
    if (lastThresholdUpdate_ < 0) {
        lastThresholdUpdate_ = nowMicros;
    }
    const double magnitude = std::fabs(modifiedTrend);
    if (magnitude > threshold_ + kMaxAdaptOffsetMs) {
        // A spike (a route change, a long pause): do not adapt to it.
        lastThresholdUpdate_ = nowMicros;
        return;
    }
    const double k = magnitude < threshold_ ? kThresholdDown : kThresholdUp;
    const double elapsedMs =
        std::min(static_cast<double>(nowMicros - lastThresholdUpdate_) / 1000.0, 100.0);
    threshold_ += k * (magnitude - threshold_) * elapsedMs;
    threshold_ = std::clamp(threshold_, kMinThreshold, kMaxThreshold);
    lastThresholdUpdate_ = nowMicros;
}

}  // namespace vp::sfu::bwe
