#include "storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <cctype>

#include "storage/backend_support.hpp"

namespace vp::storage::sqlite {
namespace {

struct StatementDeleter {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

bool onlyWhitespace(const char* text) {
    for (; *text != '\0'; ++text) {
        if (std::isspace(static_cast<unsigned char>(*text)) == 0) {
            return false;
        }
    }
    return true;
}

int bindOne(sqlite3_stmt* stmt, int index, const SqlValue& value) {
    // A null destructor is SQLITE_STATIC: the params outlive every step of the statement.
    struct Binder {
        sqlite3_stmt* s;
        int i;
        int operator()(SqlNull) const { return sqlite3_bind_null(s, i); }
        int operator()(std::int64_t v) const { return sqlite3_bind_int64(s, i, v); }
        int operator()(double v) const { return sqlite3_bind_double(s, i, v); }
        int operator()(const std::string& v) const {
            return sqlite3_bind_text64(s, i, v.data(), v.size(), nullptr, SQLITE_UTF8);
        }
        int operator()(const Blob& v) const {
            if (v.empty()) {
                return sqlite3_bind_zeroblob(s, i, 0);
            }
            return sqlite3_bind_blob64(s, i, v.data(), v.size(), nullptr);
        }
    };
    return std::visit(Binder{stmt, index}, value);
}

SqlValue readColumn(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
            return std::int64_t{sqlite3_column_int64(stmt, i)};
        case SQLITE_FLOAT:
            return sqlite3_column_double(stmt, i);
        case SQLITE_TEXT: {
            const auto* text = sqlite3_column_text(stmt, i);
            const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
            return std::string(reinterpret_cast<const char*>(text), size);
        }
        case SQLITE_BLOB: {
            const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, i));
            const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
            return data == nullptr ? Blob{} : Blob(data, data + size);
        }
        default:
            return SqlNull{};
    }
}

}  // namespace

common::Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path) {
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return common::makeError("storage.unavailable",
                                 "cannot open SQLite database '" + path + "': " + reason +
                                     "; check that the directory exists and is writable");
    }
    std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
    if (auto configured = connection->configure(); !configured) {
        return configured.error();
    }
    return connection;
}

SqliteConnection::~SqliteConnection() {
    sqlite3_close_v2(db_);
}

common::Status SqliteConnection::configure() {
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, static_cast<int>(kBusyTimeout.count()));
    auto mode = query("PRAGMA journal_mode=WAL");
    if (!mode) {
        return mode.error();
    }
    auto journal =
        mode->empty() ? common::Result<std::string>(common::Error{}) : getText(mode->front(), 0);
    if (!journal || *journal != "wal") {
        return common::makeError("storage.unavailable",
                                 "SQLite refused write-ahead logging (journal_mode=WAL); the "
                                 "database file must be on a local file system");
    }
    if (auto fk = execute("PRAGMA foreign_keys=ON"); !fk) {
        return fk;
    }
    return execute("PRAGMA synchronous=NORMAL");
}

common::Error SqliteConnection::error(int code, std::string_view sql) const {
    const int primary = code & 0xff;
    std::string kind = "storage.query_failed";
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        kind = "storage.busy";
    } else if (primary == SQLITE_CONSTRAINT) {
        kind = "storage.constraint";
    }
    return common::makeError(
        kind, std::string("SQLite: ") + sqlite3_errmsg(db_) + " in '" + sqlSnippet(sql) + "'");
}

common::Result<std::vector<Row>> SqliteConnection::run(std::string_view sql,
                                                       const std::vector<SqlValue>& params,
                                                       bool collectRows) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    Statement stmt(raw);
    if (rc != SQLITE_OK) {
        return error(rc, sql);
    }
    if (!stmt) {
        return common::makeError("storage.query_failed", "the SQL statement is empty");
    }
    const std::string rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (!onlyWhitespace(rest.c_str())) {
        return common::makeError(
            "storage.query_failed",
            "one statement per call; use executeScript for '" + sqlSnippet(sql) + "'");
    }
    const int expected = sqlite3_bind_parameter_count(stmt.get());
    if (static_cast<std::size_t>(expected) != params.size()) {
        return common::makeError("storage.query_failed",
                                 "the statement has " + std::to_string(expected) +
                                     " placeholders but " + std::to_string(params.size()) +
                                     " values were given: '" + sqlSnippet(sql) + "'");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
        if ((rc = bindOne(stmt.get(), static_cast<int>(i + 1), params[i])) != SQLITE_OK) {
            return error(rc, sql);
        }
    }
    std::vector<Row> rows;
    const int columns = sqlite3_column_count(stmt.get());
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
        if (!collectRows) {
            continue;
        }
        Row row;
        row.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            row.push_back(readColumn(stmt.get(), c));
        }
        rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
        return error(rc, sql);
    }
    return rows;
}

common::Result<std::int64_t> SqliteConnection::doExecute(std::string_view sql,
                                                         const std::vector<SqlValue>& params) {
    auto done = run(sql, params, false);
    if (!done) {
        return done.error();
    }
    return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

common::Result<std::vector<Row>> SqliteConnection::doQuery(std::string_view sql,
                                                           const std::vector<SqlValue>& params) {
    return run(sql, params, true);
}

common::Status SqliteConnection::executeScript(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string reason = message != nullptr ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return common::makeError("storage.query_failed", "SQLite script failed: " + reason);
    }
    return {};
}

// IMMEDIATE takes the write lock at once, so two writers wait on the busy timeout
// instead of deadlocking when a reader upgrades.
common::Status SqliteConnection::begin() {
    return execute("BEGIN IMMEDIATE");
}
common::Status SqliteConnection::commit() {
    return execute("COMMIT");
}
common::Status SqliteConnection::rollback() {
    if (sqlite3_get_autocommit(db_) != 0) {
        return {};  // nothing open (SQLite may already have rolled back after an error)
    }
    return execute("ROLLBACK");
}

common::Result<std::vector<ColumnInfo>> SqliteConnection::listColumns() {
    auto rows = query(
        "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
        "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "ORDER BY m.name, p.cid");
    return columnsFromRows(std::move(rows));
}

}  // namespace vp::storage::sqlite
