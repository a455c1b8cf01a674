#pragma once
// Persistence of one-time codes. The rate-limit counters are the issued rows
// themselves, counted within the rate window, so they survive restarts and are
// shared by every server on the same database.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "common/result.hpp"
#include "domain/accounts/one_time_code.hpp"

namespace vp::domain::accounts {

class OneTimeCodeRepository {
  public:
    using TimePoint = std::chrono::system_clock::time_point;

    virtual ~OneTimeCodeRepository() = default;

    virtual common::Result<std::int64_t> insert(const StoredCode& code) = 0;
    // Codes created at or after `since` for the target (any purpose) and from the IP.
    virtual common::Result<IssueHistory> history(const std::string& target,
                                                 const std::string& requesterIp,
                                                 TimePoint since) = 0;
    // The newest code for the target and purpose, consumed or not.
    virtual common::Result<std::optional<StoredCode>> newest(const std::string& target,
                                                             CodePurpose purpose) = 0;
    // Counts an attempt before the comparison, unless the code already has
    // `maxAttempts` of them or is consumed (then false): however many requests race,
    // no code is ever compared more than `maxAttempts` times.
    virtual common::Result<bool> reserveAttempt(std::int64_t id, int maxAttempts) = 0;
    // Consumes the code once; false when it was consumed already (a race lost).
    virtual common::Result<bool> consume(std::int64_t id, TimePoint now) = 0;
    // Deletes codes created before `cutoff` (retention).
    virtual common::Result<std::int64_t> deleteCreatedBefore(TimePoint cutoff) = 0;
};

}  // namespace vp::domain::accounts
