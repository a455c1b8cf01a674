#pragma once
// JoinRateLimiter: at most N join attempts per client IP per second (fixed
// one-second windows). The table of addresses is bounded; when it is full of
// addresses active this second, unknown addresses are refused too.
#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_map>

namespace vp::rooms {

class JoinRateLimiter {
  public:
    explicit JoinRateLimiter(std::size_t perSecond, std::size_t maxAddresses = 4096)
        : perSecond_(perSecond), maxAddresses_(maxAddresses) {}

    // Counts one attempt from `address`; false when it is over the limit.
    bool allow(const std::string& address, std::chrono::steady_clock::time_point now);

  private:
    struct Window {
        std::chrono::steady_clock::time_point start;
        std::size_t count = 0;
    };

    std::size_t perSecond_;
    std::size_t maxAddresses_;
    std::unordered_map<std::string, Window> windows_;
};

}  // namespace vp::rooms
