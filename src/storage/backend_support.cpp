#include "storage/backend_support.hpp"

namespace vp::storage {

std::string sqlSnippet(std::string_view sql) {
    constexpr std::size_t kMax = 80;
    std::string s(sql.substr(0, kMax));
    return sql.size() > kMax ? s + "..." : s;
}

common::Result<std::vector<ColumnInfo>> columnsFromRows(common::Result<std::vector<Row>> rows) {
    if (!rows) {
        return rows.error();
    }
    std::vector<ColumnInfo> columns;
    columns.reserve(rows->size());
    for (const auto& row : *rows) {
        auto table = getText(row, 0);
        auto column = getText(row, 1);
        if (!table || !column) {
            return common::makeError("storage.type", "the schema listing has an unexpected shape");
        }
        columns.push_back({std::move(*table), std::move(*column)});
    }
    return columns;
}

}  // namespace vp::storage
