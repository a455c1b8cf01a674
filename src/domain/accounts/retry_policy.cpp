#include "domain/accounts/retry_policy.hpp"

#include <algorithm>
#include <cstdint>

namespace vp::domain::accounts {

std::chrono::milliseconds RetryPolicy::baseDelay(int attempts) const {
    const auto cap = std::max(maxDelay, initialDelay);
    auto delay = initialDelay;
    for (int i = 1; i < attempts && delay < cap; ++i) {
        delay *= 2;
    }
    return std::min(delay, cap);
}

std::chrono::milliseconds RetryPolicy::delayAfter(int attempts, common::Random& random) const {
    const auto base = baseDelay(attempts).count();
    const auto half = base / 2;
    const auto spread = static_cast<std::uint64_t>(base - half) + 1;
    return std::chrono::milliseconds{half + static_cast<std::int64_t>(random.uniform(spread))};
}

}  // namespace vp::domain::accounts
