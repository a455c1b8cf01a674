#include "sfu/router/retransmission_limiter.hpp"

#include <algorithm>

namespace vp::sfu::router {

RetransmissionLimiter::RetransmissionLimiter(RetransmissionLimits limits)
    : limits_(limits), tokens_(static_cast<double>(limits.burstBytes)) {}

void RetransmissionLimiter::refill(TimePoint now) {
    if (refilled_ && now > lastRefill_) {
        const double seconds = std::chrono::duration<double>(now - lastRefill_).count();
        tokens_ = std::min(static_cast<double>(limits_.burstBytes),
                           tokens_ + seconds * static_cast<double>(limits_.maxBitrate) / 8.0);
    }
    if (!refilled_ || now > lastRefill_) {
        lastRefill_ = now;
        refilled_ = true;
    }
}

RetransmissionLimiter::Decision RetransmissionLimiter::check(std::uint16_t seq, std::size_t bytes,
                                                             TimePoint now,
                                                             std::chrono::microseconds rtt) {
    Sent& slot = recent_[seq & (recent_.size() - 1)];
    const auto interval = std::max<std::chrono::steady_clock::duration>(rtt, limits_.minInterval);
    if (slot.valid && slot.seq == seq && now - slot.at < interval) {
        return Decision::TooSoon;
    }
    refill(now);
    if (tokens_ < static_cast<double>(bytes)) {
        return Decision::OverBudget;
    }
    tokens_ -= static_cast<double>(bytes);
    slot = Sent{seq, true, now};
    return Decision::Allow;
}

}  // namespace vp::sfu::router
