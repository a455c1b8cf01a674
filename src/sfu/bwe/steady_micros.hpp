#pragma once
// The estimator's time unit: microseconds of the steady clock.
#include <chrono>
#include <cstdint>

namespace vp::sfu::bwe {

inline std::int64_t steadyMicros(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

}  // namespace vp::sfu::bwe
