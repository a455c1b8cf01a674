#pragma once
// The accounts part of the HTTP API (/api/v1/auth/*, /api/v1/me,
// /api/v1/security/*): JSON in, JSON out, the session cookie, and the CSRF check
// (Origin plus X-CSRF-Token) in front of every state-changing request. All database
// work runs on the DbPool; no handler blocks a network thread.
#include <memory>
#include <string>

#include "api/router.hpp"
#include "common/clock.hpp"
#include "services/accounts/accounts.hpp"
#include "storage/db_pool.hpp"

namespace vp::api::v1 {

struct AccountsApiOptions {
    // The service's public URL ("https://meet.example.com"); its origin is accepted
    // besides the one the request was addressed to (Host header). Empty: only that.
    std::string publicUrl;
    // Called after a message (a one-time code) was queued, e.g. to wake the outbox.
    std::function<void()> onMessageQueued;
};

// Registers every accounts route on `router`. `pool` and `accounts` must outlive it.
void addAccountsRoutes(Router& router, storage::DbPool& pool,
                       services::accounts::Accounts& accounts, AccountsApiOptions options);

}  // namespace vp::api::v1
