#include "storage/database.hpp"

#include "storage/migrations/migration_set.hpp"
#include "storage/migrations/migrator.hpp"
#include "storage/postgres/postgres_connection.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace vp::storage {

common::Result<std::unique_ptr<Database>> Database::open(const std::string& url) {
    auto parsed = parseDatabaseUrl(url);
    if (!parsed) {
        return parsed.error();
    }
    std::unique_ptr<Database> db(new Database(std::move(*parsed), redactDatabaseUrl(url)));
    auto probe = db->connect();
    if (!probe) {
        return probe.error();
    }
    return db;
}

common::Result<std::unique_ptr<Connection>> Database::connect() const {
    if (url_.dialect == Dialect::Sqlite) {
        auto c = sqlite::SqliteConnection::open(url_.target);
        if (!c) {
            return c.error();
        }
        return std::unique_ptr<Connection>(std::move(*c));
    }
    auto c = postgres::PostgresConnection::open(url_.target);
    if (!c) {
        return c.error();
    }
    return std::unique_ptr<Connection>(std::move(*c));
}

common::Status Database::migrate(const common::Clock& clock) {
    auto migrations = migrations::migrationsFor(url_.dialect);
    if (!migrations) {
        return migrations.error();
    }
    auto connection = connect();
    if (!connection) {
        return connection.error();
    }
    return migrations::applyMigrations(**connection, *migrations, clock);
}

common::Result<int> Database::schemaVersion() {
    auto connection = connect();
    if (!connection) {
        return connection.error();
    }
    return migrations::currentVersion(**connection);
}

}  // namespace vp::storage
