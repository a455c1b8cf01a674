// The Security Center API: sessions, sign out one or all, password change.
#include <charconv>

#include "api/v1/auth_routes.hpp"
#include "api/v1/json_body.hpp"

namespace vp::api::v1 {
namespace {

using services::accounts::Authenticated;

Response sessionList(storage::Connection& c, const RouteContext& context,
                     const Authenticated& who) {
    auto sessions = context.accounts.sessions(c, who.user.id);
    if (!sessions) {
        return errorResponse(sessions.error());
    }
    const auto& policy = context.accounts.sessionPolicy();
    boost::json::array list;
    for (const auto& s : *sessions) {
        boost::json::object o;
        o["id"] = s.id;
        o["device"] = s.userAgent;
        o["ip"] = s.clientIp;
        o["createdAt"] = isoTime(s.createdAt);
        o["lastUsedAt"] = isoTime(s.lastUsedAt);
        o["expiresAt"] = isoTime(domain::accounts::sessionEnd(policy, s));
        o["current"] = s.id == who.session.id;
        list.push_back(std::move(o));
    }
    boost::json::object out;
    out["sessions"] = std::move(list);
    return jsonResponse(200, out);
}

Response revokedOne(storage::Connection& c, const RouteContext& context, const Request& request,
                    const Authenticated& who) {
    const std::string text(request.param("id").value_or(""));
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
        return Response::error(404, "not_found", "no such session of yours");
    }
    if (auto revoked = context.accounts.revokeSession(c, who.user.id, id); !revoked) {
        return errorResponse(revoked.error());
    }
    Response response = Response::text(204, "");
    response.headers.remove("Content-Type");
    if (id == who.session.id) {
        clearSessionCookie(response, context, request);
    }
    return response;
}

Response revokedAll(storage::Connection& c, const RouteContext& context, const Request& request,
                    const Authenticated& who) {
    auto body = parseObject(request.body.empty() ? std::string_view("{}") : request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto includeCurrent = optionalBool(*body, "includeCurrent", false);
    if (!includeCurrent) {
        return errorResponse(includeCurrent.error());
    }
    auto revoked = context.accounts.revokeAll(c, who, *includeCurrent);
    if (!revoked) {
        return errorResponse(revoked.error());
    }
    boost::json::object out;
    out["revoked"] = *revoked;
    Response response = jsonResponse(200, out);
    if (*includeCurrent) {
        clearSessionCookie(response, context, request);
    }
    return response;
}

Response passwordChanged(storage::Connection& c, const RouteContext& context,
                         const Request& request, const Authenticated& who) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto current = optionalString(*body, "currentPassword", 1024);
    auto code = optionalString(*body, "code", 16);
    auto next = requiredString(*body, "newPassword", 1024);
    if (!current || !code || !next) {
        return errorResponse(!current ? current.error() : (!code ? code.error() : next.error()));
    }
    services::accounts::PasswordChange change{std::move(*current), std::move(*code),
                                              std::move(*next)};
    auto signedIn = context.accounts.changePassword(c, who, change, clientOf(request));
    if (!signedIn) {
        return errorResponse(signedIn.error());
    }
    return signedInResponse(200, context, request, *signedIn);
}

}  // namespace

void addSecurityRoutes(Router& router, const RouteContextPtr& context) {
    router.add("GET", "/api/v1/security/sessions",
               forSignedIn(context, [context](storage::Connection& c, const Request&,
                                              const Authenticated& who) {
                   return sessionList(c, *context, who);
               }));
    router.add("DELETE", "/api/v1/security/sessions/{id}",
               forSignedIn(context, [context](storage::Connection& c, const Request& r,
                                              const Authenticated& who) {
                   return revokedOne(c, *context, r, who);
               }));
    router.add("POST", "/api/v1/security/sessions/revoke-all",
               forSignedIn(context, [context](storage::Connection& c, const Request& r,
                                              const Authenticated& who) {
                   return revokedAll(c, *context, r, who);
               }));
    router.add("POST", "/api/v1/security/password",
               forSignedIn(context, [context](storage::Connection& c, const Request& r,
                                              const Authenticated& who) {
                   return passwordChanged(c, *context, r, who);
               }));
}

}  // namespace vp::api::v1
