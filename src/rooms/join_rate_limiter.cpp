#include "rooms/join_rate_limiter.hpp"

namespace vp::rooms {

bool JoinRateLimiter::allow(const std::string& address, std::chrono::steady_clock::time_point now) {
    constexpr auto kWindow = std::chrono::seconds{1};
    auto it = windows_.find(address);
    if (it == windows_.end()) {
        if (windows_.size() >= maxAddresses_) {
            std::erase_if(windows_,
                          [&](const auto& entry) { return now - entry.second.start >= kWindow; });
            if (windows_.size() >= maxAddresses_) {
                return false;
            }
        }
        it = windows_.emplace(address, Window{now, 0}).first;
    }
    Window& window = it->second;
    if (now - window.start >= kWindow) {
        window = Window{now, 0};
    }
    if (window.count >= perSecond_) {
        return false;
    }
    ++window.count;
    return true;
}

}  // namespace vp::rooms
