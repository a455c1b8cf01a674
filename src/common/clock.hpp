#pragma once
// Clock: the one seam for time. Production code asks a Clock; tests use FakeClock.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace vp::common {

class Clock {
  public:
    virtual ~Clock() = default;
    // Wall-clock time (for records people read: logs, consents, attendance).
    virtual std::chrono::system_clock::time_point now() const = 0;
    // Monotonic time (for timeouts, rates and latencies).
    virtual std::chrono::steady_clock::time_point steadyNow() const = 0;
};

class SystemClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::now();
    }
    std::chrono::steady_clock::time_point steadyNow() const override {
        return std::chrono::steady_clock::now();
    }
    static const SystemClock& instance() {
        static const SystemClock clock;
        return clock;
    }
};

// A clock that moves only when told to. Thread-safe to read while advanced.
class FakeClock final : public Clock {
  public:
    explicit FakeClock(std::chrono::system_clock::time_point start =
                           std::chrono::system_clock::time_point{
                               std::chrono::seconds{1'800'000'000}})
        : offset_(0), wallStart_(start) {}

    std::chrono::system_clock::time_point now() const override {
        return wallStart_ + std::chrono::nanoseconds{offset_.load()};
    }
    std::chrono::steady_clock::time_point steadyNow() const override {
        return std::chrono::steady_clock::time_point{std::chrono::nanoseconds{offset_.load()}};
    }
    void advance(std::chrono::nanoseconds by) { offset_ += by.count(); }

  private:
    std::atomic<std::int64_t> offset_;
    std::chrono::system_clock::time_point wallStart_;
};

// Milliseconds since the Unix epoch: the storage representation of a time.
inline std::int64_t toUnixMillis(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
inline std::chrono::system_clock::time_point fromUnixMillis(std::int64_t ms) {
    return std::chrono::system_clock::time_point{std::chrono::milliseconds{ms}};
}

}  // namespace vp::common
