#include "domain/privacy/data_map_check.hpp"

#include <set>

namespace vp::domain::privacy {

std::vector<UndeclaredColumn> findUndeclared(const std::vector<ColumnInfo>& schema,
                                             const DataMap& map) {
    std::vector<UndeclaredColumn> out;
    for (const auto& c : schema) {
        if (map.column(c.table, c.column) == nullptr) {
            out.push_back({c.table, c.column});
        }
    }
    return out;
}

std::vector<ColumnInfo> findStaleDeclarations(const std::vector<ColumnInfo>& schema,
                                              const DataMap& map) {
    const std::set<ColumnInfo> live(schema.begin(), schema.end());
    std::vector<ColumnInfo> out;
    for (const auto& t : map.tables()) {
        for (const auto& c : t.columns) {
            ColumnInfo declared{t.table, c.column};
            if (!live.contains(declared)) {
                out.push_back(std::move(declared));
            }
        }
    }
    return out;
}

namespace {

void validatePersonal(const TableDeclaration& t, const ColumnDeclaration& c,
                      std::vector<std::string>& problems) {
    const std::string where = t.table + "." + c.column;
    const PersonalData& p = *c.personal;
    if (p.category.empty()) {
        problems.push_back(where + " is personal but has no category");
    }
    if (p.purpose.empty()) {
        problems.push_back(where + " is personal but has no purpose");
    }
    if (p.subjectLink != kNoSubjectLink && t.column(p.subjectLink) == nullptr) {
        problems.push_back(where + " names subject link '" + p.subjectLink +
                           "', which is not a column of " + t.table + " (use \"none\")");
    }
    if (p.retention.maximum && *p.retention.maximum < p.retention.minimum) {
        problems.push_back(where + " has a retention maximum below its minimum");
    }
    if (p.retention.rule.empty()) {
        problems.push_back(where + " has no retention rule in words");
    }
}

}  // namespace

std::vector<std::string> validateDataMap(const DataMap& map) {
    std::vector<std::string> problems;
    std::set<std::string> tables;
    for (const auto& t : map.tables()) {
        if (!tables.insert(t.table).second) {
            problems.push_back("table " + t.table + " is declared twice");
        }
        std::set<std::string> columns;
        for (const auto& c : t.columns) {
            if (!columns.insert(c.column).second) {
                problems.push_back(t.table + "." + c.column + " is declared twice");
            }
            if (c.isPersonal()) {
                validatePersonal(t, c, problems);
            } else if (c.notPersonalReason.empty()) {
                problems.push_back(t.table + "." + c.column +
                                   " is declared not personal without a reason");
            }
        }
    }
    return problems;
}

std::string describe(const std::vector<UndeclaredColumn>& columns) {
    std::string out;
    for (const auto& c : columns) {
        if (!out.empty()) {
            out += ", ";
        }
        out += c.table + "." + c.column;
    }
    return out;
}

}  // namespace vp::domain::privacy
