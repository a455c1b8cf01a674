#pragma once
// The contents of a "Download my data" archive (R-PRIV-3): one JSON file per data-map
// category in which the user is the subject, and a human-readable index.html. The
// rows are collected along the subject paths, so every declared table is covered.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/privacy/data_map.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "services/privacy/subject_rows.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

// Categories whose values are never copied into an archive (secrets that would only
// help an attacker who gets hold of the file); the archive says they are stored.
inline constexpr std::string_view kWithheldCategory = "account credentials";
// Bounds of one archive.
inline constexpr std::size_t kMaxExportRowsPerTable = 100000;

// One table's rows for one category: the personal columns of that category.
struct CategoryTable {
    std::string table;
    std::string description;
    std::vector<std::string> columns;
    std::vector<std::string> rowsJson;  // one JSON object per row
};

struct CategoryExport {
    std::string category;
    std::string fileName;  // "account-identifier.json"
    std::vector<std::string> purposes;
    std::vector<std::string> retentionRules;
    std::vector<CategoryTable> tables;
    std::size_t rowCount() const;
};

// Reads the subject's rows of every linkable table; `onTable(done, total)` is called
// after each table (progress).
common::Result<std::vector<CategoryExport>> collectSubjectData(
    storage::Connection& c, const domain::privacy::DataMap& map,
    const std::vector<domain::privacy::SubjectPath>& paths, const Subject& subject,
    const std::function<void(std::size_t, std::size_t)>& onTable);

std::string categoryJson(const CategoryExport& category);
// The index page: what each file holds, why it is processed, how long it is kept.
std::string indexHtml(const std::vector<CategoryExport>& categories, std::int64_t userId,
                      const std::string& createdAtIso);

}  // namespace vp::services::privacy
