#pragma once
// JSON of the enterprises API: what each kind of viewer may see, request parsing
// helpers, and the HTTP status of each enterprises error code.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

#include "api/request.hpp"
#include "api/response.hpp"
#include "common/result.hpp"
#include "services/enterprises/enterprises.hpp"

namespace vp::api::v1 {

// 400/403/404/409/410/429 for the enterprises codes; errorResponse otherwise.
Response enterpriseErrorResponse(const common::Error& error);

// A positive integer path parameter; nullopt when absent or malformed.
std::optional<std::int64_t> idParam(const Request& request, std::string_view name);

// Administrators get the contact details and notes; members the name only.
boost::json::object enterpriseJson(const services::enterprises::EnterpriseView& view);
boost::json::object membershipJson(const services::enterprises::MembershipRecord& record);
// Administrators: id, name, email, phone, role, status, joinedAt; a member sees
// only the other members' display names (R-ACC-5).
boost::json::object memberListJson(const services::enterprises::MemberList& list,
                                   std::int64_t viewerId);
boost::json::object invitationJson(const services::enterprises::InvitationRecord& record,
                                   std::chrono::system_clock::time_point now);
boost::json::object cancellationJson(const services::enterprises::CancellationRecord& record);
boost::json::object cancellationJson(const domain::enterprises::CancellationRequest& request);

}  // namespace vp::api::v1
