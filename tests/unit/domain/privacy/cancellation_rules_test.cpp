#include "domain/privacy/cancellation_rules.hpp"

#include <gtest/gtest.h>

#include "domain/privacy/videopro_data_map.hpp"

namespace vp::domain::privacy {
namespace {

TEST(CancellationRulesTest, VideoProRulesAreValid) {
    const auto problems = findCancellationProblems(videoproDataMap(), videoproSubjectPaths(),
                                                   videoproCancellationRules());
    std::string all;
    for (const auto& p : problems) {
        all += p + "\n";
    }
    EXPECT_TRUE(problems.empty()) << all;
}

TEST(CancellationRulesTest, ThePlanCoversEveryLinkableTableAndEndsWithTheAccount) {
    const auto plan =
        cancellationPlan(videoproDataMap(), videoproSubjectPaths(), videoproCancellationRules());
    ASSERT_FALSE(plan.empty());
    EXPECT_EQ(plan.back().path.table, "users");
    std::size_t linkable = 0;
    for (const auto& p : videoproSubjectPaths()) {
        linkable += p.key != SubjectKey::NotLinkable ? 1 : 0;
    }
    EXPECT_EQ(plan.size(), linkable);
    // Tables that refer to others come before them: attendance before meetings.
    std::size_t attendance = 0;
    std::size_t meetings = 0;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        attendance = plan[i].path.table == "meeting_attendance" ? i : attendance;
        meetings = plan[i].path.table == "meetings" ? i : meetings;
    }
    EXPECT_LT(attendance, meetings);
}

TEST(CancellationRulesTest, ANewTableOnASubjectPathIsDeletedByDefault) {
    std::vector<TableDeclaration> tables = videoproDataMap().tables();
    const Retention r{std::chrono::days{0}, std::nullopt, "with the account"};
    tables.push_back(
        {"votes", "named votes", {personalColumn("voter", {"votes", "vote", "voter", r})}});
    auto paths = videoproSubjectPaths();
    paths.push_back({"votes", "voter", SubjectKey::UserId, ""});
    const auto plan = cancellationPlan(DataMap(tables), paths, videoproCancellationRules());
    bool found = false;
    for (const auto& step : plan) {
        if (step.path.table == "votes") {
            found = true;
            EXPECT_EQ(step.rule.action, OnCancellation::Delete);
        }
    }
    EXPECT_TRUE(found);
}

TEST(CancellationRulesTest, BadRulesAreFound) {
    std::vector<CancellationRule> rules{
        {"network_operation_log", OnCancellation::Keep, {}, "not linkable"},
        {"sessions", OnCancellation::Keep, {}, ""},
        {"meeting_attendance", OnCancellation::Pseudonymise, {"nickname"}, "why"},
        {"users", OnCancellation::Pseudonymise, {"display_name"}, "why"},
    };
    EXPECT_EQ(findCancellationProblems(videoproDataMap(), videoproSubjectPaths(), rules).size(),
              4U);
}

}  // namespace
}  // namespace vp::domain::privacy
