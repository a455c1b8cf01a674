#include "services/privacy/export_archive.hpp"

#include <algorithm>
#include <map>

#include "common/json_escape.hpp"
#include "domain/accounts/message_templates.hpp"
#include "domain/meetings/attendance.hpp"

namespace vp::services::privacy {
namespace {

using domain::accounts::escapeHtml;
using domain::privacy::DataMap;
using domain::privacy::SubjectPath;
using domain::privacy::TableDeclaration;

std::string slug(std::string_view category) {
    std::string out;
    for (char ch : category) {
        const bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (alnum) {
            out += ch;
        } else if (ch >= 'A' && ch <= 'Z') {
            out += static_cast<char>(ch - 'A' + 'a');
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') {
        out.pop_back();
    }
    return out.empty() ? "data" : out;
}

// A cell as JSON: times (columns ending in _at, Unix milliseconds) as ISO 8601,
// binary data by its size only.
std::string cellJson(const std::string& column, const storage::SqlValue& v) {
    if (storage::isNull(v)) {
        return "null";
    }
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        if (column.ends_with("_at")) {
            return common::jsonString(domain::meetings::isoUtc(
                std::chrono::system_clock::time_point{std::chrono::milliseconds{*i}}));
        }
        return std::to_string(*i);
    }
    if (const auto* d = std::get_if<double>(&v)) {
        return std::to_string(*d);
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        return common::jsonString(*s);
    }
    return "{\"binaryBytes\":" + std::to_string(std::get<storage::Blob>(v).size()) + "}";
}

void addUnique(std::vector<std::string>& list, const std::string& item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) {
        list.push_back(item);
    }
}

// Splits one table's rows into its categories.
void addTableRows(std::map<std::string, CategoryExport>& out, const TableDeclaration& table,
                  const std::vector<std::string>& columns, const std::vector<storage::Row>& rows) {
    std::map<std::string, CategoryTable> perCategory;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& personal = *table.column(columns[i])->personal;
        auto& category = out[personal.category];
        category.category = personal.category;
        addUnique(category.purposes, personal.purpose);
        addUnique(category.retentionRules, personal.retention.rule);
        auto& t = perCategory[personal.category];
        t.table = table.table;
        t.description = table.description;
        t.columns.push_back(columns[i]);
    }
    for (auto& [name, t] : perCategory) {
        for (const auto& row : rows) {
            std::string json = "{";
            for (std::size_t i = 0; i < columns.size(); ++i) {
                if (table.column(columns[i])->personal->category != name) {
                    continue;
                }
                json += (json.size() > 1 ? "," : "") + common::jsonString(columns[i]) + ":";
                json += name == kWithheldCategory ? "\"(stored, not exported)\""
                                                  : cellJson(columns[i], row[i]);
            }
            t.rowsJson.push_back(json + "}");
        }
        if (!t.rowsJson.empty()) {
            out[name].tables.push_back(std::move(t));
        }
    }
}

}  // namespace

std::size_t CategoryExport::rowCount() const {
    std::size_t n = 0;
    for (const auto& t : tables) {
        n += t.rowsJson.size();
    }
    return n;
}

common::Result<std::vector<CategoryExport>> collectSubjectData(
    storage::Connection& c, const DataMap& map, const std::vector<SubjectPath>& paths,
    const Subject& subject, const std::function<void(std::size_t, std::size_t)>& onTable) {
    std::map<std::string, CategoryExport> byCategory;
    const auto& tables = map.tables();
    for (std::size_t n = 0; n < tables.size(); ++n) {
        const auto& table = tables[n];
        const SubjectPath* path = domain::privacy::subjectPathFor(paths, table.table);
        auto filter = path ? subjectFilter(*path, subject) : std::nullopt;
        std::vector<std::string> columns;
        for (const auto& col : table.columns) {
            if (col.isPersonal()) {
                columns.push_back(col.column);
            }
        }
        if (filter && !columns.empty()) {
            std::string sql = "SELECT ";
            for (std::size_t i = 0; i < columns.size(); ++i) {
                sql += (i ? ", " : "") + columns[i];
            }
            sql += " FROM " + table.table + " WHERE " + filter->where + " LIMIT " +
                   std::to_string(kMaxExportRowsPerTable);
            auto rows = c.query(sql, filter->params);
            if (!rows) {
                return rows.error();
            }
            addTableRows(byCategory, table, columns, *rows);
        }
        if (onTable) {
            onTable(n + 1, tables.size());
        }
    }
    std::vector<CategoryExport> out;
    for (const auto& category : map.categories()) {
        auto it = byCategory.find(category);
        if (it != byCategory.end() && !it->second.tables.empty()) {
            it->second.fileName = slug(category) + ".json";
            out.push_back(std::move(it->second));
        }
    }
    return out;
}

std::string categoryJson(const CategoryExport& category) {
    std::string out = "{\"category\":" + common::jsonString(category.category) + ",\"purposes\":[";
    for (std::size_t i = 0; i < category.purposes.size(); ++i) {
        out += (i ? "," : "") + common::jsonString(category.purposes[i]);
    }
    out += "],\"retention\":[";
    for (std::size_t i = 0; i < category.retentionRules.size(); ++i) {
        out += (i ? "," : "") + common::jsonString(category.retentionRules[i]);
    }
    out += "],\"tables\":[";
    for (std::size_t t = 0; t < category.tables.size(); ++t) {
        const auto& table = category.tables[t];
        out += (t ? ",{" : "{");
        out += "\"table\":" + common::jsonString(table.table) +
               ",\"description\":" + common::jsonString(table.description) + ",\"rows\":[";
        for (std::size_t r = 0; r < table.rowsJson.size(); ++r) {
            out += (r ? ",\n" : "\n") + table.rowsJson[r];
        }
        out += "]}";
    }
    return out + "]}\n";
}

std::string indexHtml(const std::vector<CategoryExport>& categories, std::int64_t userId,
                      const std::string& createdAtIso) {
    std::string out =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Your VideoPro data</title></head><body>\n<h1>Your VideoPro data</h1>\n"
        "<p>A copy of the personal information VideoPro stores about account " +
        std::to_string(userId) + ", made " + escapeHtml(createdAtIso) +
        ". Each file below holds one category of data as JSON.</p>\n"
        "<table border=\"1\" cellpadding=\"4\"><tr><th>Category</th><th>File</th>"
        "<th>Records</th><th>Why we process it</th><th>How long we keep it</th></tr>\n";
    for (const auto& c : categories) {
        std::string purposes;
        for (const auto& p : c.purposes) {
            purposes += escapeHtml(p) + "<br>";
        }
        std::string rules;
        for (const auto& r : c.retentionRules) {
            rules += escapeHtml(r) + "<br>";
        }
        out += "<tr><td>" + escapeHtml(c.category) + "</td><td><a href=\"" +
               escapeHtml(c.fileName) + "\">" + escapeHtml(c.fileName) + "</a></td><td>" +
               std::to_string(c.rowCount()) + "</td><td>" + purposes + "</td><td>" + rules +
               "</td></tr>\n";
    }
    out += "</table>\n";
    if (categories.empty()) {
        out += "<p>No personal information about you is stored.</p>\n";
    }
    return out + "</body></html>\n";
}

}  // namespace vp::services::privacy
