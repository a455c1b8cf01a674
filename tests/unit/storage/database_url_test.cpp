#include "storage/database_url.hpp"

#include <gtest/gtest.h>

namespace vp::storage {
namespace {

TEST(DatabaseUrl, AcceptsSqliteForms) {
    for (const char* url :
         {"sqlite:/var/lib/videopro/db.sqlite", "sqlite:///var/lib/videopro/db.sqlite",
          "/var/lib/videopro/db.sqlite"}) {
        auto parsed = parseDatabaseUrl(url);
        ASSERT_TRUE(parsed.ok()) << url;
        EXPECT_EQ(parsed->dialect, Dialect::Sqlite);
        EXPECT_EQ(parsed->target, "/var/lib/videopro/db.sqlite") << url;
    }
    auto relative = parseDatabaseUrl("sqlite:data/videopro.db");
    ASSERT_TRUE(relative.ok());
    EXPECT_EQ(relative->target, "data/videopro.db");
}

TEST(DatabaseUrl, AcceptsPostgresUris) {
    for (const char* url :
         {"postgres://u:p@db:5432/vp", "postgresql://u@127.0.0.1/vp?sslmode=require"}) {
        auto parsed = parseDatabaseUrl(url);
        ASSERT_TRUE(parsed.ok()) << url;
        EXPECT_EQ(parsed->dialect, Dialect::Postgres);
        EXPECT_EQ(parsed->target, url);
    }
}

TEST(DatabaseUrl, RejectsWhatItCannotServe) {
    for (const char* url : {"", "sqlite:", "mysql://db/vp", "sqlite::memory:", ":memory:"}) {
        auto parsed = parseDatabaseUrl(url);
        ASSERT_FALSE(parsed.ok()) << url;
        EXPECT_EQ(parsed.error().code, "storage.bad_url");
    }
}

TEST(DatabaseUrl, RedactsPasswords) {
    EXPECT_EQ(redactDatabaseUrl("postgres://alice:s3cret@db:5432/vp"),
              "postgres://alice:***@db:5432/vp");
    EXPECT_EQ(redactDatabaseUrl("postgres://alice@db/vp"), "postgres://alice@db/vp");
    EXPECT_EQ(redactDatabaseUrl("postgres://db:5432/vp"), "postgres://db:5432/vp");
    EXPECT_EQ(redactDatabaseUrl("sqlite:/x.db"), "sqlite:/x.db");
}

}  // namespace
}  // namespace vp::storage
