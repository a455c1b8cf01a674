#pragma once
// The JSON of a privacy request (R-PRIV-6), as the user sees his own and as the
// operator console sees every one.
#include <boost/json.hpp>
#include <chrono>

#include "services/privacy/privacy_requests.hpp"

namespace vp::api::v1 {

// id, kind, channel, details, identityVerified, status, receivedAt, dueAt, answer,
// answeredAt, history, category, ground.
boost::json::object requestJson(const services::privacy::PrivacyRequest& r);
// requestJson plus what only operators see: the account, the requester's contact and
// whether the request is open past its due time at `now`.
boost::json::object operatorRequestJson(const services::privacy::PrivacyRequest& r,
                                        std::chrono::system_clock::time_point now);

}  // namespace vp::api::v1
