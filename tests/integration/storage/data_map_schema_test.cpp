// R-PRIV-1: every column of the real migrated schema, on each backend, is declared
// in the data map; a column added without a declaration is named by the check.
#include <gtest/gtest.h>

#include "domain/privacy/data_map_check.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "test_database.hpp"

namespace vp::storage::testing {
namespace {

using domain::privacy::findStaleDeclarations;
using domain::privacy::findUndeclared;
using domain::privacy::UndeclaredColumn;
using domain::privacy::videoproDataMap;

class DataMapSchemaTest : public BackendTest {};

TEST_P(DataMapSchemaTest, EveryColumnOfTheMigratedSchemaIsDeclared) {
    auto c = migratedConnection();
    auto schema = c->listColumns();
    ASSERT_TRUE(schema.ok()) << schema.error().message;
    ASSERT_FALSE(schema->empty());
    const auto undeclared = findUndeclared(*schema, videoproDataMap());
    EXPECT_TRUE(undeclared.empty())
        << "declare these columns in src/domain/privacy/videopro_data_map.cpp: "
        << domain::privacy::describe(undeclared);
    const auto stale = findStaleDeclarations(*schema, videoproDataMap());
    EXPECT_TRUE(stale.empty()) << "the data map declares " << stale.size()
                               << " column(s) that the schema does not have, first: "
                               << (stale.empty() ? "" : stale[0].table + "." + stale[0].column);
}

TEST_P(DataMapSchemaTest, NamesAColumnAddedWithoutADeclaration) {
    auto c = migratedConnection();
    auto added = c->execute("ALTER TABLE network_operation_log ADD COLUMN user_agent TEXT");
    ASSERT_TRUE(added.ok()) << added.error().message;
    auto schema = c->listColumns();
    ASSERT_TRUE(schema.ok());
    EXPECT_EQ(findUndeclared(*schema, videoproDataMap()),
              (std::vector<UndeclaredColumn>{{"network_operation_log", "user_agent"}}));
}

TEST_P(DataMapSchemaTest, NamesEveryColumnOfAnUndeclaredTable) {
    auto c = migratedConnection();
    ASSERT_TRUE(c->execute("CREATE TABLE shadow_profiles (id INTEGER, email TEXT)").ok());
    auto schema = c->listColumns();
    ASSERT_TRUE(schema.ok());
    EXPECT_EQ(
        findUndeclared(*schema, videoproDataMap()),
        (std::vector<UndeclaredColumn>{{"shadow_profiles", "id"}, {"shadow_profiles", "email"}}));
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(DataMapSchemaTest);

}  // namespace
}  // namespace vp::storage::testing
