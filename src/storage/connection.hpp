#pragma once
// Connection: the thin SQL seam under every repository. Repository SQL is written
// once with `?` placeholders in portable SQL; each backend adapts it (PostgreSQL
// rewrites `?` to `$n`). A Connection is used by one thread at a time.
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/privacy/data_map.hpp"
#include "storage/sql_value.hpp"

namespace vp::storage {

enum class Dialect { Sqlite, Postgres };

std::string_view toString(Dialect dialect);

using domain::privacy::ColumnInfo;

class Connection {
  public:
    virtual ~Connection() = default;

    virtual Dialect dialect() const = 0;

    // One statement with `?` placeholders bound to params in order.
    common::Status execute(std::string_view sql, const std::vector<SqlValue>& params = {}) {
        auto changed = doExecute(sql, params);
        return changed.ok() ? common::Status{} : common::Status{changed.error()};
    }
    // Like execute, returning how many rows the statement inserted, updated or deleted.
    common::Result<std::int64_t> executeChanges(std::string_view sql,
                                                const std::vector<SqlValue>& params = {}) {
        return doExecute(sql, params);
    }
    common::Result<std::vector<Row>> query(std::string_view sql,
                                           const std::vector<SqlValue>& params = {}) {
        return doQuery(sql, params);
    }
    // Several statements separated by `;`, without parameters (migrations).
    virtual common::Status executeScript(std::string_view sql) = 0;

    virtual common::Status begin() = 0;
    virtual common::Status commit() = 0;
    virtual common::Status rollback() = 0;

    // Every column of every table of the live schema (the data-map test's input).
    virtual common::Result<std::vector<ColumnInfo>> listColumns() = 0;

    // False once the link to the server is lost; the pool then opens a new one.
    virtual bool healthy() const = 0;

  protected:
    virtual common::Result<std::int64_t> doExecute(std::string_view sql,
                                                   const std::vector<SqlValue>& params) = 0;
    virtual common::Result<std::vector<Row>> doQuery(std::string_view sql,
                                                     const std::vector<SqlValue>& params) = 0;
};

// Rolls back on destruction unless committed.
class Transaction {
  public:
    static common::Result<Transaction> begin(Connection& connection);

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    common::Status commit();

  private:
    explicit Transaction(Connection& connection) : connection_(&connection) {}
    Connection* connection_;
};

// A cheap round trip for readiness checks (/readyz).
common::Status ping(Connection& connection);

}  // namespace vp::storage
