#include "services/privacy/account_cancellation.hpp"

#include "common/json_escape.hpp"
#include "services/privacy/subject_rows.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::CancellationStep;
using domain::privacy::OnCancellation;

constexpr std::size_t kMaxReasonBytes = 500;

// Deletes, pseudonymises or counts the subject's rows of one table.
common::Result<std::int64_t> applyStep(storage::Connection& c, const CancellationStep& step,
                                       const SubjectFilter& filter, const std::string& pseudonym) {
    const auto& table = step.path.table;
    switch (step.rule.action) {
        case OnCancellation::Delete:
            return c.executeChanges("DELETE FROM " + table + " WHERE " + filter.where,
                                    filter.params);
        case OnCancellation::Pseudonymise: {
            std::string sql = "UPDATE " + table + " SET " + step.path.column + " = NULL";
            std::vector<storage::SqlValue> params;
            for (const auto& column : step.rule.pseudonymColumns) {
                sql += ", " + column + " = ?";
                params.emplace_back(pseudonym);
            }
            params.insert(params.end(), filter.params.begin(), filter.params.end());
            return c.executeChanges(sql + " WHERE " + filter.where, params);
        }
        case OnCancellation::Keep:
            break;
    }
    auto rows = c.query("SELECT COUNT(*) FROM " + table + " WHERE " + filter.where, filter.params);
    if (!rows) {
        return rows.error();
    }
    return storage::getInt(rows->front(), 0);
}

std::string detailsJson(const CancellationRequest& request,
                        const std::vector<CancellationOutcome>& outcomes) {
    std::string out = "{\"reason\":" + common::jsonString(request.reason) + ",\"tables\":{";
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        out += (i ? "," : "") + common::jsonString(outcomes[i].table) + ":{\"" +
               std::string(domain::privacy::toString(outcomes[i].action)) +
               "\":" + std::to_string(outcomes[i].affected) + "}";
    }
    return out + "}}";
}

}  // namespace

AccountCancellation::AccountCancellation(
    const domain::privacy::DataMap& map, const std::vector<domain::privacy::SubjectPath>& paths,
    const std::vector<domain::privacy::CancellationRule>& rules, const Pseudonymiser& pseudonyms,
    AuditLog& audit)
    : plan_(domain::privacy::cancellationPlan(map, paths, rules)),
      pseudonyms_(pseudonyms),
      audit_(audit) {}

common::Result<std::vector<CancellationOutcome>> AccountCancellation::apply(
    storage::Connection& c, std::int64_t userId) const {
    auto subject = loadSubject(c, userId);
    if (!subject) {
        return subject.error();
    }
    const std::string pseudonym = pseudonyms_.pseudonym("user", userRef(userId));
    std::vector<CancellationOutcome> outcomes;
    for (const auto& step : plan_) {
        auto filter = subjectFilter(step.path, *subject);
        CancellationOutcome outcome{step.path.table, step.rule.action, 0, 0};
        if (filter) {
            auto affected = applyStep(c, step, *filter, pseudonym);
            if (!affected) {
                return affected.error();
            }
            outcome.affected = *affected;
        }
        outcomes.push_back(std::move(outcome));
    }
    // The post-check, with the contacts read before the account row went.
    for (std::size_t i = 0; i < plan_.size(); ++i) {
        auto left = countSubjectRows(c, plan_[i].path, *subject);
        if (!left) {
            return left.error();
        }
        outcomes[i].remaining = *left;
    }
    return outcomes;
}

common::Result<CancellationReport> AccountCancellation::cancel(
    storage::Connection& c, const CancellationRequest& request) const {
    if (request.reason.size() > kMaxReasonBytes) {
        return common::makeError("bad_request", "the reason is longer than 500 bytes");
    }
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto outcomes = apply(c, request.userId);
    if (!outcomes) {
        return outcomes.error();
    }
    for (const auto& o : *outcomes) {
        if (o.action != OnCancellation::Keep && o.remaining != 0) {
            return common::makeError(
                "cancellation_incomplete",
                "personal data would remain in " + o.table + "; the account was not cancelled");
        }
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    auto audited = audit_.append(c, {request.actor, "privacy.account.cancelled",
                                     userRef(request.userId), detailsJson(request, *outcomes)});
    if (!audited) {
        return audited.error();
    }
    return CancellationReport{request.userId, std::move(*outcomes)};
}

common::Result<std::vector<CancellationOutcome>> AccountCancellation::remaining(
    storage::Connection& c, std::int64_t userId) const {
    auto subject = loadSubject(c, userId);
    Subject s = subject ? *subject : Subject{userId, std::nullopt, std::nullopt};
    std::vector<CancellationOutcome> out;
    for (const auto& step : plan_) {
        auto left = countSubjectRows(c, step.path, s);
        if (!left) {
            return left.error();
        }
        out.push_back({step.path.table, step.rule.action, 0, *left});
    }
    return out;
}

}  // namespace vp::services::privacy
