#pragma once
// AttemptLimiter: counts failures per key (an IP address, a login target) in fixed
// windows and refuses once a key has reached its limit in the current window
// (R-ACC-3: login attempts are rate limited per IP and per target). Bounded: at
// most `maxKeys` keys are tracked; when full, expired windows are dropped first,
// then the oldest. Thread-safe.
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace vp::domain::accounts {

struct AttemptLimit {
    int maxFailures = 10;
    std::chrono::seconds window{std::chrono::minutes{15}};
};

class AttemptLimiter {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    AttemptLimiter(AttemptLimit limit, std::size_t maxKeys = 100'000)
        : limit_(limit), maxKeys_(maxKeys) {}

    // False once `key` has maxFailures failures in its current window.
    bool allowed(std::string_view key, TimePoint now) const;
    void recordFailure(std::string_view key, TimePoint now);
    // A success clears the key's failures.
    void reset(std::string_view key);
    std::size_t trackedKeys() const;

  private:
    struct Window {
        TimePoint start;
        int failures = 0;
    };
    void makeRoom(TimePoint now);

    AttemptLimit limit_;
    std::size_t maxKeys_;
    mutable std::mutex mutex_;
    std::map<std::string, Window, std::less<>> windows_;
};

}  // namespace vp::domain::accounts
