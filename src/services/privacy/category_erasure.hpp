#pragma once
// Deletion of one category of a user's data on his request (R-PRIV-4, policy §6.4;
// rules in domain/privacy/erasure_grounds.hpp). Every request is recorded as a privacy
// request (kind "deletion", with the category and the ground); on a ground that allows
// it the deletion is carried out at once, in the same transaction, and the request
// answered; otherwise an operator carries it out or refuses it with reasons. Each
// deletion appends an audit entry in its transaction.
#include <cstdint>
#include <string>

#include "common/result.hpp"
#include "domain/privacy/erasure_grounds.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/privacy_requests.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

struct ErasureAsk {
    std::int64_t userId = 0;
    std::string category;  // erasableCategories() name
    std::string ground;    // toString(ErasureGround)
    std::string reason;    // the user's words, 1–4000 bytes
    std::string contact;   // to answer to
    std::string channel = "web";
    bool identityVerified = true;
    std::string actor;  // "user:12", "operator:user:3"
};

struct ErasureOutcome {
    PrivacyRequest request;
    bool carriedOut = false;
    std::int64_t rowsDeleted = 0;
};

class CategoryErasure {
  public:
    // References must outlive this object.
    CategoryErasure(const std::vector<domain::privacy::SubjectPath>& paths,
                    const PrivacyRequests& requests, AuditLog& audit)
        : paths_(paths), requests_(requests), audit_(audit) {}

    // Deletes the user's rows of the category inside the caller's open transaction and
    // appends the audit entry there. Returns the rows deleted.
    common::Result<std::int64_t> eraseWithin(storage::Connection& c, std::int64_t userId,
                                             const domain::privacy::ErasableCategory& category,
                                             const std::string& actor,
                                             const std::string& why) const;
    // Files the request and, where the ground allows, carries it out at once.
    // Errors: "bad_request" (unknown category or ground, no reason).
    common::Result<ErasureOutcome> ask(storage::Connection& c, const ErasureAsk& ask) const;
    // An operator's decision to carry out a filed deletion request: deletes and answers
    // in one transaction. "bad_request" when the request names no category or account.
    common::Result<ErasureOutcome> carryOut(storage::Connection& c, std::string_view publicId,
                                            const std::string& answer,
                                            const std::string& actor) const;

  private:
    const std::vector<domain::privacy::SubjectPath>& paths_;
    const PrivacyRequests& requests_;
    AuditLog& audit_;
};

// R-PRIV-2: a withdrawal of "profile extras" erases them in the withdrawal's
// transaction (the category profile_extras). `erasure` must outlive `ledger`.
void eraseExtrasOnWithdrawal(ConsentLedger& ledger, const CategoryErasure& erasure);

}  // namespace vp::services::privacy
