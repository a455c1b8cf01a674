// The operator console's registers (R-PRIV-8 incidents, R-PRIV-9 recipients, R-PRIV-2
// policy versions) and addOperatorPrivacyRoutes, which also registers the requests'
// routes (operator_requests_routes.cpp); the user's category deletion (R-PRIV-4).
#include <boost/json.hpp>
#include <charconv>

#include "api/v1/json_body.hpp"
#include "api/v1/operator_privacy_routes.hpp"
#include "api/v1/operator_support.hpp"
#include "api/v1/privacy_register_json.hpp"
#include "api/v1/privacy_request_json.hpp"

namespace vp::api::v1 {
namespace {

using services::accounts::Authenticated;

constexpr std::size_t kMaxPolicyBytes = 200 * 1024;

// A JSON array of 1..maxItems strings of at most 200 bytes each.
common::Result<std::vector<std::string>> stringList(const boost::json::object& o,
                                                    std::string_view key, std::size_t maxItems) {
    const auto* value = o.if_contains(key);
    if (value == nullptr || !value->is_array() || value->as_array().empty() ||
        value->as_array().size() > maxItems) {
        return common::makeError("bad_request", std::string(key) + " must be a list of 1 to " +
                                                    std::to_string(maxItems) + " names");
    }
    std::vector<std::string> out;
    for (const auto& item : value->as_array()) {
        if (!item.is_string() || item.as_string().size() > 200) {
            return common::makeError("bad_request", std::string(key) + " must hold names");
        }
        out.emplace_back(item.as_string());
    }
    return out;
}

// The audit entry of an operator's change; the answer on success.
Response audited(storage::Connection& c, const OperatorContext& context, const Authenticated& who,
                 const std::string& action, const std::string& subject, Response answer) {
    auto entry = context.services.audit.append(c, {operatorActor(who), action, subject, "{}"});
    if (!entry) {
        return errorResponse(entry.error());
    }
    return answer;
}

Response incidentsAll(storage::Connection& c, const OperatorContext& context) {
    auto all = context.services.incidents.list(c, true);
    if (!all) {
        return errorResponse(all.error());
    }
    boost::json::array items;
    for (const auto& i : *all) {
        auto o = incidentJson(i);
        o["published"] = i.published;
        items.push_back(std::move(o));
    }
    return jsonResponse(200, boost::json::object{{"incidents", std::move(items)}});
}

Response incidentRecorded(storage::Connection& c, const OperatorContext& context,
                          const Request& request, const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    using domain::privacy::kMaxIncidentTextBytes;
    auto summary = requiredString(*body, "summary", kMaxIncidentTextBytes);
    auto measures = requiredString(*body, "measures", kMaxIncidentTextBytes);
    auto advice = requiredString(*body, "advice", kMaxIncidentTextBytes);
    auto from = requiredString(*body, "startedAt", 32);
    auto to = requiredString(*body, "endedAt", 32);
    auto categories = stringList(*body, "categories", domain::privacy::kMaxIncidentCategories);
    auto published = optionalBool(*body, "published", true);
    for (const common::Error* e :
         {summary ? nullptr : &summary.error(), measures ? nullptr : &measures.error(),
          advice ? nullptr : &advice.error(), from ? nullptr : &from.error(),
          to ? nullptr : &to.error(), categories ? nullptr : &categories.error(),
          published ? nullptr : &published.error()}) {
        if (e != nullptr) {
            return errorResponse(*e);
        }
    }
    auto start = domain::privacy::parseInstant(*from);
    auto end = domain::privacy::parseInstant(*to);
    if (!start || !end) {
        return Response::error(400, "bad_request",
                               "startedAt and endedAt: " + (!start ? start : end).error().message);
    }
    domain::privacy::Incident draft;
    draft.summary = *summary;
    draft.categories = *categories;
    draft.startedAt = *start;
    draft.endedAt = *end;
    draft.measures = *measures;
    draft.advice = *advice;
    draft.recordedBy = operatorActor(who);
    draft.published = *published;
    auto recorded = context.services.incidents.record(c, std::move(draft));
    if (!recorded) {
        return errorResponse(recorded.error());
    }
    if (context.base->options.onMessageQueued) {
        context.base->options.onMessageQueued();
    }
    auto o = incidentJson(*recorded);
    o["published"] = recorded->published;
    return audited(c, context, who, "privacy.incident.recorded",
                   "incident:" + std::to_string(recorded->id), jsonResponse(201, o));
}

Response recipientAdded(storage::Connection& c, const OperatorContext& context,
                        const Request& request, const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    domain::privacy::Recipient draft;
    for (auto [key, field] : {std::pair<std::string_view, std::string*>{"name", &draft.name},
                              {"contact", &draft.contact},
                              {"purpose", &draft.purpose},
                              {"legalBasis", &draft.legalBasis}}) {
        auto text = requiredString(*body, key, 1000);
        if (!text) {
            return errorResponse(text.error());
        }
        *field = std::move(*text);
    }
    auto categories = stringList(*body, "categories", 20);
    if (!categories) {
        return errorResponse(categories.error());
    }
    draft.categories = std::move(*categories);
    draft.addedBy = operatorActor(who);
    auto added = context.services.recipients.add(c, std::move(draft));
    if (!added) {
        return errorResponse(added.error());
    }
    return audited(c, context, who, "privacy.recipient.added",
                   "recipient:" + std::to_string(added->id),
                   jsonResponse(201, recipientJson(*added)));
}

Response recipientRemoved(storage::Connection& c, const OperatorContext& context,
                          const Request& request, const Authenticated& who) {
    const auto text = request.param("recipientId").value_or("");
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id < 1) {
        return Response::error(404, "not_found", "no such recipient");
    }
    if (auto removed = context.services.recipients.remove(c, id); !removed) {
        return errorResponse(removed.error());
    }
    return audited(c, context, who, "privacy.recipient.removed", "recipient:" + std::string(text),
                   jsonResponse(200, boost::json::object{{"removed", id}}));
}

Response policyPublished(storage::Connection& c, const OperatorContext& context,
                         const Request& request, const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto text = requiredString(*body, "text", kMaxPolicyBytes);
    auto effective = requiredString(*body, "effectiveAt", 10);
    auto material = optionalBool(*body, "material", false);
    if (!text || !effective || !material) {
        return errorResponse(!text        ? text.error()
                             : !effective ? effective.error()
                                          : material.error());
    }
    auto at = domain::privacy::parseDate(*effective);
    if (!at) {
        return Response::error(400, "bad_request", "effectiveAt must be a date, YYYY-MM-DD");
    }
    auto published =
        context.services.policies.publish(c, {*text, *at, *material, operatorActor(who)});
    if (!published) {
        return errorResponse(published.error());
    }
    return audited(
        c, context, who, "privacy.policy.published", "policy:" + std::to_string(published->version),
        jsonResponse(201, boost::json::object{{"version", published->version},
                                              {"effectiveAt", isoTime(published->effectiveAt)},
                                              {"material", published->material},
                                              {"publishedAt", isoTime(published->publishedAt)}}));
}

using OperatorJob = Response (*)(storage::Connection&, const OperatorContext&, const Request&,
                                 const Authenticated&);

Handler operatorHandler(const OperatorContextPtr& context, OperatorJob job) {
    return forOperator(
        context->base, context->services.operators,
        [context, job](storage::Connection& c, const Request& r, const Authenticated& who) {
            return job(c, *context, r, who);
        });
}

}  // namespace

void addOperatorPrivacyRoutes(Router& router, storage::DbPool& pool,
                              services::accounts::Accounts& accounts,
                              OperatorPrivacyServices services, AccountsApiOptions options) {
    auto base =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    auto context = std::make_shared<const OperatorContext>(OperatorContext{base, services});
    addOperatorRequestRoutes(router, context);
    router.add("GET", "/api/v1/operator/incidents",
               operatorHandler(
                   context, [](storage::Connection& c, const OperatorContext& ctx, const Request&,
                               const Authenticated&) { return incidentsAll(c, ctx); }));
    router.add("POST", "/api/v1/operator/incidents", operatorHandler(context, incidentRecorded));
    router.add("POST", "/api/v1/operator/recipients", operatorHandler(context, recipientAdded));
    router.add("DELETE", "/api/v1/operator/recipients/{recipientId}",
               operatorHandler(context, recipientRemoved));
    router.add("POST", "/api/v1/operator/policy", operatorHandler(context, policyPublished));
}

void addPrivacyDeletionRoutes(Router& router, storage::DbPool& pool,
                              services::accounts::Accounts& accounts,
                              const services::privacy::CategoryErasure& erasure,
                              AccountsApiOptions options) {
    auto base =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    const services::privacy::CategoryErasure* e = &erasure;
    router.add("POST", "/api/v1/privacy/deletions",
               forSignedIn(base, [e](storage::Connection& c, const Request& request,
                                     const Authenticated& who) {
                   auto body = parseObject(request.body);
                   if (!body) {
                       return errorResponse(body.error());
                   }
                   auto category = requiredString(*body, "category", 32);
                   auto ground = requiredString(*body, "ground", 32);
                   auto reason =
                       requiredString(*body, "reason", services::privacy::kMaxRequestTextBytes);
                   if (!category || !ground || !reason) {
                       return errorResponse(!category ? category.error()
                                            : !ground ? ground.error()
                                                      : reason.error());
                   }
                   const std::string me = services::privacy::userRef(who.user.id);
                   auto outcome = e->ask(c, {who.user.id, *category, *ground, *reason,
                                             who.user.contact().value, "web", true, me});
                   if (!outcome) {
                       return errorResponse(outcome.error());
                   }
                   auto o = requestJson(outcome->request);
                   o["carriedOut"] = outcome->carriedOut;
                   o["rowsDeleted"] = outcome->rowsDeleted;
                   Response response = jsonResponse(outcome->carriedOut ? 201 : 202, o);
                   response.headers.set("Cache-Control", "no-store");
                   return response;
               }));
}

}  // namespace vp::api::v1
