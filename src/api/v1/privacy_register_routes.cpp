// GET /api/v1/privacy/recipients and /api/v1/privacy/incidents (addPrivacyRegisterRoutes).
#include <boost/json.hpp>

#include "api/v1/json_body.hpp"
#include "api/v1/privacy_register_api.hpp"
#include "api/v1/privacy_register_json.hpp"
#include "api/v1/route_support.hpp"

namespace vp::api::v1 {
namespace {

Response recipientsList(storage::Connection& c, const PrivacyRegisterServices& services) {
    auto all = services.recipients.all(c);
    if (!all) {
        return errorResponse(all.error());
    }
    boost::json::array items;
    for (const auto& r : *all) {
        items.push_back(recipientJson(r));
    }
    return jsonResponse(200, boost::json::object{{"storageRegion", services.storageRegion},
                                                 {"recipients", std::move(items)}});
}

Response incidentsList(storage::Connection& c, const PrivacyRegisterServices& services) {
    auto published = services.incidents.list(c, false);
    if (!published) {
        return errorResponse(published.error());
    }
    boost::json::array items;
    for (const auto& i : *published) {
        items.push_back(incidentJson(i));
    }
    return jsonResponse(200, boost::json::object{{"incidents", std::move(items)}});
}

}  // namespace

void addPrivacyRegisterRoutes(Router& router, storage::DbPool& pool,
                              services::accounts::Accounts& accounts,
                              PrivacyRegisterServices services, AccountsApiOptions options) {
    auto base =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    auto shared = std::make_shared<const PrivacyRegisterServices>(std::move(services));
    router.add("GET", "/api/v1/privacy/recipients",
               onPoolAfterCsrf(base, [shared](storage::Connection& c, const Request&) {
                   return recipientsList(c, *shared);
               }));
    router.add("GET", "/api/v1/privacy/incidents",
               onPoolAfterCsrf(base, [shared](storage::Connection& c, const Request&) {
                   return incidentsList(c, *shared);
               }));
}

}  // namespace vp::api::v1
