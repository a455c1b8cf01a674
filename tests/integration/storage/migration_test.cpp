// Migrations on both backends: applied once, recorded, idempotent.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "storage/migrations/migration_set.hpp"
#include "storage/migrations/migrator.hpp"
#include "test_database.hpp"

namespace vp::storage::testing {
namespace {

class MigrationTest : public BackendTest {};

TEST_P(MigrationTest, MigratesAnEmptyDatabaseToTheLatestVersion) {
    auto before = database().schemaVersion();
    ASSERT_TRUE(before.ok()) << before.error().message;
    EXPECT_EQ(*before, 0);
    auto migrated = database().migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    auto known = migrations::migrationsFor(GetParam());
    ASSERT_TRUE(known.ok());
    auto after = database().schemaVersion();
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(*after, known->back().version);
}

TEST_P(MigrationTest, MigratingTwiceChangesNothing) {
    const common::FakeClock clock;
    ASSERT_TRUE(database().migrate(clock).ok());
    auto c = connect();
    auto first =
        c->query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
    ASSERT_TRUE(first.ok());
    auto columnsBefore = c->listColumns();
    ASSERT_TRUE(columnsBefore.ok());

    auto again = database().migrate(clock);
    ASSERT_TRUE(again.ok()) << again.error().message;
    auto second =
        c->query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(*first, *second);
    EXPECT_EQ(*getInt(second->front(), 2), common::toUnixMillis(clock.now()));
    EXPECT_EQ(*c->listColumns(), *columnsBefore);
}

TEST_P(MigrationTest, AFailingMigrationLeavesNothingBehind) {
    auto c = connect();
    const std::vector<migrations::Migration> set{
        {1, "good", "CREATE TABLE first_table (id INTEGER)"},
        {2, "bad", "CREATE TABLE second_table (id INTEGER); THIS IS NOT SQL"},
    };
    auto applied = migrations::applyMigrations(*c, set, common::SystemClock::instance());
    ASSERT_FALSE(applied.ok());
    EXPECT_EQ(applied.error().code, "storage.migration_failed");
    EXPECT_NE(applied.error().message.find("2_bad"), std::string::npos);
    auto version = migrations::currentVersion(*c);
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(*version, 1);
    auto columns = c->listColumns();
    ASSERT_TRUE(columns.ok());
    for (const auto& column : *columns) {
        EXPECT_NE(column.table, "second_table");
    }
}

TEST_P(MigrationTest, RefusesADatabaseNewerThanTheBinary) {
    ASSERT_TRUE(database().migrate().ok());
    auto c = connect();
    ASSERT_TRUE(c->execute("INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES (9999, 'from_the_future', 0)")
                    .ok());
    auto migrated = database().migrate();
    ASSERT_FALSE(migrated.ok());
    EXPECT_EQ(migrated.error().code, "storage.schema_too_new");
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(MigrationTest);

}  // namespace
}  // namespace vp::storage::testing
