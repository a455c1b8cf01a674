#pragma once
// The hand-over of an enterprise member's cancellation (R-PRIV-5): when his
// administrator approves the request, the approval's transaction files a privacy request
// (kind "cancellation", channel "enterprise"); runApproved() — every minute at run time —
// then closes each such account through the cancellation pipeline and answers the request.
#include <cstdint>

#include "common/result.hpp"
#include "services/privacy/account_cancellation.hpp"
#include "services/privacy/privacy_requests.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

class EnterpriseHandover {
  public:
    // References must outlive this object.
    EnterpriseHandover(const PrivacyRequests& requests, const AccountCancellation& cancellation)
        : requests_(requests), cancellation_(cancellation) {}

    // The approval hook's work, in the approval's transaction.
    common::Status fileApproved(storage::Connection& c, std::int64_t userId,
                                std::int64_t enterpriseId) const;
    // Cancels the account of every open approved request; the number of accounts closed.
    common::Result<std::int64_t> runApproved(storage::Connection& c) const;

  private:
    const PrivacyRequests& requests_;
    const AccountCancellation& cancellation_;
};

}  // namespace vp::services::privacy
