#include "domain/privacy/policy.hpp"

#include <gtest/gtest.h>

namespace vp::domain::privacy {
namespace {

TimePoint day(std::string_view text) {
    return parseDate(text).value();
}

PolicyVersion version(std::int64_t n, std::string_view effective, bool material) {
    return PolicyVersion{n, "text", day(effective), material, day(effective), "op"};
}

ConsentRecord consent(std::int64_t id, ConsentPurpose purpose, bool granted,
                      std::int64_t policy = 1) {
    return ConsentRecord{id,  7, purpose, granted, policy, day("2026-01-01"), ConsentMethod::Button,
                         "CN"};
}

TEST(PolicyTest, VersionInForceIsTheHighestEffectiveOne) {
    const std::vector<PolicyVersion> v{version(1, "2026-01-01", false),
                                       version(2, "2026-02-01", false),
                                       version(3, "2026-03-01", true)};
    EXPECT_EQ(versionInForce(v, day("2025-12-31")), nullptr);
    EXPECT_EQ(versionInForce(v, day("2026-01-15"))->version, 1);
    EXPECT_EQ(versionInForce(v, day("2026-02-28"))->version, 2);
    EXPECT_EQ(versionInForce(v, day("2026-03-01"))->version, 3);
}

TEST(PolicyTest, RequiredAcceptanceFollowsMaterialChangesOnly) {
    const std::vector<PolicyVersion> v{version(1, "2026-01-01", false),
                                       version(2, "2026-02-01", false),
                                       version(3, "2026-03-01", true)};
    EXPECT_FALSE(requiredAcceptance(v, day("2025-12-01")).has_value());
    EXPECT_EQ(requiredAcceptance(v, day("2026-02-15")), 1);  // minor change: v1 still enough
    EXPECT_EQ(requiredAcceptance(v, day("2026-03-02")), 3);  // material change in force
}

TEST(PolicyTest, NewVersionsAreNumberedInOrderWithEffectiveDatesNotGoingBack) {
    const PolicyVersion v1 = version(1, "2026-01-01", false);
    EXPECT_TRUE(validateNewVersion(v1, std::nullopt).ok());
    EXPECT_FALSE(validateNewVersion(version(2, "2026-01-01", false), std::nullopt).ok());
    EXPECT_TRUE(validateNewVersion(version(2, "2026-01-01", true), v1).ok());
    EXPECT_FALSE(validateNewVersion(version(2, "2025-12-31", true), v1).ok());
    PolicyVersion empty = version(2, "2026-02-01", false);
    empty.text.clear();
    EXPECT_EQ(validateNewVersion(empty, v1).error().code, "invalid_policy");
}

TEST(PolicyTest, ParsesDatesStrictly) {
    EXPECT_TRUE(parseDate("2024-02-29").ok());
    EXPECT_FALSE(parseDate("2023-02-29").ok());
    EXPECT_FALSE(parseDate("2026-1-01").ok());
    EXPECT_FALSE(parseDate("2026-01-01x").ok());
    EXPECT_FALSE(parseDate("").ok());
}

TEST(PolicyTest, PurposesAndMethodsRoundTrip) {
    for (ConsentPurpose p : allConsentPurposes()) {
        EXPECT_EQ(parseConsentPurpose(toString(p)), p);
    }
    EXPECT_FALSE(parseConsentPurpose("marketing").has_value());
    EXPECT_EQ(parseConsentMethod("guardian"), ConsentMethod::Guardian);
    EXPECT_FALSE(parseConsentMethod("email").has_value());
}

TEST(PolicyTest, TheLatestRecordOfAPurposeDecidesAndWithdrawalWins) {
    std::vector<ConsentRecord> history{consent(1, ConsentPurpose::Telemetry, true),
                                       consent(2, ConsentPurpose::ProfileExtras, true)};
    EXPECT_TRUE(isGranted(history, ConsentPurpose::Telemetry));
    history.push_back(consent(3, ConsentPurpose::Telemetry, false));
    EXPECT_FALSE(isGranted(history, ConsentPurpose::Telemetry));
    EXPECT_TRUE(isGranted(history, ConsentPurpose::ProfileExtras));
    EXPECT_FALSE(isGranted(history, ConsentPurpose::NonEssentialCookies));
    // Ledger order is by id, not by position in the vector.
    std::vector<ConsentRecord> shuffled{history[2], history[0], history[1]};
    EXPECT_FALSE(isGranted(shuffled, ConsentPurpose::Telemetry));
}

TEST(PolicyTest, AcceptanceMustCoverTheRequiredVersion) {
    const std::vector<ConsentRecord> history{consent(1, ConsentPurpose::PolicyAcceptance, true, 1)};
    EXPECT_TRUE(hasAccepted(history, 1));
    EXPECT_FALSE(hasAccepted(history, 3));
    EXPECT_FALSE(hasAccepted({}, 1));
}

}  // namespace
}  // namespace vp::domain::privacy
