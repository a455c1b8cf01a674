#pragma once
// What the enterprises route files share: the context and the signed-in wrapper.
#include <functional>
#include <memory>
#include <string>

#include "api/v1/route_support.hpp"
#include "services/enterprises/enterprises.hpp"

namespace vp::api::v1 {

struct EnterprisesContext {
    RouteContextPtr base;
    services::enterprises::Enterprises& enterprises;
};
using EnterprisesContextPtr = std::shared_ptr<const EnterprisesContext>;

using EnterpriseJob =
    std::function<Response(storage::Connection&, const Request&,
                           const services::accounts::Authenticated&, const EnterprisesContext&)>;
// forSignedIn with the enterprises context.
Handler enterpriseHandler(const EnterprisesContextPtr& context, EnterpriseJob job);

// The service's origin for links in messages: the public URL, else the origin the
// request was addressed to.
std::string linkBase(const RouteContext& context, const Request& request);

// Wakes the outbox after a message was queued.
void messageQueued(const RouteContext& context);

// 204 without a body.
Response noContent();

// /api/v1/enterprises/{enterpriseId}/invitations* and /api/v1/invitations*.
void addInvitationRoutes(Router& router, const EnterprisesContextPtr& context);

}  // namespace vp::api::v1
