#pragma once
// Account cancellation (R-PRIV-5), the one pipeline behind every way of asking for it:
// the user in the Security Center (after re-verification), an enterprise
// administrator approving a member's request, an operator entering a request received
// by email. Driven by the data map: every table on a subject path loses the subject's
// rows (or has them pseudonymised, or keeps them, per domain/privacy/
// cancellation_rules.hpp); the user's meetings go with the account. A post-check,
// inside the same transaction, counts the subject's rows in every linkable table and
// refuses to commit while anything is left that the rules do not keep.
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/data_map.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/privacy/pseudonymiser.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

struct CancellationOutcome {
    std::string table;
    domain::privacy::OnCancellation action = domain::privacy::OnCancellation::Delete;
    std::int64_t affected = 0;   // rows deleted, pseudonymised, or kept
    std::int64_t remaining = 0;  // the post-check: the subject's rows left afterwards
};

struct CancellationReport {
    std::int64_t userId = 0;
    std::vector<CancellationOutcome> tables;
};

struct CancellationRequest {
    std::int64_t userId = 0;
    std::string actor;   // "user:12", "operator:alice", "user:7" (an enterprise admin)
    std::string reason;  // recorded in the audit log; at most 500 bytes, no personal data
};

class AccountCancellation {
  public:
    // References must outlive this object.
    AccountCancellation(const domain::privacy::DataMap& map,
                        const std::vector<domain::privacy::SubjectPath>& paths,
                        const std::vector<domain::privacy::CancellationRule>& rules,
                        const Pseudonymiser& pseudonyms, AuditLog& audit);

    // Closes the account at once, in one transaction (the caller must not hold one),
    // then appends "privacy.account.cancelled" to the audit log. Errors: "not_found"
    // (no such account), "bad_request" (reason too long), "cancellation_incomplete"
    // (the post-check found data left; nothing was changed), storage errors.
    // Re-verification and permission checks are the caller's.
    common::Result<CancellationReport> cancel(storage::Connection& c,
                                              const CancellationRequest& request) const;

    // The post-check alone: the subject's rows left in every linkable table.
    common::Result<std::vector<CancellationOutcome>> remaining(storage::Connection& c,
                                                               std::int64_t userId) const;

  private:
    common::Result<std::vector<CancellationOutcome>> apply(storage::Connection& c,
                                                           std::int64_t userId) const;

    std::vector<domain::privacy::CancellationStep> plan_;
    const Pseudonymiser& pseudonyms_;
    AuditLog& audit_;
};

}  // namespace vp::services::privacy
