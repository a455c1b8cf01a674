#pragma once
// Enterprises at run time (R-ACC-2, R-ACC-5): the Enterprises service on the
// accounts' codes and outbox, and its HTTP routes. Holds no logic of its own.
#include <memory>

#include "api/router.hpp"
#include "app/commands/accounts_wiring.hpp"
#include "app/config/settings.hpp"
#include "common/clock.hpp"
#include "services/enterprises/enterprises.hpp"
#include "storage/db_pool.hpp"

namespace vp::app::commands {

class EnterprisesRuntime {
  public:
    // `accounts` and `pool` must outlive this object.
    EnterprisesRuntime(const config::Settings& settings, storage::DbPool& pool,
                       AccountsRuntime& accounts, const common::Clock& clock);

    // /api/v1/enterprises* and /api/v1/invitations*.
    void addRoutes(api::Router& router);
    // For the privacy center: set its hook with setCancellationApprovedHook().
    services::enterprises::Enterprises& enterprises() { return enterprises_; }

  private:
    std::string publicUrl_;
    storage::DbPool& pool_;
    AccountsRuntime& accounts_;
    services::enterprises::Enterprises enterprises_;
};

}  // namespace vp::app::commands
