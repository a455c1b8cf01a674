// Invitations: the administrators' side under /api/v1/enterprises/{enterpriseId}/
// invitations and the invitee's side under /api/v1/invitations.
#include "api/v1/enterprises_json.hpp"
#include "api/v1/enterprises_routes.hpp"
#include "api/v1/json_body.hpp"

namespace vp::api::v1 {
namespace {

using services::accounts::Authenticated;

Response enterpriseNotFound() {
    return enterpriseErrorResponse(common::makeError(
        "enterprise_not_found", "no such enterprise among yours; check the link"));
}

Response invitationNotFound() {
    return enterpriseErrorResponse(
        common::makeError("invitation_not_found", "no such invitation; check the link"));
}

boost::json::object invitationListJson(
    const std::vector<services::enterprises::InvitationRecord>& list,
    std::chrono::system_clock::time_point now) {
    boost::json::array items;
    for (const auto& r : list) {
        items.push_back(invitationJson(r, now));
    }
    return {{"invitations", std::move(items)}};
}

Response invited(storage::Connection& c, const Request& request, const Authenticated& who,
                 const EnterprisesContext& context) {
    const auto id = idParam(request, "enterpriseId");
    if (!id) {
        return enterpriseNotFound();
    }
    auto body = parseObject(request.body);
    if (!body) {
        return errorResponse(body.error());
    }
    auto target = requiredString(*body, "target", 320);
    if (!target) {
        return errorResponse(target.error());
    }
    auto record =
        context.enterprises.invite(c, who.user.id, *id, *target, linkBase(*context.base, request));
    if (!record) {
        return enterpriseErrorResponse(record.error());
    }
    messageQueued(*context.base);
    return jsonResponse(201, invitationJson(*record, record->invitation.createdAt));
}

Response enterpriseInvitations(storage::Connection& c, const Request& request,
                               const Authenticated& who, const EnterprisesContext& context) {
    const auto id = idParam(request, "enterpriseId");
    if (!id) {
        return enterpriseNotFound();
    }
    auto list = context.enterprises.invitations(c, who.user.id, *id);
    if (!list) {
        return enterpriseErrorResponse(list.error());
    }
    return jsonResponse(200, invitationListJson(*list, context.enterprises.now()));
}

Response revoked(storage::Connection& c, const Request& request, const Authenticated& who,
                 const EnterprisesContext& context) {
    const auto id = idParam(request, "enterpriseId");
    if (!id) {
        return enterpriseNotFound();
    }
    const auto invitationId = idParam(request, "invitationId");
    if (!invitationId) {
        return invitationNotFound();
    }
    if (auto done = context.enterprises.revokeInvitation(c, who.user.id, *id, *invitationId);
        !done) {
        return enterpriseErrorResponse(done.error());
    }
    return noContent();
}

Response mine(storage::Connection& c, const Request&, const Authenticated& who,
              const EnterprisesContext& context) {
    auto list = context.enterprises.invitationsFor(c, who.user);
    if (!list) {
        return enterpriseErrorResponse(list.error());
    }
    return jsonResponse(200, invitationListJson(*list, context.enterprises.now()));
}

Response answered(storage::Connection& c, const Request& request, const Authenticated& who,
                  const EnterprisesContext& context, bool accept) {
    const auto invitationId = idParam(request, "invitationId");
    if (!invitationId) {
        return invitationNotFound();
    }
    if (!accept) {
        if (auto done = context.enterprises.declineInvitation(c, who.user, *invitationId); !done) {
            return enterpriseErrorResponse(done.error());
        }
        return noContent();
    }
    auto membership = context.enterprises.acceptInvitation(c, who.user, *invitationId);
    if (!membership) {
        return enterpriseErrorResponse(membership.error());
    }
    Response response = jsonResponse(200, {{"enterprise", membershipJson(*membership)}});
    // He joined an enterprise: a new privilege, so a new token right away (R-ACC-3).
    renewSessionNow(c, *context.base, request, who, response);
    return response;
}

}  // namespace

void addInvitationRoutes(Router& router, const EnterprisesContextPtr& context) {
    const std::string invitations = "/api/v1/enterprises/{enterpriseId}/invitations";
    router.add("GET", invitations, enterpriseHandler(context, enterpriseInvitations));
    router.add("POST", invitations, enterpriseHandler(context, invited));
    router.add("DELETE", invitations + "/{invitationId}", enterpriseHandler(context, revoked));
    router.add("GET", "/api/v1/invitations", enterpriseHandler(context, mine));
    router.add("POST", "/api/v1/invitations/{invitationId}/accept",
               enterpriseHandler(context, [](auto& c, const Request& r, const Authenticated& who,
                                             const EnterprisesContext& ctx) {
                   return answered(c, r, who, ctx, true);
               }));
    router.add("POST", "/api/v1/invitations/{invitationId}/decline",
               enterpriseHandler(context, [](auto& c, const Request& r, const Authenticated& who,
                                             const EnterprisesContext& ctx) {
                   return answered(c, r, who, ctx, false);
               }));
}

}  // namespace vp::api::v1
