#include "sfu/bwe/rate_meter.hpp"

#include "sfu/bwe/steady_micros.hpp"

namespace vp::sfu::bwe {

void RateMeter::add(std::size_t bytes, TimePoint now) {
    const std::int64_t index = steadyMicros(now) / kBucketMicros;
    const auto slot = static_cast<std::size_t>(index % static_cast<std::int64_t>(kBuckets));
    if (!any_ || index_[slot] != index) {
        if (!any_) {
            index_.fill(-1);
            any_ = true;
        }
        index_[slot] = index;
        bytes_[slot] = 0;
    }
    bytes_[slot] += bytes;
}

std::uint64_t RateMeter::bitrate(TimePoint now) const {
    if (!any_) {
        return 0;
    }
    const std::int64_t nowMicros = steadyMicros(now);
    const std::int64_t current = nowMicros / kBucketMicros;
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
        if (index_[i] > current - static_cast<std::int64_t>(kBuckets) && index_[i] <= current) {
            total += bytes_[i];
        }
    }
    // Nine whole buckets and the part of the current one that has passed.
    const std::int64_t window =
        (static_cast<std::int64_t>(kBuckets) - 1) * kBucketMicros + nowMicros % kBucketMicros + 1;
    return total * 8 * 1'000'000 / static_cast<std::uint64_t>(window);
}

}  // namespace vp::sfu::bwe
