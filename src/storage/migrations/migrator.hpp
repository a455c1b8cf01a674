#pragma once
// Applies versioned migrations to a connection. Each migration runs in its own
// transaction together with its row in schema_migrations, so a failed migration
// leaves nothing behind; running again applies only what is missing.
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/connection.hpp"
#include "storage/migrations/migration_set.hpp"

namespace vp::storage::migrations {

// Brings the schema up to the last of `migrations`. Fails without changing anything
// when the database has a version this binary does not know (it is newer).
common::Status applyMigrations(Connection& connection, const std::vector<Migration>& migrations,
                               const common::Clock& clock);

// The highest applied version; 0 for an empty database.
common::Result<int> currentVersion(Connection& connection);

}  // namespace vp::storage::migrations
