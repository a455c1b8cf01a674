// /api/v1/enterprises*: registration, the enterprise and its members, and members'
// cancellation requests (addEnterprisesRoutes).
#include "api/v1/enterprises_routes.hpp"

#include "api/v1/avatar_response.hpp"
#include "api/v1/enterprises_api.hpp"
#include "api/v1/enterprises_json.hpp"
#include "api/v1/json_body.hpp"
#include "services/accounts/session_tokens.hpp"

namespace vp::api::v1 {
namespace {

using services::accounts::Authenticated;
using services::enterprises::EnterpriseApplication;

Response notFound() {
    return enterpriseErrorResponse(common::makeError(
        "enterprise_not_found", "no such enterprise among yours; check the link"));
}

// A registration body and its application fields.
struct RegistrationForm {
    boost::json::object body;
    EnterpriseApplication application;
};

common::Result<EnterpriseApplication> applicationFrom(const boost::json::object& body) {
    auto company = requiredString(body, "companyName", 512);
    auto creator = requiredString(body, "creatorName", 512);
    auto mobile = requiredString(body, "mobile", 64);
    auto email = requiredString(body, "email", 512);
    auto notes = optionalString(body, "notes", 4096);
    if (!company || !creator) {
        return !company ? company.error() : creator.error();
    }
    if (!mobile || !email) {
        return !mobile ? mobile.error() : email.error();
    }
    if (!notes) {
        return notes.error();
    }
    return EnterpriseApplication{std::move(*company), std::move(*creator), std::move(*mobile),
                                 std::move(*email), notes->value_or("")};
}

common::Result<RegistrationForm> formFrom(std::string_view text) {
    auto body = parseObject(text);
    if (!body) {
        return body.error();
    }
    auto application = applicationFrom(*body);
    if (!application) {
        return application.error();
    }
    return RegistrationForm{std::move(*body), std::move(*application)};
}

Response codeRequested(storage::Connection& c, const EnterprisesContext& context,
                       const Request& request) {
    auto form = formFrom(request.body);
    if (!form) {
        return enterpriseErrorResponse(form.error());
    }
    const auto& application = form->application;
    if (auto sent = context.enterprises.requestRegistrationCode(c, application, request.clientIp);
        !sent) {
        return enterpriseErrorResponse(sent.error());
    }
    messageQueued(*context.base);
    return jsonResponse(202, {{"status", "sent"},
                              {"message", "a code is on its way to " + application.email +
                                              ". It is valid for 10 minutes."}});
}

common::Result<std::optional<domain::accounts::BirthMonth>> birthFrom(
    const boost::json::object& body) {
    if (!body.contains("birthYear") && !body.contains("birthMonth")) {
        return std::optional<domain::accounts::BirthMonth>{};
    }
    auto year = requiredInt(body, "birthYear");
    auto month = requiredInt(body, "birthMonth");
    if (!year || !month) {
        return !year ? year.error() : month.error();
    }
    if (*year < 0 || *year > 10000 || *month < 0 || *month > 100) {
        return common::makeError("invalid_birth_date", "give a real year and month of birth");
    }
    return std::optional<domain::accounts::BirthMonth>(
        domain::accounts::BirthMonth{static_cast<int>(*year), static_cast<int>(*month)});
}

Response registered(storage::Connection& c, const EnterprisesContext& context,
                    const Request& request) {
    auto form = formFrom(request.body);
    if (!form) {
        return enterpriseErrorResponse(form.error());
    }
    auto code = requiredString(form->body, "code", 16);
    auto birth = birthFrom(form->body);
    if (!code || !birth) {
        return enterpriseErrorResponse(!code ? code.error() : birth.error());
    }
    services::enterprises::EnterpriseSignUp signUp{std::move(form->application), std::move(*code),
                                                   *birth};
    auto done = context.enterprises.registerEnterprise(c, signUp, clientOf(request),
                                                       sessionTokenOf(request));
    if (!done) {
        return enterpriseErrorResponse(done.error());
    }
    const auto& signedIn = done->signedIn;
    services::enterprises::EnterpriseView view{
        done->enterprise,
        {done->enterprise.id, signedIn.user.id, domain::enterprises::Role::Administrator,
         domain::enterprises::MemberStatus::Active, done->enterprise.createdAt}};
    boost::json::object out;
    out["enterprise"] = enterpriseJson(view);
    out["user"] = userJson(signedIn.user);
    out["csrfToken"] = services::accounts::csrfTokenFor(signedIn.token);
    out["newAccount"] = done->newAccount;
    Response response = jsonResponse(201, out);
    setSessionCookie(response, *context.base, request, signedIn);
    response.headers.set("Location", "/api/v1/enterprises/" + std::to_string(done->enterprise.id));
    return response;
}

Response mine(storage::Connection& c, const Request&, const Authenticated& who,
              const EnterprisesContext& context) {
    auto list = context.enterprises.memberships(c, who.user.id);
    if (!list) {
        return enterpriseErrorResponse(list.error());
    }
    boost::json::array items;
    for (const auto& m : *list) {
        items.push_back(membershipJson(m));
    }
    return jsonResponse(200, {{"enterprises", std::move(items)}});
}

Response details(storage::Connection& c, const Request& request, const Authenticated& who,
                 const EnterprisesContext& context) {
    const auto id = idParam(request, "enterpriseId");
    if (!id) {
        return notFound();
    }
    auto view = context.enterprises.enterprise(c, who.user.id, *id);
    if (!view) {
        return enterpriseErrorResponse(view.error());
    }
    return jsonResponse(200, enterpriseJson(*view));
}

Response memberList(storage::Connection& c, const Request& request, const Authenticated& who,
                    const EnterprisesContext& context) {
    const auto id = idParam(request, "enterpriseId");
    if (!id) {
        return notFound();
    }
    auto list = context.enterprises.members(c, who.user.id, *id);
    if (!list) {
        return enterpriseErrorResponse(list.error());
    }
    return jsonResponse(200, memberListJson(*list, who.user.id));
}

// GET a fellow member's avatar (R-ACC-5: name and avatar), by membership id.
Response memberAvatar(storage::Connection& c, const Request& request, const Authenticated& who,
                      const EnterprisesContext& context) {
    const auto id = idParam(request, "enterpriseId");
    if (!id) {
        return notFound();
    }
    const auto memberId = idParam(request, "memberId");
    if (!memberId) {
        return enterpriseErrorResponse(
            common::makeError("member_not_found", "this person is not a member of the enterprise"));
    }
    auto avatar = context.enterprises.memberAvatar(c, who.user.id, *id, *memberId);
    if (!avatar) {
        return enterpriseErrorResponse(avatar.error());
    }
    if (!*avatar) {
        return Response::error(404, "not_found", "this member has no avatar");
    }
    return avatarImageResponse(request, **avatar);
}

// PATCH {role?, status?} or DELETE (remove).
Response memberChanged(storage::Connection& c, const Request& request, const Authenticated& who,
                       const EnterprisesContext& context, bool remove) {
    const auto id = idParam(request, "enterpriseId");
    if (!id) {
        return notFound();
    }
    const auto userId = idParam(request, "userId");
    if (!userId) {
        return enterpriseErrorResponse(
            common::makeError("member_not_found", "this person is not a member of the enterprise"));
    }
    domain::enterprises::MemberChange change;
    change.remove = remove;
    if (!remove) {
        auto body = parseObject(request.body);
        if (!body) {
            return errorResponse(body.error());
        }
        auto role = optionalString(*body, "role", 32);
        auto status = optionalString(*body, "status", 32);
        if (!role || !status) {
            return errorResponse(!role ? role.error() : status.error());
        }
        if (*role) {
            change.role = domain::enterprises::parseRole(**role);
        }
        if (*status) {
            change.status = domain::enterprises::parseMemberStatus(**status);
        }
        if ((*role && !change.role) || (*status && !change.status) || (!*role && !*status)) {
            return Response::error(400, "bad_request",
                                   "give role ('administrator' or 'member') and/or status "
                                   "('active' or 'disabled')");
        }
    }
    if (auto done = context.enterprises.changeMember(c, who.user.id, *id, *userId, change); !done) {
        return enterpriseErrorResponse(done.error());
    }
    if (remove) {
        return noContent();
    }
    return memberList(c, request, who, context);
}

Response cancellationList(storage::Connection& c, const Request& request, const Authenticated& who,
                          const EnterprisesContext& context) {
    const auto id = idParam(request, "enterpriseId");
    if (!id) {
        return notFound();
    }
    auto list = context.enterprises.cancellationRequests(c, who.user.id, *id);
    if (!list) {
        return enterpriseErrorResponse(list.error());
    }
    boost::json::array items;
    for (const auto& r : *list) {
        items.push_back(cancellationJson(r));
    }
    return jsonResponse(200, {{"requests", std::move(items)}});
}

Response cancellationRequested(storage::Connection& c, const Request& request,
                               const Authenticated& who, const EnterprisesContext& context) {
    const auto id = idParam(request, "enterpriseId");
    if (!id) {
        return notFound();
    }
    auto body = parseObject(request.body.empty() ? std::string_view("{}") : request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto note = optionalString(*body, "note", 1024);
    if (!note) {
        return errorResponse(note.error());
    }
    auto created = context.enterprises.requestCancellation(c, who.user.id, *id, note->value_or(""));
    if (!created) {
        return enterpriseErrorResponse(created.error());
    }
    return jsonResponse(201, cancellationJson(*created));
}

Response cancellationDecided(storage::Connection& c, const Request& request,
                             const Authenticated& who, const EnterprisesContext& context,
                             domain::enterprises::CancellationStatus decision) {
    const auto id = idParam(request, "enterpriseId");
    if (!id) {
        return notFound();
    }
    const auto requestId = idParam(request, "requestId");
    if (!requestId) {
        return enterpriseErrorResponse(common::makeError(
            "request_not_found", "no such cancellation request in this enterprise"));
    }
    auto body = parseObject(request.body.empty() ? std::string_view("{}") : request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto reason = optionalString(*body, "reason", 1024);
    if (!reason) {
        return errorResponse(reason.error());
    }
    std::optional<std::string_view> given;
    if (*reason) {
        given = **reason;
    }
    auto decided =
        context.enterprises.decideCancellation(c, who.user.id, *id, *requestId, decision, given);
    if (!decided) {
        return enterpriseErrorResponse(decided.error());
    }
    return jsonResponse(200, cancellationJson(*decided));
}

}  // namespace

Handler enterpriseHandler(const EnterprisesContextPtr& context, EnterpriseJob job) {
    return forSignedIn(context->base,
                       [context, job = std::move(job)](storage::Connection& c, const Request& r,
                                                       const Authenticated& who) {
                           return job(c, r, who, *context);
                       });
}

std::string linkBase(const RouteContext& context, const Request& request) {
    if (!context.options.publicUrl.empty()) {
        return context.options.publicUrl;
    }
    const auto host = request.header("Host");
    return std::string(request.tls ? "https://" : "http://") + std::string(host.value_or(""));
}

void messageQueued(const RouteContext& context) {
    if (context.options.onMessageQueued) {
        context.options.onMessageQueued();
    }
}

Response noContent() {
    Response response = Response::text(204, "");
    response.headers.remove("Content-Type");
    return response;
}

void addEnterprisesRoutes(Router& router, storage::DbPool& pool,
                          services::accounts::Accounts& accounts,
                          services::enterprises::Enterprises& enterprises,
                          AccountsApiOptions options) {
    auto base =
        std::make_shared<const RouteContext>(RouteContext{pool, accounts, std::move(options)});
    auto context =
        std::make_shared<const EnterprisesContext>(EnterprisesContext{base, enterprises});
    using domain::enterprises::CancellationStatus;
    const std::string root = "/api/v1/enterprises";
    const std::string one = root + "/{enterpriseId}";
    router.add("POST", root + "/registration-code",
               onPoolAfterCsrf(base, [context](storage::Connection& c, const Request& r) {
                   return codeRequested(c, *context, r);
               }));
    router.add("POST", root,
               onPoolAfterCsrf(base, [context](storage::Connection& c, const Request& r) {
                   return registered(c, *context, r);
               }));
    router.add("GET", root, enterpriseHandler(context, mine));
    router.add("GET", one, enterpriseHandler(context, details));
    router.add("GET", one + "/members", enterpriseHandler(context, memberList));
    router.add("PATCH", one + "/members/{userId}",
               enterpriseHandler(context, [](auto& c, const Request& r, const Authenticated& who,
                                             const EnterprisesContext& ctx) {
                   return memberChanged(c, r, who, ctx, false);
               }));
    router.add("DELETE", one + "/members/{userId}",
               enterpriseHandler(context, [](auto& c, const Request& r, const Authenticated& who,
                                             const EnterprisesContext& ctx) {
                   return memberChanged(c, r, who, ctx, true);
               }));
    router.add("GET", one + "/member-avatars/{memberId}", enterpriseHandler(context, memberAvatar));
    router.add("GET", one + "/cancellation-requests", enterpriseHandler(context, cancellationList));
    router.add("POST", one + "/cancellation-requests",
               enterpriseHandler(context, cancellationRequested));
    router.add("POST", one + "/cancellation-requests/{requestId}/approve",
               enterpriseHandler(context, [](auto& c, const Request& r, const Authenticated& who,
                                             const EnterprisesContext& ctx) {
                   return cancellationDecided(c, r, who, ctx, CancellationStatus::Approved);
               }));
    router.add("POST", one + "/cancellation-requests/{requestId}/refuse",
               enterpriseHandler(context, [](auto& c, const Request& r, const Authenticated& who,
                                             const EnterprisesContext& ctx) {
                   return cancellationDecided(c, r, who, ctx, CancellationStatus::Refused);
               }));
    addInvitationRoutes(router, context);
}

}  // namespace vp::api::v1
