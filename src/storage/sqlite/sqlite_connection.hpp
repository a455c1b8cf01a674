#pragma once
// SQLite backend: one sqlite3 handle in WAL mode with foreign keys on and a busy
// timeout, so that the pool's connections and other processes wait for each other
// instead of failing at once.
#include <chrono>
#include <memory>
#include <string>

#include "storage/connection.hpp"

struct sqlite3;

namespace vp::storage::sqlite {

inline constexpr std::chrono::milliseconds kBusyTimeout{5000};

class SqliteConnection final : public Connection {
  public:
    // Opens (creating if needed) the database file at `path`.
    static common::Result<std::unique_ptr<SqliteConnection>> open(const std::string& path);
    ~SqliteConnection() override;

    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Dialect dialect() const override { return Dialect::Sqlite; }
    common::Status executeScript(std::string_view sql) override;
    common::Status begin() override;
    common::Status commit() override;
    common::Status rollback() override;
    common::Result<std::vector<ColumnInfo>> listColumns() override;
    bool healthy() const override { return db_ != nullptr; }

  protected:
    common::Result<std::int64_t> doExecute(std::string_view sql,
                                           const std::vector<SqlValue>& params) override;
    common::Result<std::vector<Row>> doQuery(std::string_view sql,
                                             const std::vector<SqlValue>& params) override;

  private:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    common::Status configure();
    common::Result<std::vector<Row>> run(std::string_view sql, const std::vector<SqlValue>& params,
                                         bool collectRows);
    common::Error error(int code, std::string_view sql) const;

    sqlite3* db_;
};

}  // namespace vp::storage::sqlite
