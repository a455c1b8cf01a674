#pragma once
// A fresh, private database per test on either backend: SQLite in a new temp
// directory, or a new schema in the fixture's PostgreSQL (its URL comes from the file
// that tests/support/postgres_fixture.sh writes). Dropped again at the end.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace vp::storage {
// gtest prints backends by name ("sqlite", "postgres") in test names and failures.
inline void PrintTo(Dialect dialect, std::ostream* out) {
    *out << toString(dialect);
}
}  // namespace vp::storage

namespace vp::storage::testing {

class TestDatabase {
  public:
    static common::Result<std::unique_ptr<TestDatabase>> create(Dialect dialect);
    ~TestDatabase();

    const std::string& url() const { return url_; }
    Database& database() { return *database_; }
    // The SQLite file path (empty for PostgreSQL).
    const std::string& sqlitePath() const { return sqlitePath_; }

  private:
    TestDatabase() = default;

    Dialect dialect_ = Dialect::Sqlite;
    std::string url_;
    std::string sqlitePath_;
    std::string tempDir_;
    std::string adminUrl_;
    std::string schema_;
    std::unique_ptr<Database> database_;
};

// Base of the parameterised suites: a fresh database per test.
class BackendTest : public ::testing::TestWithParam<Dialect> {
  protected:
    void SetUp() override;

    Database& database() { return db_->database(); }
    TestDatabase& testDatabase() { return *db_; }
    // A new connection; fails the test when none can be had.
    std::unique_ptr<Connection> connect();
    // A new connection to a migrated database.
    std::unique_ptr<Connection> migratedConnection();

  private:
    std::unique_ptr<TestDatabase> db_;
};

// Names the instantiations "sqlite" and "postgres".
std::string backendName(const ::testing::TestParamInfo<Dialect>& info);

// Polls `condition` until it holds or `timeout` passes.
bool waitUntil(const std::function<bool()>& condition,
               std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace vp::storage::testing

#define VP_INSTANTIATE_FOR_BOTH_BACKENDS(suite)                                              \
    INSTANTIATE_TEST_SUITE_P(                                                                \
        Backends, suite,                                                                     \
        ::testing::Values(::vp::storage::Dialect::Sqlite, ::vp::storage::Dialect::Postgres), \
        ::vp::storage::testing::backendName)
