#pragma once
// Checks of the data map against the live schema and against itself (R-PRIV-1).
#include <string>
#include <vector>

#include "domain/privacy/data_map.hpp"

namespace vp::domain::privacy {

struct UndeclaredColumn {
    std::string table;
    std::string column;

    friend bool operator==(const UndeclaredColumn&, const UndeclaredColumn&) = default;
};

// Columns of the schema that the map does not declare (table or column missing).
std::vector<UndeclaredColumn> findUndeclared(const std::vector<ColumnInfo>& schema,
                                             const DataMap& map);

// Columns the map declares that the schema does not have (a stale declaration).
std::vector<ColumnInfo> findStaleDeclarations(const std::vector<ColumnInfo>& schema,
                                              const DataMap& map);

// Mistakes in the map itself: duplicate tables or columns, personal columns without
// category, purpose or a subject link that names a column of the same table, non-
// personal columns without a reason, a retention minimum above its maximum. One
// sentence per problem; empty when the map is sound.
std::vector<std::string> validateDataMap(const DataMap& map);

// "table.column, table.column" for test failure messages.
std::string describe(const std::vector<UndeclaredColumn>& columns);

}  // namespace vp::domain::privacy
