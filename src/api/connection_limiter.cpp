#include "api/connection_limiter.hpp"

namespace vp::api {

ConnectionLimiter::Verdict ConnectionLimiter::tryAcquire(const std::string& ip) {
    std::lock_guard lock(mutex_);
    if (total_ >= maxTotal_) {
        return Verdict::TotalLimit;
    }
    std::size_t& count = perIp_[ip];
    if (count >= maxPerIp_) {
        if (count == 0) {
            perIp_.erase(ip);
        }
        return Verdict::PerIpLimit;
    }
    ++count;
    ++total_;
    return Verdict::Accepted;
}

void ConnectionLimiter::release(const std::string& ip) {
    std::lock_guard lock(mutex_);
    auto it = perIp_.find(ip);
    if (it == perIp_.end()) {
        return;
    }
    --total_;
    if (--it->second == 0) {
        perIp_.erase(it);
    }
}

std::size_t ConnectionLimiter::total() const {
    std::lock_guard lock(mutex_);
    return total_;
}

std::size_t ConnectionLimiter::forIp(const std::string& ip) const {
    std::lock_guard lock(mutex_);
    auto it = perIp_.find(ip);
    return it == perIp_.end() ? 0 : it->second;
}

}  // namespace vp::api
