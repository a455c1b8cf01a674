// POST /api/v1/auth/code, /register, /login, /logout and GET /api/v1/me.
#include "api/v1/auth_routes.hpp"

#include "api/v1/json_body.hpp"
#include "common/mask.hpp"
#include "domain/accounts/contact.hpp"
#include "services/accounts/session_tokens.hpp"

namespace vp::api::v1 {
namespace {

using domain::accounts::CodePurpose;
using services::accounts::Accounts;

Response codeRequested(storage::Connection& c, const RouteContext& context,
                       const Request& request) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto target = requiredString(*body, "target", 320);
    auto purposeText = requiredString(*body, "purpose", 32);
    if (!target || !purposeText) {
        return errorResponse(!target ? target.error() : purposeText.error());
    }
    const auto purpose = domain::accounts::parseCodePurpose(*purposeText);
    if (!purpose || (*purpose != CodePurpose::Register && *purpose != CodePurpose::Login)) {
        return Response::error(400, "bad_request", "purpose must be 'register' or 'login'");
    }
    if (auto sent = context.accounts.requestCode(c, *target, *purpose, request.clientIp); !sent) {
        return errorResponse(sent.error());
    }
    if (context.options.onMessageQueued) {
        context.options.onMessageQueued();
    }
    // The same answer whether or not an account exists for the target.
    return Response::json(202, R"({"status":"sent","message":"If this address can receive )"
                               R"(messages, a code is on its way. It is valid for 10 minutes."})");
}

Response registered(storage::Connection& c, const RouteContext& context, const Request& request) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    services::accounts::Registration r;
    auto target = requiredString(*body, "target", 320);
    auto code = requiredString(*body, "code", 16);
    auto name = optionalString(*body, "displayName", 256);
    auto password = optionalString(*body, "password", 1024);
    auto year = requiredInt(*body, "birthYear");
    auto month = requiredInt(*body, "birthMonth");
    auto guardian = optionalString(*body, "guardian", 320);
    if (!guardian) {
        return errorResponse(guardian.error());
    }
    r.guardian = std::move(*guardian);
    r.linkBase = serviceOrigin(context, request);
    for (const common::Error* e :
         {target ? nullptr : &target.error(), code ? nullptr : &code.error(),
          name ? nullptr : &name.error(), password ? nullptr : &password.error(),
          year ? nullptr : &year.error(), month ? nullptr : &month.error()}) {
        if (e != nullptr) {
            return errorResponse(*e);
        }
    }
    r.target = std::move(*target);
    r.code = std::move(*code);
    r.displayName = name->value_or("");
    r.password = std::move(*password);
    r.birth = {static_cast<int>(std::clamp<std::int64_t>(*year, 0, 9999)),
               static_cast<int>(std::clamp<std::int64_t>(*month, 0, 99))};
    auto done = context.accounts.registerPersonal(c, r, clientOf(request));
    if (!done) {
        return errorResponse(done.error());
    }
    if (!done->signedIn) {
        boost::json::object out;
        out["user"] = userJson(done->user);
        out["guardianConsentRequired"] = true;
        out["message"] =
            "Registration received. A parent or guardian has to agree before the account can "
            "be used.";
        if (r.guardian) {
            if (const auto contact = domain::accounts::parseContact(*r.guardian)) {
                out["guardian"] = contact->channel == domain::accounts::Channel::Email
                                      ? common::maskEmail(contact->value)
                                      : common::maskPhone(contact->value);
            }
        }
        if (context.options.onMessageQueued) {
            context.options.onMessageQueued();
        }
        return jsonResponse(202, out);
    }
    return signedInResponse(201, context, request, *done->signedIn);
}

Response loggedIn(storage::Connection& c, const RouteContext& context, const Request& request) {
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto target = requiredString(*body, "target", 320);
    auto code = optionalString(*body, "code", 16);
    auto password = optionalString(*body, "password", 1024);
    if (!target || !code || !password) {
        return errorResponse(!target ? target.error() : (!code ? code.error() : password.error()));
    }
    if (code->has_value() == password->has_value()) {
        return Response::error(400, "bad_request", "give either 'code' or 'password'");
    }
    const auto previous = sessionTokenOf(request);
    auto signedIn =
        *code ? context.accounts.loginWithCode(c, *target, **code, clientOf(request), previous)
              : context.accounts.loginWithPassword(c, *target, **password, clientOf(request),
                                                   previous);
    if (!signedIn) {
        return errorResponse(signedIn.error());
    }
    return signedInResponse(200, context, request, *signedIn);
}

Response me(const RouteContext& context, const Request& request,
            const services::accounts::Authenticated& who) {
    const auto& policy = context.accounts.sessionPolicy();
    boost::json::object session;
    session["id"] = who.session.id;
    session["createdAt"] = isoTime(who.session.createdAt);
    session["expiresAt"] = isoTime(who.session.expiresAt);
    session["idleExpiresAt"] = isoTime(domain::accounts::sessionEnd(policy, who.session));
    boost::json::object out;
    out["user"] = userJson(who.user);
    out["session"] = std::move(session);
    out["csrfToken"] = services::accounts::csrfTokenFor(currentSessionToken(request, who));
    Response response = jsonResponse(200, out);
    response.headers.set("Cache-Control", "no-store");
    return response;
}

}  // namespace

void addAuthRoutes(Router& router, const RouteContextPtr& context) {
    router.add("POST", "/api/v1/auth/code",
               onPoolAfterCsrf(context, [context](storage::Connection& c, const Request& r) {
                   return codeRequested(c, *context, r);
               }));
    router.add("POST", "/api/v1/auth/register",
               onPoolAfterCsrf(context, [context](storage::Connection& c, const Request& r) {
                   return registered(c, *context, r);
               }));
    router.add("POST", "/api/v1/auth/login",
               onPoolAfterCsrf(context, [context](storage::Connection& c, const Request& r) {
                   return loggedIn(c, *context, r);
               }));
    router.add("POST", "/api/v1/auth/logout",
               onPoolAfterCsrf(context, [context](storage::Connection& c, const Request& r) {
                   Response response = Response::text(204, "");
                   response.headers.remove("Content-Type");
                   if (auto ended = context->accounts.logout(c, sessionTokenOf(r)); !ended) {
                       return errorResponse(ended.error());
                   }
                   clearSessionCookie(response, *context, r);
                   return response;
               }));
    router.add("GET", "/api/v1/me",
               forSignedInBeforeAcceptance(context,
                                           [context](storage::Connection&, const Request& r,
                                                     const services::accounts::Authenticated& who) {
                                               return me(*context, r, who);
                                           }));
}

}  // namespace vp::api::v1
