#pragma once
// The meetings part of the HTTP API (/api/v1/meetings*, R-MEET-1/2/5/6): create,
// list, read, edit and cancel meetings; join (a signed join token for the
// signalling); the creator's attendance report as JSON and CSV. Session cookie and
// CSRF exactly as the accounts routes; database work on the DbPool.
#include "api/router.hpp"
#include "api/v1/accounts_api.hpp"
#include "services/accounts/accounts.hpp"
#include "services/meetings/meetings.hpp"
#include "storage/db_pool.hpp"

namespace vp::api::v1 {

// Registers every meetings route on `router`. `pool`, `accounts` and `meetings`
// must outlive it. `options.publicUrl` as for the accounts routes.
void addMeetingsRoutes(Router& router, storage::DbPool& pool,
                       services::accounts::Accounts& accounts,
                       services::meetings::Meetings& meetings, AccountsApiOptions options);

}  // namespace vp::api::v1
