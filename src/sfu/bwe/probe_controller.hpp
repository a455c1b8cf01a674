#pragma once
// ProbeController: when the layer allocation is limited by the estimate, the
// estimate can only climb if the path is shown to carry more (GCC never grows
// far beyond what was acknowledged). So, at most once per `interval`, it asks
// for a probe cluster: padding at min(2 x estimate, desired, maxBitrate) for
// `clusterTicks` router ticks; the estimator measures what got through.
// Bounded: at most maxBytesPerTick per tick and one cluster in flight.
#include <chrono>
#include <cstdint>

namespace vp::sfu::bwe {

struct ProbeOptions {
    std::chrono::milliseconds interval{1000};
    std::size_t clusterTicks = 3;
    std::uint64_t maxBitrate = 8'000'000;  // padding rate of a probe
    std::size_t maxBytesPerTick = 24'000;
};

struct ProbeRequest {
    std::size_t bytes = 0;  // padding to send now (0: none)
    std::uint16_t cluster = 0;
};

class ProbeController {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit ProbeController(ProbeOptions options = {}) : options_(options) {}

    // Called every router tick (`elapsed` since the previous one).
    ProbeRequest tick(TimePoint now, std::chrono::microseconds elapsed, std::uint64_t estimate,
                      std::uint64_t desired, bool limited);

    std::uint64_t clustersStarted() const { return clusters_; }
    std::uint64_t bytesRequested() const { return bytes_; }

  private:
    ProbeOptions options_;
    bool started_ = false;
    TimePoint nextProbe_{};
    std::size_t ticksLeft_ = 0;
    std::uint64_t rate_ = 0;
    std::uint16_t cluster_ = 0;
    std::uint64_t clusters_ = 0;
    std::uint64_t bytes_ = 0;
};

}  // namespace vp::sfu::bwe
