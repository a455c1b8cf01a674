#pragma once
// LatencyHistogram: bounded log-linear buckets (64 per power of two, so any
// percentile is within ~1.6 % of the true value) for one-way delays in
// microseconds. Fixed size, no allocation per sample, mergeable across threads.
#include <array>
#include <cstdint>

namespace vp::tools::loadtest {

class LatencyHistogram {
  public:
    void record(std::uint64_t micros);
    void merge(const LatencyHistogram& other);

    std::uint64_t count() const { return count_; }
    std::uint64_t max() const { return max_; }
    std::uint64_t min() const { return count_ == 0 ? 0 : min_; }
    double mean() const {
        return count_ == 0 ? 0.0 : static_cast<double>(sum_) / static_cast<double>(count_);
    }
    // The smallest recorded bucket value v with at least p % of samples <= v
    // (0 when empty); p in [0, 100].
    std::uint64_t percentile(double p) const;

    static std::size_t bucketOf(std::uint64_t micros);
    // A value inside the bucket (its midpoint), for reporting.
    static std::uint64_t valueOf(std::size_t bucket);

  private:
    static constexpr std::size_t kLinear = 128;  // exact below 128 µs
    static constexpr std::size_t kSubBuckets = 64;
    static constexpr std::size_t kMaxExponent = 40;  // ~12 days: everything fits
    static constexpr std::size_t kBuckets = kLinear + (kMaxExponent - 6) * kSubBuckets;

    std::array<std::uint64_t, kBuckets> buckets_{};
    std::uint64_t count_ = 0;
    std::uint64_t sum_ = 0;
    std::uint64_t max_ = 0;
    std::uint64_t min_ = UINT64_MAX;
};

}  // namespace vp::tools::loadtest
