#pragma once
// The profile part of the HTTP API (R-ACC-4, R-ACC-1): GET/PATCH /api/v1/profile,
// POST/GET/DELETE /api/v1/profile/avatar (the image is the raw request body, up to
// 5 MB, refused by the edge before it is read when larger), and the change of the
// sign-in email or number: POST /api/v1/profile/contact/codes, then
// POST /api/v1/profile/contact with both codes. Session and CSRF as the accounts
// routes; all database and image work runs on the DbPool.
#include "api/router.hpp"
#include "api/v1/accounts_api.hpp"
#include "services/accounts/accounts.hpp"
#include "services/profile/contact_change.hpp"
#include "services/profile/profiles.hpp"
#include "storage/db_pool.hpp"

namespace vp::api::v1 {

// Every reference must outlive the router.
void addProfileRoutes(Router& router, storage::DbPool& pool, services::accounts::Accounts& accounts,
                      services::profile::Profiles& profiles,
                      services::profile::ContactChanges& contactChanges,
                      AccountsApiOptions options);

}  // namespace vp::api::v1
