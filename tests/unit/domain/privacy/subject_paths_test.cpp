#include "domain/privacy/subject_paths.hpp"

#include <gtest/gtest.h>

#include "domain/privacy/videopro_data_map.hpp"

namespace vp::domain::privacy {
namespace {

std::string joined(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) {
        out += p + "\n";
    }
    return out;
}

TEST(SubjectPathsTest, EveryTableWithPersonalDataCanBeExportedOrSaysWhyNot) {
    const auto problems = findUnexportable(videoproDataMap(), videoproSubjectPaths());
    EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST(SubjectPathsTest, ANewPersonalTableWithoutAPathFails) {
    std::vector<TableDeclaration> tables = videoproDataMap().tables();
    const Retention r{std::chrono::days{0}, std::nullopt, "with the account"};
    tables.push_back(
        {"votes", "named votes", {personalColumn("voter", {"votes", "vote", "voter", r})}});
    const auto problems = findUnexportable(DataMap(tables), videoproSubjectPaths());
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems[0].find("votes"), std::string::npos);
}

TEST(SubjectPathsTest, PathsMustNameDeclaredColumnsAndReasons) {
    std::vector<SubjectPath> paths = videoproSubjectPaths();
    paths.push_back({"users", "nickname", SubjectKey::UserId, ""});
    paths.push_back({"sessions", "", SubjectKey::NotLinkable, ""});
    paths.push_back({"ghosts", "id", SubjectKey::UserId, ""});
    EXPECT_EQ(findUnexportable(videoproDataMap(), paths).size(), 3U);
}

}  // namespace
}  // namespace vp::domain::privacy
