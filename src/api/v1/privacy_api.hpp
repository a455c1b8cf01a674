#pragma once
// The privacy center's part of the HTTP API (R-PRIV-2): the policy page's data
// (GET /api/v1/policy, GET /api/v1/policy/versions, public) and the signed-in
// user's consent ledger (GET and POST /api/v1/consents). Session cookie and CSRF
// exactly as the accounts routes; database work on the DbPool.
#include <string>

#include "api/router.hpp"
#include "api/v1/accounts_api.hpp"
#include "services/accounts/accounts.hpp"
#include "services/privacy/account_cancellation.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/data_exports.hpp"
#include "services/privacy/policy_store.hpp"
#include "services/privacy/privacy_requests.hpp"
#include "storage/db_pool.hpp"

namespace vp::api::v1 {

struct PrivacyServices {
    const services::privacy::PolicyStore& policies;
    const services::privacy::ConsentLedger& ledger;
    const services::privacy::ConsentGate& gate;
    std::string jurisdiction;  // recorded with every consent, e.g. "CN"
};

// Registers the policy and consent routes on `router`. `pool`, `accounts` and the
// services must outlive it. `options.publicUrl` as for the accounts routes.
void addPrivacyRoutes(Router& router, storage::DbPool& pool, services::accounts::Accounts& accounts,
                      PrivacyServices privacy, AccountsApiOptions options);

struct PrivacyDataServices {
    services::privacy::DataExports& exports;
    const services::privacy::AccountCancellation& cancellation;
    const services::privacy::PrivacyRequests& requests;
};

// "Download my data" (POST/GET /api/v1/privacy/exports, GET …/{exportId},
// GET …/{exportId}/archive: the owner's session only, unguessable ids) and account
// cancellation (POST /api/v1/privacy/cancellation/code sends a sign-in code for
// re-verification; POST /api/v1/privacy/cancellation {code, confirm: true} closes the
// account at once and ends the session), and the user's own privacy requests
// (POST/GET /api/v1/privacy/requests, R-PRIV-6).
void addPrivacyDataRoutes(Router& router, storage::DbPool& pool,
                          services::accounts::Accounts& accounts, PrivacyDataServices services,
                          AccountsApiOptions options);

}  // namespace vp::api::v1
