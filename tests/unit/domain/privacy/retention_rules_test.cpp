#include "domain/privacy/retention_rules.hpp"

#include <gtest/gtest.h>

#include "domain/privacy/videopro_data_map.hpp"

namespace vp::domain::privacy {
namespace {

TEST(RetentionRulesTest, EveryTableWithAMaximumRetentionHasARule) {
    const auto problems = findRetentionProblems(videoproDataMap(), videoproRetentionRules());
    std::string all;
    for (const auto& p : problems) {
        all += p + "\n";
    }
    EXPECT_TRUE(problems.empty()) << all;
}

TEST(RetentionRulesTest, ANewTableWithAMaximumAndNoRuleFails) {
    std::vector<TableDeclaration> tables = videoproDataMap().tables();
    const Retention ninetyDays{std::chrono::days{0}, std::chrono::days{90}, "90 days"};
    tables.push_back(
        {"telemetry",
         "quality samples",
         {personalColumn("sampled_at", {"telemetry", "quality", "user_id", ninetyDays})}});
    const auto problems = findRetentionProblems(DataMap(tables), videoproRetentionRules());
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems[0].find("telemetry"), std::string::npos);
}

TEST(RetentionRulesTest, RulesMustNameDeclaredColumnsOfTablesWithAMaximum) {
    auto rules = videoproRetentionRules();
    rules.push_back({"users", "created_at", ""});   // kept while the account exists
    rules.push_back({"sessions", "born_at", ""});   // no such column
    rules.push_back({"ghosts", "created_at", ""});  // no such table
    EXPECT_EQ(findRetentionProblems(videoproDataMap(), rules).size(), 3U);
}

}  // namespace
}  // namespace vp::domain::privacy
