// GET /api/v1/privacy/recipients and /api/v1/privacy/incidents (addPrivacyRegisterRoutes).
#include <boost/json.hpp>

#include "api/v1/json_body.hpp"
#include "api/v1/privacy_register_api.hpp"
#include "api/v1/route_support.hpp"

namespace vp::api::v1 {
namespace {

boost::json::array stringsJson(const std::vector<std::string>& items) {
    boost::json::array out;
    for (const auto& item : items) {
        out.emplace_back(item);
    }
    return out;
}

Response recipientsList(storage::Connection& c, const PrivacyRegisterServices& services) {
    auto all = services.recipients.all(c);
    if (!all) {
        return errorResponse(all.error());
    }
    boost::json::array items;
    for (const auto& r : *all) {
        items.push_back({{"id", r.id},
                         {"name", r.name},
                         {"contact", r.contact},
                         {"purpose", r.purpose},
                         {"categories", stringsJson(r.categories)},
                         {"legalBasis", r.legalBasis},
                         {"addedAt", isoTime(r.addedAt)}});
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
        items.push_back({{"id", i.id},
                         {"summary", i.summary},
                         {"categories", stringsJson(i.categories)},
                         {"startedAt", isoTime(i.startedAt)},
                         {"endedAt", isoTime(i.endedAt)},
                         {"measures", i.measures},
                         {"advice", i.advice},
                         {"recordedAt", isoTime(i.recordedAt)},
                         {"notified", i.notified}});
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
