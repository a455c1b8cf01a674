#pragma once
#include "api/v1/route_support.hpp"

namespace vp::api::v1 {

// POST /api/v1/auth/{code,register,login,logout}, GET /api/v1/me.
void addAuthRoutes(Router& router, const RouteContextPtr& context);
// GET /api/v1/security/sessions, DELETE /api/v1/security/sessions/{id},
// POST /api/v1/security/sessions/revoke-all, POST /api/v1/security/password.
void addSecurityRoutes(Router& router, const RouteContextPtr& context);

}  // namespace vp::api::v1
