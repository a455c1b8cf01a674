#include "domain/privacy/retention_rules.hpp"

namespace vp::domain::privacy {

const std::vector<RetentionRule>& videoproRetentionRules() {
    static const std::vector<RetentionRule> rules{
        {"network_operation_log", "occurred_at", ""},
        {"outbox_messages", "created_at", ""},
        {"one_time_codes", "created_at", ""},
        {"sessions", "last_used_at", ""},
        {"data_exports", "created_at", ""},
        // Proof of consent outlives the account by the limitation period only.
        {"consents", "recorded_at", "user_id NOT IN (SELECT id FROM users)"},
        {"privacy_requests", "answered_at", "status IN ('answered', 'refused')"},
        {"attempt_failures", "failed_at", ""},
        // Unconfirmed children's requests; the accounts purge deletes the account itself.
        {"guardian_requests", "created_at", ""},
        // Proof of a guardian's consent, like the consent ledger.
        {"guardian_consents", "confirmed_at", "user_id NOT IN (SELECT id FROM users)"},
    };
    return rules;
}

std::vector<std::string> findRetentionProblems(const DataMap& map,
                                               const std::vector<RetentionRule>& rules) {
    std::vector<std::string> problems;
    for (const auto& t : map.tables()) {
        const auto retention = map.retentionFor(t.table);
        if (!retention || !retention->maximum) {
            continue;
        }
        bool found = false;
        for (const auto& r : rules) {
            found = found || r.table == t.table;
        }
        if (!found) {
            problems.push_back(t.table +
                               " has a maximum retention in the data map but no "
                               "retention rule; add one to videoproRetentionRules()");
        }
    }
    for (const auto& r : rules) {
        const auto retention = map.retentionFor(r.table);
        if (map.table(r.table) == nullptr || map.column(r.table, r.timeColumn) == nullptr) {
            problems.push_back("retention rule " + r.table + "." + r.timeColumn +
                               " names an undeclared table or column");
        } else if (!retention || !retention->maximum) {
            problems.push_back("retention rule for " + r.table +
                               ", which the data map keeps without a maximum");
        }
    }
    return problems;
}

}  // namespace vp::domain::privacy
