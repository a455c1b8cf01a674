#include "sfu/bwe/probe_controller.hpp"

#include <algorithm>

namespace vp::sfu::bwe {

ProbeRequest ProbeController::tick(TimePoint now, std::chrono::microseconds elapsed,
                                   std::uint64_t estimate, std::uint64_t desired, bool limited) {
    if (ticksLeft_ == 0) {
        if (!limited || desired <= estimate || (started_ && now < nextProbe_)) {
            return {};
        }
        started_ = true;
        nextProbe_ = now + options_.interval;
        rate_ = std::min({2 * estimate, desired, options_.maxBitrate});
        ticksLeft_ = std::max<std::size_t>(options_.clusterTicks, 2);
        // Cluster ids skip 0 (= no probe).
        cluster_ = static_cast<std::uint16_t>(cluster_ + 1 == 0 ? 1 : cluster_ + 1);
        ++clusters_;
    }
    --ticksLeft_;
    const auto micros = std::clamp<std::int64_t>(elapsed.count(), 1'000, 100'000);
    const std::size_t bytes = std::min<std::size_t>(
        rate_ * static_cast<std::uint64_t>(micros) / 8'000'000, options_.maxBytesPerTick);
    bytes_ += bytes;
    return ProbeRequest{bytes, cluster_};
}

}  // namespace vp::sfu::bwe
