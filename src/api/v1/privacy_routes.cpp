// /api/v1/policy* and /api/v1/consents: the routes of addPrivacyRoutes.
#include <boost/json.hpp>

#include "api/v1/json_body.hpp"
#include "api/v1/privacy_api.hpp"
#include "api/v1/route_support.hpp"

namespace vp::api::v1 {
namespace {

using domain::privacy::ConsentRecord;
using domain::privacy::PolicyVersion;
using services::accounts::Authenticated;

struct PrivacyContext {
    RouteContextPtr base;
    PrivacyServices services;
};
using PrivacyContextPtr = std::shared_ptr<const PrivacyContext>;

Response privacyErrorResponse(const common::Error& error) {
    if (error.code == "no_policy") {
        return Response::error(409, error.code, error.message);
    }
    if (error.code == "invalid_consent") {
        return Response::error(400, error.code, error.message);
    }
    return errorResponse(error);
}

boost::json::object versionJson(const PolicyVersion& v, bool withText) {
    boost::json::object o{{"version", v.version},
                          {"effectiveAt", isoTime(v.effectiveAt)},
                          {"material", v.material},
                          {"publishedAt", isoTime(v.publishedAt)}};
    if (withText) {
        o["text"] = v.text;
    }
    return o;
}

boost::json::object recordJson(const ConsentRecord& r) {
    return {{"purpose", domain::privacy::toString(r.purpose)},
            {"granted", r.granted},
            {"policyVersion", r.policyVersion},
            {"recordedAt", isoTime(r.recordedAt)},
            {"method", domain::privacy::toString(r.method)},
            {"jurisdiction", r.jurisdiction}};
}

Response currentPolicy(storage::Connection& c, const PrivacyContext& context) {
    auto v = context.services.policies.inForce(c);
    if (!v) {
        return privacyErrorResponse(v.error());
    }
    if (!*v) {
        return Response::error(404, "no_policy", "no privacy policy version is in force yet");
    }
    return jsonResponse(200, versionJson(**v, true));
}

Response policyVersions(storage::Connection& c, const PrivacyContext& context) {
    auto all = context.services.policies.all(c);
    auto current = context.services.policies.inForce(c);
    if (!all || !current) {
        return privacyErrorResponse(!all ? all.error() : current.error());
    }
    boost::json::array items;
    for (const auto& v : *all) {
        auto o = versionJson(v, false);
        o["inForce"] = *current && (*current)->version == v.version;
        items.push_back(std::move(o));
    }
    return jsonResponse(200, boost::json::object{{"versions", std::move(items)}});
}

Response consentsOf(storage::Connection& c, const PrivacyContext& context,
                    const Authenticated& who) {
    auto history = context.services.ledger.history(c, who.user.id);
    if (!history) {
        return privacyErrorResponse(history.error());
    }
    auto required = context.services.gate.acceptanceRequired(c, who.user.id);
    if (!required) {
        return privacyErrorResponse(required.error());
    }
    const auto latest = domain::privacy::currentConsents(*history);
    boost::json::object current;
    for (const auto purpose : domain::privacy::allConsentPurposes()) {
        auto it = latest.find(purpose);
        current[domain::privacy::toString(purpose)] =
            it == latest.end() ? boost::json::value(nullptr)
                               : boost::json::value(recordJson(it->second));
    }
    boost::json::array items;
    for (const auto& r : *history) {
        items.push_back(recordJson(r));
    }
    boost::json::object out{{"current", std::move(current)}, {"history", std::move(items)}};
    out["acceptanceRequired"] =
        *required ? boost::json::value(**required) : boost::json::value(nullptr);
    Response response = jsonResponse(200, out);
    response.headers.set("Cache-Control", "no-store");
    return response;
}

Response consentRecorded(storage::Connection& c, const PrivacyContext& context,
                         const Request& request, const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto purposeText = requiredString(*body, "purpose", 64);
    if (!purposeText) {
        return errorResponse(purposeText.error());
    }
    const auto purpose = domain::privacy::parseConsentPurpose(*purposeText);
    if (!purpose) {
        return Response::error(400, "bad_request",
                               "unknown consent purpose '" + *purposeText + "'");
    }
    const auto* granted = body->if_contains("granted");
    if (granted == nullptr || !granted->is_bool()) {
        return Response::error(400, "bad_request", "granted must be true or false");
    }
    auto methodText = optionalString(*body, "method", 32);
    if (!methodText) {
        return errorResponse(methodText.error());
    }
    auto method = domain::privacy::ConsentMethod::Button;
    if (*methodText) {
        auto parsed = domain::privacy::parseConsentMethod(**methodText);
        if (!parsed || *parsed == domain::privacy::ConsentMethod::Guardian) {
            return Response::error(400, "bad_request", "method must be button or banner");
        }
        method = *parsed;
    }
    auto record = context.services.ledger.record(
        c, {who.user.id, *purpose, granted->as_bool(), method, context.services.jurisdiction});
    if (!record) {
        return privacyErrorResponse(record.error());
    }
    return jsonResponse(201, recordJson(*record));
}

}  // namespace

void addPrivacyRoutes(Router& router, storage::DbPool& pool, services::accounts::Accounts& accounts,
                      PrivacyServices privacy, AccountsApiOptions options) {
    auto base =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    auto context = std::make_shared<const PrivacyContext>(PrivacyContext{base, std::move(privacy)});
    router.add("GET", "/api/v1/policy",
               onPoolAfterCsrf(base, [context](storage::Connection& c, const Request&) {
                   return currentPolicy(c, *context);
               }));
    router.add("GET", "/api/v1/policy/versions",
               onPoolAfterCsrf(base, [context](storage::Connection& c, const Request&) {
                   return policyVersions(c, *context);
               }));
    router.add("GET", "/api/v1/consents",
               forSignedInBeforeAcceptance(base, [context](storage::Connection& c, const Request&,
                                                           const Authenticated& who) {
                   return consentsOf(c, *context, who);
               }));
    router.add("POST", "/api/v1/consents",
               forSignedInBeforeAcceptance(base, [context](storage::Connection& c, const Request& r,
                                                           const Authenticated& who) {
                   return consentRecorded(c, *context, r, who);
               }));
}

}  // namespace vp::api::v1
