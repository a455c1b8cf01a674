#include "storage/migrations/migrator.hpp"

#include "common/log.hpp"

namespace vp::storage::migrations {
namespace {

constexpr std::string_view kCreateBookkeeping =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

common::Result<bool> bookkeepingExists(Connection& c) {
    const char* sql = c.dialect() == Dialect::Sqlite
                          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = "
                            "'schema_migrations'"
                          : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                            "current_schema() AND table_name = 'schema_migrations'";
    auto rows = c.query(sql);
    if (!rows) {
        return rows.error();
    }
    auto count = rows->empty() ? common::Result<std::int64_t>(0) : getInt(rows->front(), 0);
    if (!count) {
        return count.error();
    }
    return *count > 0;
}

// Serialises concurrent migrators of the same PostgreSQL schema (SQLite's BEGIN
// IMMEDIATE already does).
common::Status lockForMigration(Connection& c) {
    if (c.dialect() != Dialect::Postgres) {
        return {};
    }
    auto locked = c.query("SELECT pg_advisory_xact_lock(hashtext(current_schema()))");
    return locked ? common::Status{} : common::Status{locked.error()};
}

common::Result<bool> isApplied(Connection& c, int version) {
    auto rows = c.query("SELECT COUNT(*) FROM schema_migrations WHERE version = ?",
                        {std::int64_t{version}});
    if (!rows) {
        return rows.error();
    }
    auto count = getInt(rows->front(), 0);
    if (!count) {
        return count.error();
    }
    return *count > 0;
}

common::Status applyOne(Connection& c, const Migration& m, const common::Clock& clock) {
    auto tx = Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    if (auto locked = lockForMigration(c); !locked) {
        return locked;
    }
    auto applied = isApplied(c, m.version);
    if (!applied) {
        return applied.error();
    }
    if (*applied) {
        return {};  // another process applied it meanwhile
    }
    if (auto ran = c.executeScript(m.sql); !ran) {
        return common::makeError("storage.migration_failed",
                                 "migration " + std::to_string(m.version) + "_" + m.name +
                                     " failed: " + ran.error().message);
    }
    auto recorded =
        c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                  {std::int64_t{m.version}, m.name, common::toUnixMillis(clock.now())});
    if (!recorded) {
        return recorded;
    }
    if (auto committed = tx->commit(); !committed) {
        return committed;
    }
    common::Logger("storage").info("applied migration",
                                   {{"version", std::to_string(m.version)},
                                    {"name", m.name},
                                    {"dialect", std::string(toString(c.dialect()))}});
    return {};
}

}  // namespace

common::Result<int> currentVersion(Connection& connection) {
    auto exists = bookkeepingExists(connection);
    if (!exists) {
        return exists.error();
    }
    if (!*exists) {
        return 0;
    }
    auto rows = connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!rows) {
        return rows.error();
    }
    auto version = getInt(rows->front(), 0);
    if (!version) {
        return version.error();
    }
    return static_cast<int>(*version);
}

common::Status applyMigrations(Connection& connection, const std::vector<Migration>& migrations,
                               const common::Clock& clock) {
    if (auto created = connection.execute(kCreateBookkeeping); !created) {
        return created;
    }
    auto version = currentVersion(connection);
    if (!version) {
        return version.error();
    }
    const int known = migrations.empty() ? 0 : migrations.back().version;
    if (*version > known) {
        return common::makeError("storage.schema_too_new",
                                 "the database is at schema version " + std::to_string(*version) +
                                     " but this videopro knows only up to " +
                                     std::to_string(known) + "; run a newer videopro");
    }
    for (const auto& m : migrations) {
        if (m.version <= *version) {
            continue;
        }
        if (auto applied = applyOne(connection, m, clock); !applied) {
            return applied;
        }
    }
    return {};
}

}  // namespace vp::storage::migrations
