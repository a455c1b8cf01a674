#include "domain/enterprises/enterprise.hpp"

#include <gtest/gtest.h>

namespace vp::domain::enterprises {
namespace {

Member member(Role role, MemberStatus status = MemberStatus::Active) {
    return Member{1, 2, role, status, {}};
}

TEST(EnterpriseNames, TrimsAndBoundsTheCompanyName) {
    EXPECT_EQ(normalizeCompanyName("  Acme & Sons Ltd \t").valueOr(""), "Acme & Sons Ltd");
    EXPECT_EQ(normalizeCompanyName("   ").error().code, "invalid_company_name");
    EXPECT_TRUE(normalizeCompanyName(std::string(120, 'a')).ok());
    auto tooLong = normalizeCompanyName(std::string(121, 'a'));
    ASSERT_FALSE(tooLong.ok());
    EXPECT_NE(tooLong.error().message.find("at most 120"), std::string::npos);
    EXPECT_EQ(normalizeCompanyName("Acme\nBcc: x").error().code, "invalid_company_name");
    EXPECT_EQ(normalizeCompanyName(std::string("Ac\0me", 5)).error().code, "invalid_company_name");
}

TEST(EnterpriseNames, CreatorNameIsRequiredAndNotesMayBeEmptyOrMultiline) {
    EXPECT_EQ(normalizeCreatorName("").error().code, "invalid_creator_name");
    EXPECT_EQ(normalizeCreatorName(" Ada Lovelace ").valueOr(""), "Ada Lovelace");
    EXPECT_EQ(normalizeNotes("").valueOr("x"), "");
    EXPECT_EQ(normalizeNotes("line one\nline two").valueOr(""), "line one\nline two");
    EXPECT_EQ(normalizeNotes("bell\x07").error().code, "invalid_notes");
    EXPECT_EQ(normalizeNotes(std::string(2001, 'n')).error().code, "invalid_notes");
}

TEST(Roles, RoundTripThroughText) {
    for (auto r : {Role::Administrator, Role::Member}) {
        EXPECT_EQ(parseRole(toString(r)), r);
    }
    for (auto s : {MemberStatus::Active, MemberStatus::Disabled}) {
        EXPECT_EQ(parseMemberStatus(toString(s)), s);
    }
    EXPECT_FALSE(parseRole("owner"));
    EXPECT_FALSE(parseMemberStatus("Active"));
}

TEST(MemberChanges, NeverLeaveTheEnterpriseWithoutAnActiveAdministrator) {
    const Member admin = member(Role::Administrator);
    MemberChange demote{Role::Member, std::nullopt, false};
    MemberChange disable{std::nullopt, MemberStatus::Disabled, false};
    MemberChange remove{std::nullopt, std::nullopt, true};
    for (const auto& change : {demote, disable, remove}) {
        auto refused = checkMemberChange(admin, change, 1);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().code, "last_administrator");
        EXPECT_NE(refused.error().message.find("promote"), std::string::npos);
        EXPECT_TRUE(checkMemberChange(admin, change, 2).ok());
    }
    // Keeping the role and status is always fine.
    EXPECT_TRUE(
        checkMemberChange(admin, {Role::Administrator, MemberStatus::Active, false}, 1).ok());
}

TEST(MemberChanges, MembersAndDisabledAdministratorsMayAlwaysChange) {
    EXPECT_TRUE(
        checkMemberChange(member(Role::Member), {std::nullopt, std::nullopt, true}, 1).ok());
    EXPECT_TRUE(
        checkMemberChange(member(Role::Member), {Role::Administrator, std::nullopt, false}, 1)
            .ok());
    const Member disabledAdmin = member(Role::Administrator, MemberStatus::Disabled);
    EXPECT_FALSE(disabledAdmin.administers());
    EXPECT_TRUE(checkMemberChange(disabledAdmin, {Role::Member, std::nullopt, false}, 1).ok());
}

}  // namespace
}  // namespace vp::domain::enterprises
