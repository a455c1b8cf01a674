#pragma once
// Repository SQL uses `?` placeholders; PostgreSQL wants `$1, $2, ...`. The rewrite
// leaves `?` inside string literals, quoted identifiers and comments alone.
#include <cstddef>
#include <string>
#include <string_view>

namespace vp::storage::postgres {

struct RewrittenSql {
    std::string sql;
    std::size_t placeholders = 0;
};

RewrittenSql rewritePlaceholders(std::string_view sql);

}  // namespace vp::storage::postgres
