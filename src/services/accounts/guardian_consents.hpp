#pragma once
// Guardian consent for children under 14 (R-MINOR-1). A child's registration names
// a parent or guardian (email or mobile); the guardian receives a code and a link;
// confirming with the code activates the account and records the consent in the
// ledger (policy acceptance by method "guardian") with the guardian's contact kept
// only masked and hashed (table guardian_consents). Accounts never confirmed within
// 7 days are deleted with their data by purgeUnconfirmed (a scheduled job).
//
// Error codes: guardian_required, invalid_guardian, not_found (unknown or lapsed
// request), invalid_code, rate_limited, no_policy; storage errors otherwise.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/accounts/contact.hpp"
#include "domain/accounts/user.hpp"
#include "services/accounts/persistent_attempt_limiter.hpp"
#include "services/codes/one_time_codes.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/policy_store.hpp"
#include "storage/connection.hpp"

namespace vp::services::accounts {

struct GuardianOptions {
    std::chrono::hours pendingLifetime{24 * 7};  // unconfirmed accounts are deleted after
    domain::accounts::AttemptLimit codeFailuresPerIp{30, std::chrono::minutes{15}};
    std::string jurisdiction = "CN";  // recorded with the consent
};

struct GuardianRequest {
    std::int64_t userId = 0;
    domain::accounts::Contact guardian;
    std::string token;  // names the request in the guardian's link; not a secret
    std::chrono::system_clock::time_point createdAt;
    std::chrono::system_clock::time_point expiresAt;
};

struct GuardianConfirmed {
    std::int64_t userId = 0;
    std::int64_t consentId = 0;
};

class GuardianConsents {
  public:
    // References must outlive this object.
    GuardianConsents(GuardianOptions options, const codes::OneTimeCodes& codes,
                     const privacy::PolicyStore& policies, const privacy::ConsentLedger& ledger,
                     const common::Clock& clock, common::Random& random);

    // The guardian's contact for a child registering with `child`: "guardian_required"
    // when absent, "invalid_guardian" when malformed or the child's own.
    common::Result<domain::accounts::Contact> parseGuardian(
        const std::optional<std::string>& guardian, const domain::accounts::Contact& child) const;

    // Stores the request of a new pending account (in the caller's transaction).
    common::Result<GuardianRequest> open(storage::Connection& c, std::int64_t userId,
                                         const domain::accounts::Contact& guardian) const;

    // Sends a (new) code and the link to the guardian of a pending account.
    // `linkBase` is the service's origin. Errors: not_found, rate_limited.
    common::Status sendCode(storage::Connection& c, std::string_view token,
                            std::string_view linkBase, const std::string& ip) const;

    // The guardian's confirmation: activates the account and records the consent.
    common::Result<GuardianConfirmed> confirm(storage::Connection& c, std::string_view token,
                                              std::string_view code, const std::string& ip) const;

    // Deletes accounts still pending `pendingLifetime` after registration, with
    // their sessions, codes and messages; how many accounts. Idempotent.
    common::Result<std::int64_t> purgeUnconfirmed(storage::Connection& c) const;

  private:
    struct Pending;
    common::Result<std::optional<Pending>> findPending(storage::Connection& c,
                                                       std::string_view token) const;
    common::Status activate(storage::Connection& c, const Pending& pending,
                            GuardianConfirmed& out) const;

    GuardianOptions options_;
    const codes::OneTimeCodes& codes_;
    const privacy::PolicyStore& policies_;
    const privacy::ConsentLedger& ledger_;
    const common::Clock& clock_;
    common::Random& random_;
    PersistentAttemptLimiter codesPerIp_;
};

}  // namespace vp::services::accounts
