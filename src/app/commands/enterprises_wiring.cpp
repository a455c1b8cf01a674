#include "app/commands/enterprises_wiring.hpp"

#include "api/v1/enterprises_api.hpp"

namespace vp::app::commands {
namespace {

services::enterprises::EnterprisesOptions optionsFrom(const config::Settings& settings) {
    services::enterprises::EnterprisesOptions options;
    options.invitationLifetime = std::chrono::hours{24 * settings.invitationDays};
    return options;
}

}  // namespace

EnterprisesRuntime::EnterprisesRuntime(const config::Settings& settings, storage::DbPool& pool,
                                       AccountsRuntime& accounts, const common::Clock& clock)
    : publicUrl_(settings.publicUrl),
      pool_(pool),
      accounts_(accounts),
      enterprises_(optionsFrom(settings), accounts.codes(), accounts.outbox(), accounts.accounts(),
                   clock) {}

void EnterprisesRuntime::addRoutes(api::Router& router) {
    api::v1::AccountsApiOptions options;
    options.publicUrl = publicUrl_;
    options.onMessageQueued = accounts_.outboxWaker();
    api::v1::addEnterprisesRoutes(router, pool_, accounts_.accounts(), enterprises_,
                                  std::move(options));
}

}  // namespace vp::app::commands
