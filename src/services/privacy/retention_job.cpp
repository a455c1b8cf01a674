#include "services/privacy/retention_job.hpp"

#include <algorithm>

namespace vp::services::privacy {

common::Result<std::vector<RetentionOutcome>> RetentionJob::runOnce(storage::Connection& c) const {
    std::vector<RetentionOutcome> out;
    const auto now = clock_.now();
    for (const auto& rule : rules_) {
        const auto retention = map_.retentionFor(rule.table);
        const auto* table = map_.table(rule.table);
        if (!retention || !retention->maximum || table == nullptr) {
            continue;  // findRetentionProblems reports these
        }
        const auto cutoff = common::toUnixMillis(now - *retention->maximum);
        std::string sql = "DELETE FROM " + rule.table + " WHERE " + rule.timeColumn + " < ?";
        if (!rule.condition.empty()) {
            sql += " AND " + rule.condition;
        }
        auto deleted = c.executeChanges(sql, {cutoff});
        if (!deleted) {
            return deleted.error();
        }
        RetentionOutcome outcome{rule.table, {}, *retention->maximum, *deleted};
        for (const auto& column : table->columns) {
            if (column.isPersonal() &&
                std::find(outcome.categories.begin(), outcome.categories.end(),
                          column.personal->category) == outcome.categories.end()) {
                outcome.categories.push_back(column.personal->category);
            }
        }
        out.push_back(std::move(outcome));
    }
    return out;
}

}  // namespace vp::services::privacy
