#pragma once
// PostgreSQL backend over libpq. Parameters are sent out of line (never spliced into
// SQL); results come back in text format and are turned into typed SqlValues by
// column type.
#include <memory>
#include <string>

#include "storage/connection.hpp"

struct pg_conn;
struct pg_result;

namespace vp::storage::postgres {

class PostgresConnection final : public Connection {
  public:
    // `conninfo` is a libpq connection string or a postgres:// URI.
    static common::Result<std::unique_ptr<PostgresConnection>> open(const std::string& conninfo);
    ~PostgresConnection() override;

    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    Dialect dialect() const override { return Dialect::Postgres; }
    common::Status executeScript(std::string_view sql) override;
    common::Status begin() override;
    common::Status commit() override;
    common::Status rollback() override;
    common::Result<std::vector<ColumnInfo>> listColumns() override;
    bool healthy() const override;

  protected:
    common::Result<std::int64_t> doExecute(std::string_view sql,
                                           const std::vector<SqlValue>& params) override;
    common::Result<std::vector<Row>> doQuery(std::string_view sql,
                                             const std::vector<SqlValue>& params) override;

  private:
    struct ResultDeleter {
        void operator()(pg_result* r) const;
    };
    using PgResult = std::unique_ptr<pg_result, ResultDeleter>;

    explicit PostgresConnection(pg_conn* conn) : conn_(conn) {}
    common::Result<PgResult> run(std::string_view sql, const std::vector<SqlValue>& params);
    common::Error error(const pg_result* result, std::string_view sql) const;

    pg_conn* conn_;
};

}  // namespace vp::storage::postgres
