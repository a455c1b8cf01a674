#pragma once
// The enterprises part of the HTTP API (R-ACC-2, R-ACC-5): registration
// (/api/v1/enterprises, /api/v1/enterprises/registration-code), members,
// invitations and cancellation requests under /api/v1/enterprises/{enterpriseId}/…,
// and the invitee's side under /api/v1/invitations. Session cookie and CSRF exactly
// as the accounts routes; database work on the DbPool.
#include "api/router.hpp"
#include "api/v1/accounts_api.hpp"
#include "services/accounts/accounts.hpp"
#include "services/enterprises/enterprises.hpp"
#include "storage/db_pool.hpp"

namespace vp::api::v1 {

// Registers every enterprises and invitations route on `router`. `pool`, `accounts`
// and `enterprises` must outlive it. `options` as for the accounts routes
// (onMessageQueued wakes the outbox after a code or an invitation was queued).
void addEnterprisesRoutes(Router& router, storage::DbPool& pool,
                          services::accounts::Accounts& accounts,
                          services::enterprises::Enterprises& enterprises,
                          AccountsApiOptions options);

}  // namespace vp::api::v1
