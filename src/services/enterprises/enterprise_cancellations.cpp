// Enterprises: members' requests to cancel their account, decided by the
// enterprise's administrators (R-ACC-5). Approval records the decision and hands the
// request to the cancellation pipeline's hook; nothing is deleted here.
#include "common/log.hpp"
#include "services/enterprises/enterprises.hpp"

namespace vp::services::enterprises {
namespace {

using domain::enterprises::CancellationEvent;
using domain::enterprises::CancellationRequest;
using domain::enterprises::CancellationStatus;

}  // namespace

common::Result<CancellationRequest> Enterprises::requestCancellation(storage::Connection& c,
                                                                     std::int64_t userId,
                                                                     std::int64_t enterpriseId,
                                                                     std::string_view note) {
    auto text = domain::enterprises::normalizeCancellationNote(note);
    if (!text) {
        return text.error();
    }
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    if (auto self = membership(c, userId, enterpriseId); !self) {
        return self.error();
    }
    SqlCancellationRepository requests(c);
    auto pending = requests.pendingExists(enterpriseId, userId);
    if (!pending) {
        return pending.error();
    }
    if (*pending) {
        return common::makeError("request_pending",
                                 "you already have a request waiting for the administrators' "
                                 "decision");
    }
    CancellationRequest request;
    request.enterpriseId = enterpriseId;
    request.userId = userId;
    request.note = std::move(*text);
    request.createdAt = clock_.now();
    auto id = requests.insert(request);
    if (!id) {
        return id.error();
    }
    request.id = *id;
    if (auto added = requests.addEvent(
            {request.id, CancellationStatus::Pending, userId, std::nullopt, request.createdAt});
        !added) {
        return added.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    enterprisesLog().info("cancellation requested", {{"enterprise", std::to_string(enterpriseId)},
                                                     {"request", std::to_string(request.id)}});
    return request;
}

common::Result<std::vector<CancellationRecord>> Enterprises::cancellationRequests(
    storage::Connection& c, std::int64_t userId, std::int64_t enterpriseId) {
    auto self = membership(c, userId, enterpriseId);
    if (!self) {
        return self.error();
    }
    std::optional<std::int64_t> only;
    if (!self->administers()) {
        only = userId;
    }
    return SqlCancellationRepository(c).list(enterpriseId, only, options_.maxListed);
}

common::Result<CancellationRequest> Enterprises::decideCancellation(
    storage::Connection& c, std::int64_t actorId, std::int64_t enterpriseId, std::int64_t requestId,
    CancellationStatus decision, std::optional<std::string_view> reason) {
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    if (auto actor = administrator(c, actorId, enterpriseId); !actor) {
        return actor.error();
    }
    SqlCancellationRepository requests(c);
    auto found = requests.find(enterpriseId, requestId);
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return common::makeError("request_not_found",
                                 "no such cancellation request in this enterprise");
    }
    CancellationRequest request = std::move(**found);
    auto why = domain::enterprises::checkDecision(request, decision, reason);
    if (!why) {
        return why.error();
    }
    const auto now = clock_.now();
    request.status = decision;
    request.decidedAt = now;
    request.decidedBy = actorId;
    request.decisionReason = *why;
    auto decided = requests.decide(request);
    if (!decided) {
        return decided.error();
    }
    if (!*decided) {
        return common::makeError("request_decided", "this request was already decided");
    }
    if (auto added = requests.addEvent({request.id, decision, actorId, *why, now}); !added) {
        return added.error();
    }
    if (decision == CancellationStatus::Approved && onCancellationApproved_) {
        if (auto handed = onCancellationApproved_(c, request); !handed) {
            return handed.error();
        }
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    enterprisesLog().info(
        "cancellation request decided",
        {{"enterprise", std::to_string(enterpriseId)},
         {"request", std::to_string(request.id)},
         {"decision", std::string(toString(decision))},
         {"pipeline", onCancellationApproved_ ? "handed over" : "no hook installed"}});
    return request;
}

}  // namespace vp::services::enterprises
