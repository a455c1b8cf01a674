#include "api/v1/operator_support.hpp"

#include "common/json_escape.hpp"

namespace vp::api::v1 {

std::string operatorActor(const services::accounts::Authenticated& who) {
    return "operator:" + services::privacy::userRef(who.user.id);
}

Handler forOperator(RouteContextPtr context, const services::accounts::Operators& operators,
                    SignedInJob job) {
    const services::accounts::Operators* ops = &operators;
    return forSignedIn(std::move(context), [ops, job = std::move(job)](
                                               storage::Connection& c, const Request& r,
                                               const services::accounts::Authenticated& who) {
        auto allowed = ops->isOperator(c, who.user.id);
        if (!allowed) {
            return errorResponse(allowed.error());
        }
        if (!*allowed) {
            return Response::error(403, "forbidden",
                                   "this page is for operators of the service only");
        }
        return job(c, r, who);
    });
}

common::Status auditOperatorRead(storage::Connection& c, services::privacy::AuditLog& audit,
                                 const services::accounts::Authenticated& who,
                                 const std::string& what, const std::string& subject) {
    auto entry = audit.append(c, {operatorActor(who), "operator.personal_data.read", subject,
                                  "{\"what\":" + common::jsonString(what) + "}"});
    if (!entry) {
        return entry.error();
    }
    return {};
}

}  // namespace vp::api::v1
