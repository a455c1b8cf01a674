#include "domain/accounts/attempt_limiter.hpp"

#include <algorithm>

namespace vp::domain::accounts {

bool AttemptLimiter::allowed(std::string_view key, TimePoint now) const {
    std::lock_guard lock(mutex_);
    auto it = windows_.find(key);
    if (it == windows_.end() || now >= it->second.start + limit_.window) {
        return true;
    }
    return it->second.failures < limit_.maxFailures;
}

void AttemptLimiter::recordFailure(std::string_view key, TimePoint now) {
    std::lock_guard lock(mutex_);
    auto it = windows_.find(key);
    if (it == windows_.end()) {
        makeRoom(now);
        it = windows_.emplace(std::string(key), Window{now, 0}).first;
    } else if (now >= it->second.start + limit_.window) {
        it->second = Window{now, 0};
    }
    ++it->second.failures;
}

void AttemptLimiter::reset(std::string_view key) {
    std::lock_guard lock(mutex_);
    if (auto it = windows_.find(key); it != windows_.end()) {
        windows_.erase(it);
    }
}

std::size_t AttemptLimiter::trackedKeys() const {
    std::lock_guard lock(mutex_);
    return windows_.size();
}

void AttemptLimiter::makeRoom(TimePoint now) {
    if (windows_.size() < maxKeys_) {
        return;
    }
    std::erase_if(windows_,
                  [&](const auto& entry) { return now >= entry.second.start + limit_.window; });
    if (windows_.size() >= maxKeys_ && !windows_.empty()) {
        auto oldest = std::min_element(
            windows_.begin(), windows_.end(),
            [](const auto& a, const auto& b) { return a.second.start < b.second.start; });
        windows_.erase(oldest);
    }
}

}  // namespace vp::domain::accounts
