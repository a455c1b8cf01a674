#include "storage/migrations/migration_set.hpp"

#include <gtest/gtest.h>

namespace vp::storage::migrations {
namespace {

TEST(OrderMigrations, SortsByVersion) {
    auto ordered = orderMigrations(
        {{"0002_add_rooms.sql", "B"}, {"0003_votes.sql", "C"}, {"0001_init.sql", "A"}});
    ASSERT_TRUE(ordered.ok()) << ordered.error().message;
    ASSERT_EQ(ordered->size(), 3u);
    EXPECT_EQ((*ordered)[0].version, 1);
    EXPECT_EQ((*ordered)[0].name, "init");
    EXPECT_EQ((*ordered)[1].name, "add_rooms");
    EXPECT_EQ((*ordered)[2].sql, "C");
}

TEST(OrderMigrations, RejectsGaps) {
    auto ordered = orderMigrations({{"0001_init.sql", ""}, {"0003_votes.sql", ""}});
    ASSERT_FALSE(ordered.ok());
    EXPECT_NE(ordered.error().message.find("version 2 is missing"), std::string::npos);
}

TEST(OrderMigrations, RejectsRepeatedVersions) {
    auto ordered = orderMigrations({{"0001_init.sql", ""}, {"0001_other.sql", ""}});
    ASSERT_FALSE(ordered.ok());
    EXPECT_NE(ordered.error().message.find("repeats"), std::string::npos);
}

TEST(OrderMigrations, RejectsMalformedNames) {
    for (const char* name : {"1_init.sql", "0001-init.sql", "0001_init.txt", "0001_Init.sql",
                             "0001_.sql", "abcd_init.sql"}) {
        auto ordered = orderMigrations({{name, ""}});
        ASSERT_FALSE(ordered.ok()) << name;
        EXPECT_EQ(ordered.error().code, "storage.migration_invalid");
    }
}

TEST(EmbeddedMigrations, BothDialectsHaveTheSameVersions) {
    auto sqlite = migrationsFor(Dialect::Sqlite);
    auto postgres = migrationsFor(Dialect::Postgres);
    ASSERT_TRUE(sqlite.ok()) << sqlite.error().message;
    ASSERT_TRUE(postgres.ok()) << postgres.error().message;
    ASSERT_FALSE(sqlite->empty());
    ASSERT_EQ(sqlite->size(), postgres->size());
    for (std::size_t i = 0; i < sqlite->size(); ++i) {
        EXPECT_EQ((*sqlite)[i].version, (*postgres)[i].version);
        EXPECT_EQ((*sqlite)[i].name, (*postgres)[i].name);
        EXPECT_FALSE((*sqlite)[i].sql.empty());
    }
}

}  // namespace
}  // namespace vp::storage::migrations
