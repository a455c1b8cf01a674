#pragma once
// The --database URL: `sqlite:PATH`, `sqlite://PATH`, a plain file path, or a
// `postgres://` / `postgresql://` URI as libpq understands it.
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "storage/connection.hpp"

namespace vp::storage {

struct DatabaseUrl {
    Dialect dialect = Dialect::Sqlite;
    std::string target;  // the SQLite file path, or the libpq connection URI
};

common::Result<DatabaseUrl> parseDatabaseUrl(std::string_view url);

// The URL with any password replaced by "***", for logs and error messages.
std::string redactDatabaseUrl(std::string_view url);

}  // namespace vp::storage
