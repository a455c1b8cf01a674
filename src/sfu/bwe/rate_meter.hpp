#pragma once
// RateMeter: bits per second over the last second, in ten 100 ms buckets
// (what one simulcast encoding, or a consumer, sends). No allocation.
#include <array>
#include <chrono>
#include <cstdint>

namespace vp::sfu::bwe {

class RateMeter {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;
    static constexpr std::size_t kBuckets = 10;
    static constexpr std::int64_t kBucketMicros = 100'000;

    void add(std::size_t bytes, TimePoint now);
    std::uint64_t bitrate(TimePoint now) const;

  private:
    std::array<std::uint64_t, kBuckets> bytes_{};
    std::array<std::int64_t, kBuckets> index_{};  // which 100 ms interval each bucket holds
    bool any_ = false;
};

}  // namespace vp::sfu::bwe
