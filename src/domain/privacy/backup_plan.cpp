#include "domain/privacy/backup_plan.hpp"

#include <algorithm>

#include "domain/privacy/backup_data_map.hpp"

namespace vp::domain::privacy {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

bool BackupTablePlan::isShredded(std::string_view column) const {
    return contains(shredded, column);
}

bool BackupTablePlan::isPseudonym(std::string_view column) const {
    return contains(pseudonymColumns, column);
}

bool excludedFromBackup(std::string_view table) {
    return table == kSubjectKeysTable || table == "schema_migrations";
}

BackupTablePlan backupTablePlan(const DataMap& map, const std::vector<SubjectPath>& paths,
                                const std::vector<CancellationRule>& rules,
                                std::string_view table) {
    BackupTablePlan plan;
    plan.table = std::string(table);
    const auto* declared = map.table(table);
    const auto* path = subjectPathFor(paths, table);
    if (declared == nullptr || path == nullptr || path->key == SubjectKey::NotLinkable) {
        return plan;
    }
    const auto rule = cancellationRuleFor(rules, table);
    switch (rule.action) {
        case OnCancellation::Keep:
            return plan;
        case OnCancellation::Delete:
            for (const auto& c : declared->columns) {
                if (c.isPersonal()) {
                    plan.shredded.push_back(c.column);
                }
            }
            plan.withoutKey = WithoutKey::DropRow;
            break;
        case OnCancellation::Pseudonymise:
            plan.shredded.push_back(path->column);
            for (const auto& c : rule.pseudonymColumns) {
                plan.shredded.push_back(c);
            }
            plan.pseudonymColumns = rule.pseudonymColumns;
            plan.withoutKey = WithoutKey::Anonymise;
            break;
    }
    plan.path = *path;
    return plan;
}

}  // namespace vp::domain::privacy
