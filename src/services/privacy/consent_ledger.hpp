#pragma once
// The consent ledger (R-PRIV-2): an append-only table `consents`. This API can only
// append a record and read a subject's history: a withdrawal is a new record with
// granted = false, never an UPDATE or DELETE of an earlier one.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/privacy/policy.hpp"
#include "services/privacy/policy_store.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

using domain::privacy::ConsentMethod;
using domain::privacy::ConsentPurpose;
using domain::privacy::ConsentRecord;

struct ConsentDecision {
    std::int64_t subject = 0;
    ConsentPurpose purpose = ConsentPurpose::PolicyAcceptance;
    bool granted = false;
    ConsentMethod method = ConsentMethod::Button;
    std::string jurisdiction;  // e.g. "CN"; the deployment's configured one
};

class ConsentLedger {
  public:
    ConsentLedger(const PolicyStore& policies, const common::Clock& clock)
        : policies_(policies), clock_(clock) {}

    // Appends a record for the policy version in force. "no_policy" when none is
    // published yet; "invalid_consent" for a policy acceptance with granted = false
    // (acceptance cannot be withdrawn; cancel the account instead).
    common::Result<ConsentRecord> record(storage::Connection& c,
                                         const ConsentDecision& decision) const;
    // The subject's records in ledger order.
    common::Result<std::vector<ConsentRecord>> history(storage::Connection& c,
                                                       std::int64_t subject) const;

    // What a withdrawal of `purpose` stops at once (R-PRIV-2): run in the withdrawal's
    // transaction, so that the record and the effect (e.g. erasing the profile extras)
    // commit together or not at all. Set while wiring, before use.
    using WithdrawalEffect = std::function<common::Status(storage::Connection&, std::int64_t)>;
    void onWithdrawal(ConsentPurpose purpose, WithdrawalEffect effect);

  private:
    common::Result<ConsentRecord> append(storage::Connection& c,
                                         const ConsentDecision& decision) const;

    const PolicyStore& policies_;
    const common::Clock& clock_;
    std::map<ConsentPurpose, WithdrawalEffect> effects_;
};

// Answers "may this processing happen now?" from the ledger, so that a withdrawal
// stops it at once (no cache).
class ConsentGate {
  public:
    ConsentGate(const PolicyStore& policies, const ConsentLedger& ledger)
        : policies_(policies), ledger_(ledger) {}

    // Whether `purpose` is granted now. For PolicyAcceptance: whether the subject
    // accepted the version acceptanceRequired() names (true when none is required).
    common::Result<bool> allows(storage::Connection& c, std::int64_t subject,
                                ConsentPurpose purpose) const;
    // The policy version the subject must accept before anything else; nullopt when
    // he has accepted what is required.
    common::Result<std::optional<std::int64_t>> acceptanceRequired(storage::Connection& c,
                                                                   std::int64_t subject) const;

  private:
    const PolicyStore& policies_;
    const ConsentLedger& ledger_;
};

}  // namespace vp::services::privacy
