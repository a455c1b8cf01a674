// /api/v1/operator/privacy/requests* (R-PRIV-6, R-PRIV-5, R-PRIV-4): the operator
// console's privacy requests, registered by addOperatorPrivacyRoutes with the routes of
// operator_register_routes.cpp.
#include <boost/json.hpp>

#include "api/v1/json_body.hpp"
#include "api/v1/operator_privacy_api.hpp"
#include "api/v1/operator_privacy_routes.hpp"
#include "api/v1/operator_support.hpp"
#include "api/v1/privacy_request_json.hpp"
#include "domain/accounts/contact.hpp"
#include "services/accounts/sql_account_repositories.hpp"
#include "services/privacy/deceased_relatives.hpp"
#include "services/privacy/public_id.hpp"

namespace vp::api::v1 {
namespace {

using services::accounts::Authenticated;
using services::privacy::PrivacyRequest;

constexpr std::size_t kClosedShown = 50;

Response noStore(Response response) {
    response.headers.set("Cache-Control", "no-store");
    return response;
}

std::string subjectOf(const PrivacyRequest& r) {
    return r.userId ? services::privacy::userRef(*r.userId) : "request:" + r.publicId;
}

Response requestList(storage::Connection& c, const OperatorContext& context,
                     const Authenticated& who) {
    const auto& s = context.services;
    auto open = s.requests.openRequests(c);
    if (!open) {
        return errorResponse(open.error());
    }
    auto closed = s.requests.closedRequests(c, kClosedShown);
    if (!closed) {
        return errorResponse(closed.error());
    }
    if (auto logged = auditOperatorRead(c, s.audit, who, "privacy requests list", "requests");
        !logged) {
        return errorResponse(logged.error());
    }
    const auto now = s.policies.clock().now();
    boost::json::array openItems;
    boost::json::array closedItems;
    std::int64_t overdue = 0;
    // Overdue ones first (they are already earliest due first).
    for (const bool late : {true, false}) {
        for (const auto& r : *open) {
            if ((r.dueAt <= now) == late) {
                openItems.push_back(operatorRequestJson(r, now));
                overdue += late ? 1 : 0;
            }
        }
    }
    for (const auto& r : *closed) {
        closedItems.push_back(operatorRequestJson(r, now));
    }
    return noStore(jsonResponse(200, {{"open", std::move(openItems)},
                                      {"closed", std::move(closedItems)},
                                      {"overdue", overdue}}));
}

// The request named in the path, or the 404 answer.
common::Result<PrivacyRequest> pathRequest(storage::Connection& c, const OperatorContext& context,
                                           const Request& request) {
    const auto id = request.param("requestId").value_or("");
    if (!services::privacy::wellFormedPublicId(id)) {
        return common::makeError("not_found", "no such request");
    }
    return context.services.requests.find(c, id);
}

Response requestShown(storage::Connection& c, const OperatorContext& context,
                      const Request& request, const Authenticated& who) {
    auto r = pathRequest(c, context, request);
    if (!r) {
        return errorResponse(r.error());
    }
    if (auto logged = auditOperatorRead(c, context.services.audit, who,
                                        "privacy request " + r->publicId, subjectOf(*r));
        !logged) {
        return errorResponse(logged.error());
    }
    return noStore(
        jsonResponse(200, operatorRequestJson(*r, context.services.policies.clock().now())));
}

// Appends the operator's change to the audit log and answers with the request.
Response changed(storage::Connection& c, const OperatorContext& context, const Authenticated& who,
                 const std::string& action, const PrivacyRequest& r, int status = 200) {
    auto entry = context.services.audit.append(
        c, {operatorActor(who), action, subjectOf(r), "{\"request\":\"" + r.publicId + "\"}"});
    if (!entry) {
        return errorResponse(entry.error());
    }
    return noStore(
        jsonResponse(status, operatorRequestJson(r, context.services.policies.clock().now())));
}

// The account an operator names by its email address or mobile number.
common::Result<std::optional<std::int64_t>> accountNamed(storage::Connection& c,
                                                         const std::optional<std::string>& text) {
    if (!text || text->empty()) {
        return std::optional<std::int64_t>{};
    }
    auto contact = domain::accounts::parseContact(*text);
    if (!contact) {
        return common::makeError("bad_request", "account: " + contact.error().message);
    }
    auto user = services::accounts::SqlUserRepository(c).findByContact(*contact);
    if (!user) {
        return user.error();
    }
    if (!*user) {
        return common::makeError("not_found", "no account signs in with " + *text);
    }
    return std::optional<std::int64_t>((*user)->id);
}

// The details recorded: for a deceased user's relative, with the relationship and the
// proof of relationship first (R-PRIV-6, policy §6.7(2)).
common::Result<std::string> enteredDetails(const boost::json::object& body, const std::string& kind,
                                           const std::string& details) {
    if (kind != services::privacy::kDeceasedRelativeKind) {
        return details;
    }
    auto relationship =
        optionalString(body, "relationship", services::privacy::kMaxRelationshipBytes);
    if (!relationship) {
        return relationship.error();
    }
    auto proof = optionalString(body, "proofOfRelationship", services::privacy::kMaxProofBytes);
    if (!proof) {
        return proof.error();
    }
    return services::privacy::relativeRequestDetails(
        {relationship->value_or(""), proof->value_or("")}, details);
}

Response requestEntered(storage::Connection& c, const OperatorContext& context,
                        const Request& request, const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto kind = requiredString(*body, "kind", 32);
    auto contact = requiredString(*body, "requesterContact", 320);
    auto details = requiredString(*body, "details", services::privacy::kMaxRequestTextBytes);
    auto account = optionalString(*body, "account", 320);
    auto verified = optionalBool(*body, "identityVerified", false);
    auto category = optionalString(*body, "category", 32);
    auto ground = optionalString(*body, "ground", 32);
    for (const common::Error* e :
         {kind ? nullptr : &kind.error(), contact ? nullptr : &contact.error(),
          details ? nullptr : &details.error(), account ? nullptr : &account.error(),
          verified ? nullptr : &verified.error(), category ? nullptr : &category.error(),
          ground ? nullptr : &ground.error()}) {
        if (e != nullptr) {
            return errorResponse(*e);
        }
    }
    if (!services::privacy::isRequestKind(*kind)) {
        return Response::error(400, "bad_request", "unknown request kind '" + *kind + "'");
    }
    auto userId = accountNamed(c, *account);
    if (!userId) {
        return errorResponse(userId.error());
    }
    const bool needsAccount = *kind == "cancellation" || *kind == "deceased_relative" ||
                              (*kind == "deletion" && *category);
    if (needsAccount && !*userId) {
        return Response::error(400, "bad_request",
                               "name the account (its email address or mobile number)");
    }
    const std::string actor = operatorActor(who);
    if (*kind == "deletion" && *category) {
        auto outcome =
            context.services.erasure.ask(c, {**userId, **category, ground->value_or(""), *details,
                                             *contact, "email", *verified, actor});
        if (!outcome) {
            return errorResponse(outcome.error());
        }
        return changed(c, context, who, "privacy.request.entered", outcome->request, 201);
    }
    auto text = enteredDetails(*body, *kind, *details);
    if (!text) {
        return errorResponse(text.error());
    }
    auto filed = context.services.requests.file(
        c, {*userId, *kind, "email", *contact, *text, *verified, actor});
    if (!filed) {
        return errorResponse(filed.error());
    }
    return changed(c, context, who, "privacy.request.entered", *filed, 201);
}

Response requestVerified(storage::Connection& c, const OperatorContext& context,
                         const Request& request, const Authenticated& who) {
    auto r = pathRequest(c, context, request);
    if (!r) {
        return errorResponse(r.error());
    }
    auto done = context.services.requests.verifyIdentity(c, r->publicId, operatorActor(who));
    if (!done) {
        return errorResponse(done.error());
    }
    return changed(c, context, who, "privacy.request.verified", *done);
}

// A cancellation request carried out: the pipeline closes the account (its requests go
// with it), then the request is answered if it still exists.
common::Result<PrivacyRequest> cancellationCarriedOut(storage::Connection& c,
                                                      const OperatorContext& context,
                                                      PrivacyRequest r, const std::string& text,
                                                      const std::string& actor) {
    if (!r.open()) {
        return common::makeError("request_closed", "the request is already closed");
    }
    if (!r.identityVerified) {
        return common::makeError("identity_not_verified",
                                 "verify the requester's identity before answering");
    }
    auto report = context.services.cancellation.cancel(
        c, {*r.userId, actor, "privacy request " + r.publicId + " entered by an operator"});
    if (!report) {
        return report.error();
    }
    auto answered = context.services.requests.answer(c, r.publicId, false, text, actor);
    if (answered || answered.error().code != "not_found") {
        return answered;
    }
    r.status = "answered";
    r.answer = text;
    return r;
}

// R-PRIV-6: a relative's request about a user who arranged otherwise is only refused.
common::Status deceasedAllowsAnswer(storage::Connection& c, const OperatorContext& context,
                                    const PrivacyRequest& r) {
    const auto& policies = context.services.policies;
    const services::privacy::ConsentLedger ledger(policies, policies.clock());
    return services::privacy::relativesMayBeAnswered(c, ledger, r);
}

Response requestAnswered(storage::Connection& c, const OperatorContext& context,
                         const Request& request, const Authenticated& who, bool refused) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto text =
        optionalString(*body, refused ? "reason" : "text", services::privacy::kMaxRequestTextBytes);
    if (!text) {
        return errorResponse(text.error());
    }
    auto r = pathRequest(c, context, request);
    if (!r) {
        return errorResponse(r.error());
    }
    const std::string actor = operatorActor(who);
    const std::string words = text->value_or("");
    common::Result<PrivacyRequest> done = common::makeError("internal", "not answered");
    if (refused) {
        done = context.services.requests.answer(c, r->publicId, true, words, actor);
    } else if (r->kind == "cancellation" && r->userId) {
        done = cancellationCarriedOut(c, context, *r, words, actor);
    } else if (r->kind == "deletion" && r->eraseCategory && r->userId) {
        auto outcome = context.services.erasure.carryOut(c, r->publicId, words, actor);
        done = outcome ? common::Result<PrivacyRequest>(std::move(outcome->request))
                       : common::Result<PrivacyRequest>(outcome.error());
    } else if (auto allowed = deceasedAllowsAnswer(c, context, *r); !allowed) {
        done = allowed.error();
    } else {
        done = context.services.requests.answer(c, r->publicId, false, words, actor);
    }
    if (!done) {
        return errorResponse(done.error());
    }
    return changed(c, context, who,
                   refused ? "privacy.request.refused" : "privacy.request.answered", *done);
}

}  // namespace

void addOperatorRequestRoutes(Router& router, const OperatorContextPtr& context) {
    const auto& ops = context->services.operators;
    router.add(
        "GET", "/api/v1/operator/privacy/requests",
        forOperator(context->base, ops,
                    [context](storage::Connection& c, const Request&, const Authenticated& who) {
                        return requestList(c, *context, who);
                    }));
    router.add(
        "POST", "/api/v1/operator/privacy/requests",
        forOperator(context->base, ops,
                    [context](storage::Connection& c, const Request& r, const Authenticated& who) {
                        return requestEntered(c, *context, r, who);
                    }));
    router.add(
        "GET", "/api/v1/operator/privacy/requests/{requestId}",
        forOperator(context->base, ops,
                    [context](storage::Connection& c, const Request& r, const Authenticated& who) {
                        return requestShown(c, *context, r, who);
                    }));
    router.add(
        "POST", "/api/v1/operator/privacy/requests/{requestId}/verify",
        forOperator(context->base, ops,
                    [context](storage::Connection& c, const Request& r, const Authenticated& who) {
                        return requestVerified(c, *context, r, who);
                    }));
    for (const bool refused : {false, true}) {
        router.add("POST",
                   refused ? "/api/v1/operator/privacy/requests/{requestId}/refuse"
                           : "/api/v1/operator/privacy/requests/{requestId}/answer",
                   forOperator(context->base, ops,
                               [context, refused](storage::Connection& c, const Request& r,
                                                  const Authenticated& who) {
                                   return requestAnswered(c, *context, r, who, refused);
                               }));
    }
}

}  // namespace vp::api::v1
