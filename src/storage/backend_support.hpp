#pragma once
// Helpers shared by the backends (not for repositories).
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "storage/connection.hpp"

namespace vp::storage {

// The start of a statement, for error messages (never the parameters: they may be
// personal data).
std::string sqlSnippet(std::string_view sql);

// Turns a (table, column) listing query's rows into ColumnInfo.
common::Result<std::vector<ColumnInfo>> columnsFromRows(common::Result<std::vector<Row>> rows);

}  // namespace vp::storage
