// Profile fields (R-ACC-4): every field optional, trimmed, bounded and validated;
// a correction reports exactly the fields whose value changed.
#include <gtest/gtest.h>

#include "domain/accounts/profile.hpp"

namespace vp::domain::accounts {
namespace {

std::optional<std::string> ok(ProfileField field, std::string_view value) {
    auto normalized = normalizeProfileValue(field, value);
    EXPECT_TRUE(normalized) << toString(field) << ": " << normalized.error().message;
    return normalized ? *normalized : std::nullopt;
}

std::string refused(ProfileField field, std::string_view value) {
    auto normalized = normalizeProfileValue(field, value);
    EXPECT_FALSE(normalized) << toString(field) << " accepted '" << value << "'";
    if (normalized) {
        return {};
    }
    EXPECT_EQ(normalized.error().code, "invalid_profile");
    return normalized.error().message;
}

TEST(Profile, FieldNamesRoundTrip) {
    EXPECT_EQ(allProfileFields().size(), 6u);
    for (ProfileField f : allProfileFields()) {
        EXPECT_EQ(parseProfileField(toString(f)), f);
    }
    EXPECT_FALSE(parseProfileField("email"));
    EXPECT_FALSE(parseProfileField("Name"));
}

TEST(Profile, TrimsAndTreatsBlankAsCleared) {
    EXPECT_EQ(ok(ProfileField::Position, "  Engineer \t"), "Engineer");
    EXPECT_EQ(ok(ProfileField::Company, "   "), std::nullopt);
    EXPECT_EQ(ok(ProfileField::Department, ""), std::nullopt);
}

TEST(Profile, BoundsEachFieldInCharactersNotBytes) {
    const std::string han = "\xe5\xb7\xa5";  // one CJK character, three bytes
    std::string hundred;
    for (int i = 0; i < 100; ++i) {
        hundred += han;
    }
    EXPECT_EQ(ok(ProfileField::Position, hundred), hundred);  // 100 characters, 300 bytes
    EXPECT_NE(refused(ProfileField::Position, hundred + han).find("at most 100"),
              std::string::npos);
    EXPECT_TRUE(ok(ProfileField::Address, std::string(300, 'a')));
    refused(ProfileField::Address, std::string(301, 'a'));
    refused(ProfileField::Company, std::string(121, 'a'));
    refused(ProfileField::Name, std::string(65, 'a'));
    // A megabyte is refused before it is walked.
    refused(ProfileField::Department, std::string(1 << 20, 'a'));
}

TEST(Profile, RefusesControlCharactersButAllowsLineBreaksInTheAddress) {
    EXPECT_EQ(ok(ProfileField::Address, "1 Main Street\nSpringfield"),
              "1 Main Street\nSpringfield");
    EXPECT_NE(refused(ProfileField::Position, "Chief\nEngineer").find("line breaks"),
              std::string::npos);
    refused(ProfileField::Address, "1 Main Street\x07");
    refused(ProfileField::Company, std::string("Acme\0Corp", 9));
    refused(ProfileField::Name, "Ada\x1b[31m");
}

TEST(Profile, RefusesTextThatIsNotUtf8) {
    for (std::string_view bad :
         {std::string_view("caf\xe9"), std::string_view("\xc0\xaf"),
          std::string_view("\xed\xa0\x80"), std::string_view("\xf4\x90\x80\x80"),
          std::string_view("abc\xe5\xb7")}) {
        EXPECT_NE(refused(ProfileField::Company, bad).find("UTF-8"), std::string::npos) << bad;
    }
    EXPECT_TRUE(ok(ProfileField::Company, "Caf\xc3\xa9 \xf0\x9f\x98\x80"));
}

TEST(Profile, GenderIsOneOfTheOfferedAnswersOrEmpty) {
    for (auto g : genderValues()) {
        EXPECT_EQ(ok(ProfileField::Gender, g), std::string(g));
    }
    EXPECT_EQ(ok(ProfileField::Gender, ""), std::nullopt);
    refused(ProfileField::Gender, "Female");
    refused(ProfileField::Gender, "unknown");
}

TEST(Profile, CorrectionReportsOnlyFieldsThatChanged) {
    Profile p;
    p.name = "Ada";
    p.position = "Engineer";
    ProfileCorrection c{{ProfileField::Name, "Ada"},
                        {ProfileField::Position, std::nullopt},
                        {ProfileField::Address, "Here"},
                        {ProfileField::Company, std::nullopt}};
    const auto changed = applyCorrection(p, c);
    EXPECT_EQ(changed, (std::vector<ProfileField>{ProfileField::Position, ProfileField::Address}));
    EXPECT_EQ(p.name, "Ada");
    EXPECT_EQ(p.position, std::nullopt);
    EXPECT_EQ(p.address, "Here");
    EXPECT_TRUE(applyCorrection(p, c).empty());
    // Clearing the name leaves it empty.
    EXPECT_EQ(applyCorrection(p, {{ProfileField::Name, std::nullopt}}),
              (std::vector<ProfileField>{ProfileField::Name}));
    EXPECT_EQ(p.name, "");
    EXPECT_EQ(p.get(ProfileField::Name), std::nullopt);
}

}  // namespace
}  // namespace vp::domain::accounts
