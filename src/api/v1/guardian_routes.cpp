// POST /api/v1/guardian/confirm and /resend (addGuardianRoutes).
#include "api/v1/json_body.hpp"
#include "api/v1/minors_operator_api.hpp"
#include "api/v1/route_support.hpp"

namespace vp::api::v1 {
namespace {

using services::accounts::GuardianConsents;

Response confirmed(storage::Connection& c, const GuardianConsents& guardians,
                   const Request& request) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto token = requiredString(*body, "request", 64);
    auto code = requiredString(*body, "code", 16);
    if (!token || !code) {
        return errorResponse(!token ? token.error() : code.error());
    }
    auto done = guardians.confirm(c, *token, *code, request.clientIp);
    if (!done) {
        if (done.error().code == "no_policy") {
            return Response::error(409, "no_policy", done.error().message);
        }
        return errorResponse(done.error());
    }
    return jsonResponse(200, {{"status", "confirmed"},
                              {"message",
                               "Thank you. Your consent is recorded and the child's account is "
                               "active now."}});
}

Response resent(storage::Connection& c, const RouteContext& context,
                const GuardianConsents& guardians, const Request& request) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto token = requiredString(*body, "request", 64);
    if (!token) {
        return errorResponse(token.error());
    }
    if (auto sent =
            guardians.sendCode(c, *token, serviceOrigin(context, request), request.clientIp);
        !sent) {
        return errorResponse(sent.error());
    }
    if (context.options.onMessageQueued) {
        context.options.onMessageQueued();
    }
    return jsonResponse(
        202, {{"status", "sent"}, {"message", "A new code is on its way to the guardian."}});
}

}  // namespace

void addGuardianRoutes(Router& router, storage::DbPool& pool,
                       services::accounts::Accounts& accounts, const GuardianConsents& guardians,
                       AccountsApiOptions options) {
    auto context =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    const GuardianConsents* g = &guardians;
    router.add("POST", "/api/v1/guardian/confirm",
               onPoolAfterCsrf(context, [g](storage::Connection& c, const Request& r) {
                   return confirmed(c, *g, r);
               }));
    router.add("POST", "/api/v1/guardian/resend",
               onPoolAfterCsrf(context, [context, g](storage::Connection& c, const Request& r) {
                   return resent(c, *context, *g, r);
               }));
}

}  // namespace vp::api::v1
