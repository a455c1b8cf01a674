#pragma once
// The accounts at run time (R-ACC-1, R-ACC-3, R-ACC-6): the outbox and its worker
// with the configured transports, the one-time code key, password hashing, the
// Accounts service, its HTTP routes, and the hourly purge of ended sessions and old
// codes. Built from Settings; holds no logic of its own.
#include <functional>
#include <memory>

#include "api/router.hpp"
#include "app/config/settings.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "services/accounts/accounts.hpp"
#include "services/codes/one_time_codes.hpp"
#include "services/outbox/outbox.hpp"
#include "storage/database.hpp"
#include "storage/db_pool.hpp"

namespace vp::app::commands {

class AccountsRuntime {
  public:
    // Reads (or creates) the code key and the secret files named by the settings.
    static common::Result<std::unique_ptr<AccountsRuntime>> create(
        const config::Settings& settings, const storage::Database& database, storage::DbPool& pool,
        const common::Clock& clock);
    ~AccountsRuntime();

    // The /api/v1 accounts routes and GET /api/openapi.json.
    void addRoutes(api::Router& router);
    // Starts the outbox worker and the hourly purge.
    void start();
    // Stops them (the worker finishes the message in hand). Idempotent.
    void stop();
    // The Accounts service (session authentication for other routes).
    services::accounts::Accounts& accounts();
    // For other services that send codes or messages (enterprises).
    const services::codes::OneTimeCodes& codes() const;
    const services::outbox::Outbox& outbox() const;
    // Wakes the outbox worker after a message was queued.
    std::function<void()> outboxWaker() const;

    struct Parts;

  private:
    explicit AccountsRuntime(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> parts_;
};

}  // namespace vp::app::commands
