#pragma once
// NTP timestamps as RTCP carries them (RFC 3550 4): 64-bit seconds since 1900
// with a 32-bit fraction, and the "compact" middle 32 bits (16.16 seconds) of
// LSR, DLSR and the RTT computation (6.4.1).
#include <chrono>
#include <cstdint>

namespace vp::sfu::router {

inline constexpr std::uint64_t kNtpUnixOffsetSeconds = 2'208'988'800ull;

inline std::uint64_t toNtp(std::chrono::system_clock::time_point wall) {
    const auto ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(wall.time_since_epoch()).count();
    const auto total = static_cast<std::uint64_t>(ns < 0 ? 0 : ns);
    const std::uint64_t seconds = total / 1'000'000'000u + kNtpUnixOffsetSeconds;
    const std::uint64_t fraction = ((total % 1'000'000'000u) << 32) / 1'000'000'000u;
    return (seconds << 32) | fraction;
}

inline std::uint32_t compactNtp(std::uint64_t ntp) {
    return static_cast<std::uint32_t>(ntp >> 16);
}

// A duration in units of 1/65536 s (DLSR), saturating.
inline std::uint32_t toCompactDuration(std::chrono::steady_clock::duration d) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    if (us <= 0) {
        return 0;
    }
    const std::uint64_t units = (static_cast<std::uint64_t>(us) << 16) / 1'000'000u;
    return units > 0xFFFF'FFFFu ? 0xFFFF'FFFFu : static_cast<std::uint32_t>(units);
}

inline std::chrono::microseconds fromCompactDuration(std::uint32_t units) {
    return std::chrono::microseconds((std::uint64_t{units} * 1'000'000u) >> 16);
}

}  // namespace vp::sfu::router
