#pragma once
// The privacy center's part of the HTTP API (R-PRIV-2): the policy page's data
// (GET /api/v1/policy, GET /api/v1/policy/versions, public) and the signed-in
// user's consent ledger (GET and POST /api/v1/consents). Session cookie and CSRF
// exactly as the accounts routes; database work on the DbPool.
#include <string>

#include "api/router.hpp"
#include "api/v1/accounts_api.hpp"
#include "services/accounts/accounts.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/policy_store.hpp"
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

}  // namespace vp::api::v1
