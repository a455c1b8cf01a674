// The Connection seam on both backends: values round-trip, transactions, errors.
#include <gtest/gtest.h>

#include "storage/connection.hpp"
#include "test_database.hpp"

namespace vp::storage::testing {
namespace {

class ConnectionTest : public BackendTest {};

TEST_P(ConnectionTest, RoundTripsEveryValueType) {
    auto c = connect();
    ASSERT_TRUE(c);
    const std::string blobType = c->dialect() == Dialect::Sqlite ? "BLOB" : "BYTEA";
    auto made = c->execute("CREATE TABLE values_rt (i BIGINT, d DOUBLE PRECISION, t TEXT, b " +
                           blobType + ", n TEXT)");
    ASSERT_TRUE(made.ok()) << made.error().message;
    const Blob blob{0x00, 0xff, 0x10, 'x'};
    auto inserted = c->execute(
        "INSERT INTO values_rt (i, d, t, b, n) VALUES (?, ?, ?, ?, ?)",
        {std::int64_t{-9'000'000'000'000}, 2.5, std::string("it's ? ünïcode"), blob, SqlNull{}});
    ASSERT_TRUE(inserted.ok()) << inserted.error().message;
    auto rows = c->query("SELECT i, d, t, b, n FROM values_rt");
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_EQ(rows->size(), 1u);
    const Row& row = rows->front();
    EXPECT_EQ(*getInt(row, 0), -9'000'000'000'000);
    EXPECT_DOUBLE_EQ(*getDouble(row, 1), 2.5);
    EXPECT_EQ(*getText(row, 2), "it's ? ünïcode");
    EXPECT_EQ(*getBlob(row, 3), blob);
    EXPECT_TRUE(isNull(row[4]));
    EXPECT_FALSE(getInt(row, 4).ok());
}

TEST_P(ConnectionTest, CountsChangedRows) {
    auto c = connect();
    ASSERT_TRUE(c->execute("CREATE TABLE counted (v INTEGER)").ok());
    for (std::int64_t v = 0; v < 5; ++v) {
        ASSERT_TRUE(c->execute("INSERT INTO counted (v) VALUES (?)", {v}).ok());
    }
    auto changed = c->executeChanges("DELETE FROM counted WHERE v >= ?", {std::int64_t{2}});
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    EXPECT_EQ(*changed, 3);
}

TEST_P(ConnectionTest, RollsBackAnUncommittedTransaction) {
    auto c = connect();
    ASSERT_TRUE(c->execute("CREATE TABLE tx (v INTEGER)").ok());
    {
        auto tx = Transaction::begin(*c);
        ASSERT_TRUE(tx.ok()) << tx.error().message;
        ASSERT_TRUE(c->execute("INSERT INTO tx (v) VALUES (1)").ok());
    }  // rolled back here
    {
        auto tx = Transaction::begin(*c);
        ASSERT_TRUE(tx.ok());
        ASSERT_TRUE(c->execute("INSERT INTO tx (v) VALUES (2)").ok());
        ASSERT_TRUE(tx->commit().ok());
    }
    auto rows = c->query("SELECT v FROM tx");
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(*getInt(rows->front(), 0), 2);
}

TEST_P(ConnectionTest, EnforcesForeignKeysAndReportsConstraintErrors) {
    auto c = connect();
    ASSERT_TRUE(c->executeScript("CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                                 "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER "
                                 "NOT NULL REFERENCES parent (id))")
                    .ok());
    auto orphan = c->execute("INSERT INTO child (id, parent_id) VALUES (1, 42)");
    ASSERT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().code, "storage.constraint") << orphan.error().message;
    ASSERT_TRUE(c->execute("INSERT INTO parent (id) VALUES (42)").ok());
    EXPECT_TRUE(c->execute("INSERT INTO child (id, parent_id) VALUES (1, 42)").ok());
    auto duplicate = c->execute("INSERT INTO parent (id) VALUES (42)");
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, "storage.constraint");
}

TEST_P(ConnectionTest, RefusesAPlaceholderCountMismatch) {
    auto c = connect();
    auto r = c->query("SELECT ?, ?", {std::int64_t{1}});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("2 placeholders but 1 values"), std::string::npos)
        << r.error().message;
}

TEST_P(ConnectionTest, ReportsSqlErrorsWithoutParameters) {
    auto c = connect();
    auto r = c->query("SELECT * FROM no_such_table WHERE secret = ?", {std::string("hunter2")});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "storage.query_failed");
    EXPECT_NE(r.error().message.find("no_such_table"), std::string::npos);
    EXPECT_EQ(r.error().message.find("hunter2"), std::string::npos);
    EXPECT_TRUE(ping(*c).ok()) << "the connection stays usable after an error";
}

TEST_P(ConnectionTest, PingAnswers) {
    auto c = connect();
    EXPECT_TRUE(ping(*c).ok());
    EXPECT_TRUE(c->healthy());
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(ConnectionTest);

class SqliteSettingsTest : public BackendTest {};

TEST_P(SqliteSettingsTest, UsesWalForeignKeysAndABusyTimeout) {
    auto c = connect();
    ASSERT_EQ(c->dialect(), Dialect::Sqlite);
    auto mode = c->query("PRAGMA journal_mode");
    ASSERT_TRUE(mode.ok());
    EXPECT_EQ(*getText(mode->front(), 0), "wal");
    auto fk = c->query("PRAGMA foreign_keys");
    ASSERT_TRUE(fk.ok());
    EXPECT_EQ(*getInt(fk->front(), 0), 1);
    auto busy = c->query("PRAGMA busy_timeout");
    ASSERT_TRUE(busy.ok());
    EXPECT_EQ(*getInt(busy->front(), 0), 5000);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqliteSettingsTest, ::testing::Values(Dialect::Sqlite),
                         backendName);

TEST(DatabaseOpen, FailsClearlyOnAnUnreachableDatabase) {
    auto missingDir = Database::open("sqlite:/nonexistent-dir-for-videopro/x.db");
    ASSERT_FALSE(missingDir.ok());
    EXPECT_EQ(missingDir.error().code, "storage.unavailable");
    auto refused = Database::open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "storage.unavailable");
    EXPECT_NE(refused.error().message.find("--database"), std::string::npos);
}

}  // namespace
}  // namespace vp::storage::testing
