#pragma once
// Internal to the operator console's privacy routes (operator_requests_routes.cpp,
// operator_register_routes.cpp): their shared context.
#include <memory>

#include "api/v1/operator_privacy_api.hpp"
#include "api/v1/route_support.hpp"

namespace vp::api::v1 {

struct OperatorContext {
    RouteContextPtr base;
    OperatorPrivacyServices services;
};
using OperatorContextPtr = std::shared_ptr<const OperatorContext>;

void addOperatorRequestRoutes(Router& router, const OperatorContextPtr& context);

}  // namespace vp::api::v1
