#include "tools/loadtest/latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace vp::tools::loadtest {

std::size_t LatencyHistogram::bucketOf(std::uint64_t micros) {
    if (micros < kLinear) {
        return static_cast<std::size_t>(micros);
    }
    const auto exponent = static_cast<std::size_t>(std::bit_width(micros) - 1);  // >= 7
    if (exponent >= kMaxExponent) {
        return kBuckets - 1;
    }
    const std::uint64_t sub = (micros >> (exponent - 6)) - kSubBuckets;  // 0..63
    return kLinear + (exponent - 7) * kSubBuckets + static_cast<std::size_t>(sub);
}

std::uint64_t LatencyHistogram::valueOf(std::size_t bucket) {
    if (bucket < kLinear) {
        return bucket;
    }
    const std::size_t exponent = (bucket - kLinear) / kSubBuckets + 7;
    const std::uint64_t sub = (bucket - kLinear) % kSubBuckets;
    const std::uint64_t width = std::uint64_t{1} << (exponent - 6);
    return ((kSubBuckets + sub) << (exponent - 6)) + width / 2;
}

void LatencyHistogram::record(std::uint64_t micros) {
    ++buckets_[bucketOf(micros)];
    ++count_;
    sum_ += micros;
    max_ = std::max(max_, micros);
    min_ = std::min(min_, micros);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (std::size_t i = 0; i < kBuckets; ++i) {
        buckets_[i] += other.buckets_[i];
    }
    count_ += other.count_;
    sum_ += other.sum_;
    max_ = std::max(max_, other.max_);
    min_ = std::min(min_, other.min_);
}

std::uint64_t LatencyHistogram::percentile(double p) const {
    if (count_ == 0) {
        return 0;
    }
    const double clamped = std::clamp(p, 0.0, 100.0);
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(clamped / 100.0 * static_cast<double>(count_))));
    if (rank >= count_) {
        return max_;
    }
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
        seen += buckets_[i];
        if (seen >= rank) {
            return std::clamp(valueOf(i), min(), max_);
        }
    }
    return max_;
}

}  // namespace vp::tools::loadtest
