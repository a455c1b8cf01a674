#pragma once
// Versioned migrations: files named NNNN_name.sql, applied in version order. The
// set for a dialect must number 1, 2, 3... without gaps or repeats.
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "storage/connection.hpp"

namespace vp::storage::migrations {

struct MigrationFile {
    std::string fileName;
    std::string_view sql;
};

struct Migration {
    int version = 0;
    std::string name;  // the file name without version and extension
    std::string_view sql;
};

// Orders and checks a set of migration files; fails on a malformed name, a repeated
// version or a gap, naming the file.
common::Result<std::vector<Migration>> orderMigrations(std::vector<MigrationFile> files);

// The embedded migrations of one dialect, ordered and checked.
common::Result<std::vector<Migration>> migrationsFor(Dialect dialect);

}  // namespace vp::storage::migrations
