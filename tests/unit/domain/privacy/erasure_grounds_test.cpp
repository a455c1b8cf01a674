// Deletion of one category on request (R-PRIV-4): the categories match the data map,
// and only the grounds that rest on the user's own choice delete at once (policy §6.4).
#include "domain/privacy/erasure_grounds.hpp"

#include <gtest/gtest.h>

#include "domain/privacy/videopro_data_map.hpp"

namespace vp::domain::privacy {
namespace {

TEST(ErasureGroundsTest, EveryErasableCategoryIsADeclaredTableWithASubjectPath) {
    EXPECT_TRUE(findUnerasable(videoproDataMap(), videoproSubjectPaths()).empty());
    const std::vector<SubjectPath> none;
    EXPECT_EQ(findUnerasable(videoproDataMap(), none).size(), erasableCategories().size());
    EXPECT_EQ(findUnerasable(DataMap{}, videoproSubjectPaths()).size(),
              erasableCategories().size());
}

TEST(ErasureGroundsTest, OnlyTheUsersOwnGroundsDeleteAtOnce) {
    EXPECT_TRUE(erasedAtOnce(ErasureGround::PurposeAchieved));
    EXPECT_TRUE(erasedAtOnce(ErasureGround::ConsentWithdrawn));
    EXPECT_FALSE(erasedAtOnce(ErasureGround::UnlawfulProcessing));
    EXPECT_FALSE(erasedAtOnce(ErasureGround::OtherLaw));
    for (const auto g : {ErasureGround::PurposeAchieved, ErasureGround::ConsentWithdrawn,
                         ErasureGround::UnlawfulProcessing, ErasureGround::OtherLaw}) {
        EXPECT_EQ(parseErasureGround(toString(g)), g);
        EXPECT_TRUE(clauseOf(g).starts_with("§6.4("));
    }
    EXPECT_FALSE(parseErasureGround("service_ended"));  // the operator's ground, not a user's
    EXPECT_FALSE(parseErasureGround(""));
    EXPECT_EQ(findErasableCategory("avatar")->table, "user_avatars");
    EXPECT_EQ(findErasableCategory("everything"), nullptr);
}

}  // namespace
}  // namespace vp::domain::privacy
