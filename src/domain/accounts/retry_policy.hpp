#pragma once
// When a failed send is tried again: exponential back-off with jitter, up to a
// maximum number of attempts, after which the message is Failed.
#include <chrono>

#include "common/random.hpp"

namespace vp::domain::accounts {

struct RetryPolicy {
    std::chrono::milliseconds initialDelay{std::chrono::seconds{30}};
    std::chrono::milliseconds maxDelay{std::chrono::hours{1}};
    int maxAttempts = 8;

    // The back-off before the attempt after `attempts` failed ones (attempts >= 1):
    // initialDelay * 2^(attempts-1), capped at maxDelay.
    std::chrono::milliseconds baseDelay(int attempts) const;
    // baseDelay with "equal jitter": uniformly in [base/2, base].
    std::chrono::milliseconds delayAfter(int attempts, common::Random& random) const;
    bool exhausted(int attempts) const { return attempts >= maxAttempts; }
};

}  // namespace vp::domain::accounts
