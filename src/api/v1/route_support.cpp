#include "api/v1/route_support.hpp"

#include <algorithm>
#include <map>

#include "api/v1/json_body.hpp"
#include "common/log.hpp"
#include "domain/accounts/cookies.hpp"
#include "domain/accounts/csrf.hpp"
#include "services/accounts/session_tokens.hpp"

namespace vp::api::v1 {
namespace {

using domain::accounts::CsrfDecision;

const common::Logger& log() {
    static const common::Logger logger("api.accounts");
    return logger;
}

int statusFor(std::string_view code) {
    static const std::map<std::string_view, int, std::less<>> kStatus{
        {"bad_request", 400},
        {"invalid_target", 400},
        {"invalid_birth_date", 400},
        {"invalid_display_name", 400},
        {"weak_password", 400},
        {"invalid_password", 400},
        {"invalid_code", 400},
        {"login_failed", 401},
        {"unauthenticated", 401},
        {"reauthentication_failed", 403},
        {"guardian_consent_pending", 403},
        {"guardian_required", 400},
        {"invalid_guardian", 400},
        {"forbidden", 403},
        {"csrf_failed", 403},
        {"not_found", 404},
        {"account_exists", 409},
        {"rate_limited", 429},
        // Profiles (R-ACC-4) and the change of the sign-in contact.
        {"invalid_profile", 400},
        {"same_contact", 400},
        {"contact_in_use", 409},
        {"image_too_large", 413},
        {"unsupported_image", 415},
        {"invalid_image", 422},
        {"image_dimensions_too_large", 422},
        // Privacy center: consents, requests, registers (R-PRIV-2, 4, 6, 8, 9).
        {"consent_required", 403},
        {"reason_required", 400},
        {"identity_not_verified", 409},
        {"request_closed", 409},
        {"deceased_arranged_otherwise", 409},
        {"conflict", 409},
        {"invalid_incident", 400},
        {"invalid_recipient", 400},
        {"register_full", 409},
        {"invalid_policy", 400},
    };
    auto it = kStatus.find(code);
    return it == kStatus.end() ? 500 : it->second;
}

}  // namespace

void answerOnPool(storage::DbPool& pool, Reply reply,
                  std::function<Response(storage::Connection&)> job) {
    auto shared = std::make_shared<Reply>(std::move(reply));
    const bool queued = pool.submit(
        [shared, job = std::move(job)](storage::Connection& c) { (*shared)(job(c)); },
        [shared](const common::Error& e) {
            log().error("database unavailable", {{"error", e.message}});
            (*shared)(Response::error(503, "unavailable",
                                      "the database cannot be reached; try again shortly"));
        });
    if (!queued) {
        (*shared)(Response::error(503, "busy", "the service is busy; try again shortly"));
    }
}

Response errorResponse(const common::Error& error) {
    const int status = statusFor(error.code);
    if (status == 500) {
        log().error("request failed", {{"code", error.code}, {"error", error.message}});
        return Response::error(500, "internal", "something went wrong on the server; try again");
    }
    return Response::error(status, error.code, error.message);
}

std::string sessionTokenOf(const Request& request) {
    const auto header = request.header("Cookie");
    if (!header) {
        return {};
    }
    auto value = domain::accounts::findCookie(*header, domain::accounts::kSessionCookie);
    return value ? std::string(*value) : std::string{};
}

std::optional<Response> refuseCrossSite(const RouteContext& context, const Request& request) {
    std::vector<std::string> allowed;
    if (auto host = request.header("Host")) {
        allowed.push_back((request.tls ? "https://" : "http://") + std::string(*host));
    }
    if (!context.options.publicUrl.empty()) {
        allowed.push_back(context.options.publicUrl);
    }
    const std::string token = sessionTokenOf(request);
    std::optional<std::string> expected;
    if (!token.empty()) {
        expected = services::accounts::csrfTokenFor(token);
    }
    domain::accounts::CsrfInput input{
        request.method,
        request.header("Origin"),
        request.header("Referer"),
        allowed,
        expected ? std::optional<std::string_view>(*expected) : std::nullopt,
        request.header("X-CSRF-Token")};
    const auto decision = domain::accounts::decideCsrf(input);
    if (decision == CsrfDecision::Allowed || decision == CsrfDecision::NotStateChanging) {
        return std::nullopt;
    }
    return Response::error(403, "csrf_failed", domain::accounts::explain(decision));
}

bool secureCookies(const RouteContext& context, const Request& request) {
    return request.tls || context.options.publicUrl.starts_with("https://");
}

void setSessionCookie(Response& response, const RouteContext& context, const Request& request,
                      const services::accounts::SignedIn& signedIn) {
    const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(
        signedIn.session.expiresAt - signedIn.session.createdAt);
    response.headers.add("Set-Cookie",
                         domain::accounts::sessionSetCookie(
                             signedIn.token, {secureCookies(context, request), lifetime}));
    response.headers.set("Cache-Control", "no-store");
}

void clearSessionCookie(Response& response, const RouteContext& context, const Request& request) {
    response.headers.add("Set-Cookie",
                         domain::accounts::sessionClearCookie(secureCookies(context, request)));
}

void setRenewedSessionCookie(Response& response, const RouteContext& context,
                             const Request& request, const domain::accounts::Session& session,
                             const std::string& token) {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(
        session.expiresAt - context.accounts.clock().now());
    response.headers.add("Set-Cookie", domain::accounts::sessionSetCookie(
                                           token, {secureCookies(context, request),
                                                   std::max(left, std::chrono::seconds{0})}));
    response.headers.set("X-CSRF-Token", services::accounts::csrfTokenFor(token));
    response.headers.set("Cache-Control", "no-store");
}

void renewSessionNow(storage::Connection& c, const RouteContext& context, const Request& request,
                     const services::accounts::Authenticated& who, Response& response) {
    if (who.renewedToken) {
        return;  // renewed by this very request: signedInHandler adds the cookie
    }
    auto renewed = context.accounts.renewSession(c, who.session);
    if (!renewed) {
        log().warn("session renewal deferred", {{"error", renewed.error().message}});
        return;
    }
    if (*renewed) {
        setRenewedSessionCookie(response, context, request, who.session, **renewed);
    }
}

std::string currentSessionToken(const Request& request,
                                const services::accounts::Authenticated& who) {
    return who.renewedToken ? *who.renewedToken : sessionTokenOf(request);
}

boost::json::object userJson(const domain::accounts::User& user) {
    boost::json::object o;
    o["id"] = user.id;
    o["email"] = user.email ? boost::json::value(*user.email) : boost::json::value(nullptr);
    o["phone"] = user.phone ? boost::json::value(*user.phone) : boost::json::value(nullptr);
    o["displayName"] = user.displayName;
    o["status"] = toString(user.status);
    o["hasPassword"] = user.passwordHash.has_value();
    o["birthYear"] = user.birth.year;
    o["birthMonth"] = user.birth.month;
    o["createdAt"] = isoTime(user.createdAt);
    return o;
}

Response jsonResponse(int status, const boost::json::object& body) {
    return Response::json(status, boost::json::serialize(body));
}

Response signedInResponse(int status, const RouteContext& context, const Request& request,
                          const services::accounts::SignedIn& signedIn) {
    boost::json::object body;
    body["user"] = userJson(signedIn.user);
    body["csrfToken"] = services::accounts::csrfTokenFor(signedIn.token);
    Response response = jsonResponse(status, body);
    setSessionCookie(response, context, request, signedIn);
    return response;
}

std::string serviceOrigin(const RouteContext& context, const Request& request) {
    if (!context.options.publicUrl.empty()) {
        auto url = context.options.publicUrl;
        while (url.ends_with('/')) {
            url.pop_back();
        }
        return url;
    }
    const auto host = request.header("Host");
    return (request.tls ? "https://" : "http://") +
           std::string(host ? *host : std::string_view("localhost"));
}

services::accounts::ClientInfo clientOf(const Request& request) {
    auto agent = request.header("User-Agent");
    return {request.clientIp, agent ? std::string(agent->substr(0, 512)) : std::string{}};
}

Handler onPoolAfterCsrf(RouteContextPtr context, PoolJob job) {
    return [context, job = std::move(job)](const Request& request, Reply reply) {
        if (auto refused = refuseCrossSite(*context, request)) {
            reply(std::move(*refused));
            return;
        }
        answerOnPool(context->pool, std::move(reply),
                     [job, request](storage::Connection& c) { return job(c, request); });
    };
}

namespace {

Handler signedInHandler(RouteContextPtr context, SignedInJob job, bool gated) {
    return onPoolAfterCsrf(context, [context, gated, job = std::move(job)](storage::Connection& c,
                                                                           const Request& request) {
        const std::string token = sessionTokenOf(request);
        auto who = context->accounts.authenticate(c, token);
        if (!who) {
            Response response = errorResponse(who.error());
            if (!token.empty()) {
                clearSessionCookie(response, *context, request);
            }
            return response;
        }
        if (gated) {
            auto required = context->accounts.acceptanceRequired(c, who->user.id);
            if (!required) {
                return errorResponse(required.error());
            }
            if (*required) {
                boost::json::object error{
                    {"code", "policy_acceptance_required"},
                    {"message", "accept privacy policy version " + std::to_string(**required) +
                                    " (GET /api/v1/policy, then POST /api/v1/consents)"},
                    {"version", **required}};
                return jsonResponse(403, boost::json::object{{"error", std::move(error)}});
            }
        }
        Response response = job(c, request, *who);
        // A job that renewed the session itself (renewSessionNow) has set the cookie.
        if (who->renewedToken && !response.headers.has("X-CSRF-Token")) {
            setRenewedSessionCookie(response, *context, request, who->session, *who->renewedToken);
        }
        return response;
    });
}

}  // namespace

Handler forSignedIn(RouteContextPtr context, SignedInJob job) {
    return signedInHandler(std::move(context), std::move(job), true);
}

Handler forSignedInBeforeAcceptance(RouteContextPtr context, SignedInJob job) {
    return signedInHandler(std::move(context), std::move(job), false);
}

}  // namespace vp::api::v1
