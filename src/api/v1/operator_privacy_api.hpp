#pragma once
// The operator console's privacy routes (R-PRIV-2, 4, 5, 6, 8, 9), for operators only
// (401 without a session, 403 forbidden otherwise; CSRF on every POST and DELETE):
//   GET  /api/v1/operator/privacy/requests               open (earliest due first, with
//                                                          "overdue") and recently closed
//   GET  /api/v1/operator/privacy/requests/{requestId}   one request with its history
//   POST /api/v1/operator/privacy/requests               enter a request received by email
//   POST …/{requestId}/verify                             identity verified
//   POST …/{requestId}/answer   {text}                    answer; a cancellation or a
//        category deletion is carried out through its pipeline first
//   POST …/{requestId}/refuse   {reason}                  refusal, reason required
//   GET/POST /api/v1/operator/incidents                   security incidents and notices
//   POST /api/v1/operator/recipients, DELETE …/{recipientId}   the recipients register
//   POST /api/v1/operator/policy                          publish a policy version
// Every read of someone else's personal data and every change appends to the audit log.
#include <functional>

#include "api/router.hpp"
#include "api/v1/accounts_api.hpp"
#include "services/accounts/accounts.hpp"
#include "services/accounts/operators.hpp"
#include "services/privacy/account_cancellation.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/privacy/category_erasure.hpp"
#include "services/privacy/incidents.hpp"
#include "services/privacy/policy_store.hpp"
#include "services/privacy/privacy_requests.hpp"
#include "services/privacy/recipients_register.hpp"
#include "storage/db_pool.hpp"

namespace vp::api::v1 {

struct OperatorPrivacyServices {
    const services::accounts::Operators& operators;
    const services::privacy::PrivacyRequests& requests;
    const services::privacy::AccountCancellation& cancellation;
    const services::privacy::CategoryErasure& erasure;
    const services::privacy::Incidents& incidents;
    const services::privacy::RecipientsRegister& recipients;
    const services::privacy::PolicyStore& policies;
    services::privacy::AuditLog& audit;
};

// Every reference must outlive the router. `options.onMessageQueued` wakes the outbox
// after incident notices were queued.
void addOperatorPrivacyRoutes(Router& router, storage::DbPool& pool,
                              services::accounts::Accounts& accounts,
                              OperatorPrivacyServices services, AccountsApiOptions options);

// The user's side of R-PRIV-4: POST /api/v1/privacy/deletions {category, ground, reason}
// (signed in, CSRF): recorded as a privacy request; carried out at once where the
// ground allows (201, "carriedOut": true), else waiting for an operator (202).
void addPrivacyDeletionRoutes(Router& router, storage::DbPool& pool,
                              services::accounts::Accounts& accounts,
                              const services::privacy::CategoryErasure& erasure,
                              AccountsApiOptions options);

}  // namespace vp::api::v1
