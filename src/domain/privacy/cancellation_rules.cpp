#include "domain/privacy/cancellation_rules.hpp"

#include <algorithm>

namespace vp::domain::privacy {
namespace {

bool isAccountTable(const SubjectPath& path) {
    return path.table == "users" && path.column == "id";
}

}  // namespace

std::string_view toString(OnCancellation action) {
    switch (action) {
        case OnCancellation::Delete:
            return "deleted";
        case OnCancellation::Pseudonymise:
            return "pseudonymised";
        case OnCancellation::Keep:
            return "kept";
    }
    return "deleted";
}

const std::vector<CancellationRule>& videoproCancellationRules() {
    static const std::vector<CancellationRule> rules{
        {"consents",
         OnCancellation::Keep,
         {},
         "proof of consent: kept up to 3 years after the account is closed (limitation "
         "period for claims), then deleted by the retention job"},
        {"audit_log",
         OnCancellation::Keep,
         {},
         "the hash chain must stay verifiable for at least 6 months; entries name the closed "
         "account only by its number, which no longer resolves to anyone"},
        {"meeting_attendance",
         OnCancellation::Pseudonymise,
         {"display_name"},
         "stays in other people's meetings remain in their creators' attendance records, no "
         "longer tied to the person: no account link, a keyed-HMAC pseudonym as the name"},
    };
    return rules;
}

CancellationRule cancellationRuleFor(const std::vector<CancellationRule>& rules,
                                     std::string_view table) {
    for (const auto& r : rules) {
        if (r.table == table) {
            return r;
        }
    }
    return {std::string(table), OnCancellation::Delete, {}, {}};
}

std::vector<CancellationStep> cancellationPlan(const DataMap& map,
                                               const std::vector<SubjectPath>& paths,
                                               const std::vector<CancellationRule>& rules) {
    std::vector<CancellationStep> steps;
    std::optional<CancellationStep> account;
    const auto& tables = map.tables();
    for (auto t = tables.rbegin(); t != tables.rend(); ++t) {
        const SubjectPath* path = subjectPathFor(paths, t->table);
        if (path == nullptr || path->key == SubjectKey::NotLinkable) {
            continue;
        }
        CancellationStep step{*path, cancellationRuleFor(rules, t->table)};
        if (isAccountTable(*path)) {
            account = std::move(step);
        } else {
            steps.push_back(std::move(step));
        }
    }
    if (account) {
        steps.push_back(std::move(*account));
    }
    return steps;
}

std::vector<std::string> findCancellationProblems(const DataMap& map,
                                                  const std::vector<SubjectPath>& paths,
                                                  const std::vector<CancellationRule>& rules) {
    std::vector<std::string> problems;
    for (const auto& r : rules) {
        const SubjectPath* path = subjectPathFor(paths, r.table);
        if (path == nullptr || path->key == SubjectKey::NotLinkable) {
            problems.push_back("cancellation rule for " + r.table +
                               ", which has no linkable subject path");
            continue;
        }
        if (r.action != OnCancellation::Delete && r.reason.empty()) {
            problems.push_back("cancellation rule for " + r.table + " gives no reason");
        }
        if (r.action == OnCancellation::Pseudonymise) {
            if (isAccountTable(*path)) {
                problems.push_back("cancellation rule for " + r.table +
                                   " cannot pseudonymise the account table");
            }
            for (const auto& c : r.pseudonymColumns) {
                if (map.column(r.table, c) == nullptr || c == path->column) {
                    problems.push_back("pseudonym column " + r.table + "." + c +
                                       " is undeclared or the subject column");
                }
            }
        }
    }
    return problems;
}

}  // namespace vp::domain::privacy
