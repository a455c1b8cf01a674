#include "domain/privacy/data_map.hpp"

#include <algorithm>
#include <utility>

namespace vp::domain::privacy {

const ColumnDeclaration* TableDeclaration::column(std::string_view name) const {
    for (const auto& c : columns) {
        if (c.column == name) {
            return &c;
        }
    }
    return nullptr;
}

ColumnDeclaration personalColumn(std::string column, PersonalData data) {
    return ColumnDeclaration{std::move(column), std::move(data), {}};
}

ColumnDeclaration notPersonalColumn(std::string column, std::string reason) {
    return ColumnDeclaration{std::move(column), std::nullopt, std::move(reason)};
}

DataMap::DataMap(std::vector<TableDeclaration> tables) : tables_(std::move(tables)) {}

const TableDeclaration* DataMap::table(std::string_view name) const {
    for (const auto& t : tables_) {
        if (t.table == name) {
            return &t;
        }
    }
    return nullptr;
}

const ColumnDeclaration* DataMap::column(std::string_view table, std::string_view column) const {
    const TableDeclaration* t = this->table(table);
    return t == nullptr ? nullptr : t->column(column);
}

std::vector<ColumnInfo> DataMap::columnsInCategory(std::string_view category) const {
    std::vector<ColumnInfo> out;
    for (const auto& t : tables_) {
        for (const auto& c : t.columns) {
            if (c.isPersonal() && c.personal->category == category) {
                out.push_back({t.table, c.column});
            }
        }
    }
    return out;
}

std::vector<ColumnInfo> DataMap::personalColumns() const {
    std::vector<ColumnInfo> out;
    for (const auto& t : tables_) {
        for (const auto& c : t.columns) {
            if (c.isPersonal()) {
                out.push_back({t.table, c.column});
            }
        }
    }
    return out;
}

std::vector<std::string> DataMap::categories() const {
    std::vector<std::string> out;
    for (const auto& t : tables_) {
        for (const auto& c : t.columns) {
            if (c.isPersonal() &&
                std::find(out.begin(), out.end(), c.personal->category) == out.end()) {
                out.push_back(c.personal->category);
            }
        }
    }
    return out;
}

std::optional<Retention> DataMap::retentionFor(std::string_view table) const {
    const TableDeclaration* t = this->table(table);
    if (t == nullptr) {
        return std::nullopt;
    }
    std::optional<Retention> combined;
    for (const auto& c : t->columns) {
        if (!c.isPersonal()) {
            continue;
        }
        const Retention& r = c.personal->retention;
        if (!combined) {
            combined = r;
            continue;
        }
        combined->minimum = std::max(combined->minimum, r.minimum);
        if (r.maximum && (!combined->maximum || *r.maximum < *combined->maximum)) {
            combined->maximum = r.maximum;
            combined->rule = r.rule;
        }
    }
    return combined;
}

}  // namespace vp::domain::privacy
