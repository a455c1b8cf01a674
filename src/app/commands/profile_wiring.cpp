#include "app/commands/profile_wiring.hpp"

#include "api/v1/profile_api.hpp"

namespace vp::app::commands {

void ProfileRuntime::addRoutes(api::Router& router, const config::Settings& settings,
                               storage::DbPool& pool, services::accounts::Accounts& accounts,
                               std::function<void()> onMessageQueued) {
    api::v1::AccountsApiOptions options;
    options.publicUrl = settings.publicUrl;
    options.onMessageQueued = std::move(onMessageQueued);
    api::v1::addProfileRoutes(router, pool, accounts, profiles_, contacts_, std::move(options));
}

}  // namespace vp::app::commands
