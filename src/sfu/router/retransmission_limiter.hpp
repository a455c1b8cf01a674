#pragma once
// RetransmissionLimiter: the responder's guard against NACK floods for one
// consumer. A packet is resent at most once per max(RTT, minInterval) (a
// second NACK inside one RTT is the same loss reported twice), and all
// retransmissions together stay within a token bucket (maxBitrate, burstBytes).
#include <array>
#include <chrono>
#include <cstdint>

namespace vp::sfu::router {

struct RetransmissionLimits {
    std::uint64_t maxBitrate = 2'000'000;  // bits per second of retransmissions
    std::size_t burstBytes = 64 * 1024;
    std::chrono::milliseconds minInterval{10};
};

class RetransmissionLimiter {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;
    enum class Decision : std::uint8_t { Allow, TooSoon, OverBudget };

    explicit RetransmissionLimiter(RetransmissionLimits limits = {});

    // Allow charges the bucket and remembers the time for this sequence number.
    Decision check(std::uint16_t seq, std::size_t bytes, TimePoint now,
                   std::chrono::microseconds rtt);

  private:
    struct Sent {
        std::uint16_t seq = 0;
        bool valid = false;
        TimePoint at{};
    };
    void refill(TimePoint now);

    RetransmissionLimits limits_;
    double tokens_;  // bytes
    TimePoint lastRefill_{};
    bool refilled_ = false;
    std::array<Sent, 256> recent_{};
};

}  // namespace vp::sfu::router
