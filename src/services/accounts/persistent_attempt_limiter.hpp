#pragma once
// PersistentAttemptLimiter: the attempt limiter of R-ACC-1/R-ACC-3 kept in the
// database (table attempt_failures) instead of process memory, so that limits
// survive restarts and hold across every server on the same database. One row per
// failure; a key may try again while it has fewer than `maxFailures` failures in the
// last `window` (a sliding window). Keys (IP addresses, sign-in targets) are stored
// only as SHA-256 of scope and key. Runs on the caller's connection.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/accounts/attempt_limiter.hpp"
#include "domain/accounts/one_time_code.hpp"
#include "services/codes/one_time_codes.hpp"
#include "storage/connection.hpp"

namespace vp::services::accounts {

// The scopes in use (table attempt_failures).
inline constexpr std::string_view kLoginTargetScope = "login_target";
inline constexpr std::string_view kLoginIpScope = "login_ip";
inline constexpr std::string_view kCodeIpScope = "code_ip";  // wrong codes, any target

class PersistentAttemptLimiter {
  public:
    // `scope` separates limits that share keys ("login_ip", "code_ip").
    PersistentAttemptLimiter(std::string scope, domain::accounts::AttemptLimit limit,
                             const common::Clock& clock)
        : scope_(std::move(scope)), limit_(limit), clock_(clock) {}

    // False once `key` has maxFailures failures within the window.
    common::Result<bool> allowed(storage::Connection& c, std::string_view key) const;
    // "rate_limited" (with `why`) once `key` has reached the limit.
    common::Status check(storage::Connection& c, std::string_view key, std::string_view why) const;
    common::Status recordFailure(storage::Connection& c, std::string_view key) const;
    // A success clears the key's failures in this scope.
    common::Status reset(storage::Connection& c, std::string_view key) const;

    const domain::accounts::AttemptLimit& limit() const { return limit_; }

    // Deletes failures recorded before `cutoff`, in every scope (retention).
    static common::Result<std::int64_t> purgeBefore(storage::Connection& c,
                                                    std::chrono::system_clock::time_point cutoff);

  private:
    std::string keyHash(std::string_view key) const;

    std::string scope_;
    domain::accounts::AttemptLimit limit_;
    const common::Clock& clock_;
};

// Verifies a one-time code under a per-IP limit on wrong codes (`perIp`, scope
// kCodeIpScope): "rate_limited" once the IP has too many failures; every outcome but
// Accepted counts one.
common::Result<domain::accounts::VerifyOutcome> verifyCodeUnderLimit(
    storage::Connection& c, const codes::OneTimeCodes& codes, const PersistentAttemptLimiter& perIp,
    const std::string& target, domain::accounts::CodePurpose purpose, std::string_view code,
    const std::string& ip);

inline constexpr std::string_view kTooManyWrongCodes =
    "too many wrong codes from this address; wait 15 minutes and try again";

}  // namespace vp::services::accounts
