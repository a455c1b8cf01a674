#pragma once
// What the operator console's routes share: the role check on every request (401
// without a session, 403 forbidden for anyone who is not an operator), the actor name
// the audit log records ("operator:user:12") and the audit entry of an operator's read
// of someone else's personal data (R-PRIV-8).
#include <functional>
#include <string>

#include "api/v1/route_support.hpp"
#include "services/accounts/operators.hpp"
#include "services/privacy/audit_log.hpp"

namespace vp::api::v1 {

// "operator:user:12".
std::string operatorActor(const services::accounts::Authenticated& who);

// forSignedIn, then the operator role (CSRF as every state-changing route).
// `operators` must outlive the router.
Handler forOperator(RouteContextPtr context, const services::accounts::Operators& operators,
                    SignedInJob job);

// Appends "operator read" to the audit log for `subject` ("user:12"); an error when
// the entry cannot be written (the read must then not be answered).
common::Status auditOperatorRead(storage::Connection& c, services::privacy::AuditLog& audit,
                                 const services::accounts::Authenticated& who,
                                 const std::string& what, const std::string& subject);

}  // namespace vp::api::v1
