#include "app/commands/privacy_wiring.hpp"

#include "api/v1/privacy_api.hpp"
#include "api/v1/privacy_register_api.hpp"

namespace vp::app::commands {

void PrivacyRuntime::addRoutes(api::Router& router, const config::Settings& settings,
                               storage::DbPool& pool,
                               services::accounts::Accounts& accounts) const {
    api::v1::AccountsApiOptions options;
    options.publicUrl = settings.publicUrl;
    api::v1::addPrivacyRoutes(router, pool, accounts,
                              {policies_, ledger_, gate_, kConsentJurisdiction}, options);
    api::v1::addPrivacyRegisterRoutes(router, pool, accounts,
                                      {recipients_, incidents_, settings.storageRegion},
                                      std::move(options));
}

}  // namespace vp::app::commands
