#include "api/v1/accounts_api.hpp"

#include "api/v1/auth_routes.hpp"

namespace vp::api::v1 {

void addAccountsRoutes(Router& router, storage::DbPool& pool,
                       services::accounts::Accounts& accounts, AccountsApiOptions options) {
    auto context =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    addAuthRoutes(router, context);
    addSecurityRoutes(router, context);
}

}  // namespace vp::api::v1
