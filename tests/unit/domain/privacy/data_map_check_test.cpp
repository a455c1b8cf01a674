#include "domain/privacy/data_map_check.hpp"

#include <gtest/gtest.h>

#include "domain/privacy/videopro_data_map.hpp"

namespace vp::domain::privacy {
namespace {

using std::chrono::days;

DataMap smallMap() {
    return DataMap(
        {{"people",
          "",
          {
              notPersonalColumn("id", "row identifier"),
              personalColumn(
                  "email",
                  {"contact", "login", "id", {days{0}, std::nullopt, "with account"}, false}),
          }}});
}

TEST(FindUndeclared, AcceptsAFullyDeclaredSchema) {
    const std::vector<ColumnInfo> schema{{"people", "id"}, {"people", "email"}};
    EXPECT_TRUE(findUndeclared(schema, smallMap()).empty());
}

// The "bites" proof: a column that nobody declared is reported by name.
TEST(FindUndeclared, ReportsAFabricatedUndeclaredColumn) {
    const std::vector<ColumnInfo> schema{
        {"people", "id"}, {"people", "email"}, {"people", "shoe_size"}};
    const auto undeclared = findUndeclared(schema, smallMap());
    ASSERT_EQ(undeclared.size(), 1u);
    EXPECT_EQ(undeclared[0], (UndeclaredColumn{"people", "shoe_size"}));
    EXPECT_EQ(describe(undeclared), "people.shoe_size");
}

TEST(FindUndeclared, ReportsEveryColumnOfAnUndeclaredTable) {
    const std::vector<ColumnInfo> schema{{"people", "id"}, {"votes", "id"}, {"votes", "choice"}};
    EXPECT_EQ(describe(findUndeclared(schema, smallMap())), "votes.id, votes.choice");
}

TEST(FindStaleDeclarations, ReportsDeclaredColumnsMissingFromTheSchema) {
    const std::vector<ColumnInfo> schema{{"people", "id"}};
    EXPECT_EQ(findStaleDeclarations(schema, smallMap()),
              (std::vector<ColumnInfo>{{"people", "email"}}));
}

TEST(ValidateDataMap, TheServiceMapIsSound) {
    const auto problems = validateDataMap(videoproDataMap());
    EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(ValidateDataMap, CatchesMistakesInTheMapItself) {
    const Retention backwards{days{30}, days{10}, "backwards"};
    const DataMap bad({
        {"t",
         "",
         {
             notPersonalColumn("id", ""),
             personalColumn("a", {"", "", "nobody", backwards, false}),
             notPersonalColumn("id", "again"),
         }},
        {"t", "", {}},
    });
    const auto problems = validateDataMap(bad);
    auto mentions = [&](std::string_view text) {
        for (const auto& p : problems) {
            if (p.find(text) != std::string::npos) {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(mentions("table t is declared twice"));
    EXPECT_TRUE(mentions("t.id is declared twice"));
    EXPECT_TRUE(mentions("t.id is declared not personal without a reason"));
    EXPECT_TRUE(mentions("t.a is personal but has no category"));
    EXPECT_TRUE(mentions("t.a is personal but has no purpose"));
    EXPECT_TRUE(mentions("subject link 'nobody'"));
    EXPECT_TRUE(mentions("retention maximum below its minimum"));
}

}  // namespace
}  // namespace vp::domain::privacy
