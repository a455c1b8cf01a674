// The age rule of R-MINOR-1, birth month validation and display names; the login
// attempt limiter.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "domain/accounts/attempt_limiter.hpp"
#include "domain/accounts/user.hpp"

namespace vp::domain::accounts {
namespace {

using namespace std::chrono_literals;

// 2027-03-15 12:00 UTC
const auto kNow = std::chrono::sys_days{std::chrono::year{2027} / 3 / 15} + 12h;

TEST(UserTest, UnderFourteenIsAChildUpToTheBirthMonthItself) {
    EXPECT_TRUE(isChild({2020, 1}, kNow));
    EXPECT_TRUE(isChild({2013, 4}, kNow));  // turns 14 next month
    EXPECT_TRUE(isChild({2013, 3}, kNow));  // birthday this month: not known to be past
    EXPECT_FALSE(isChild({2013, 2}, kNow));
    EXPECT_FALSE(isChild({1980, 12}, kNow));
}

TEST(UserTest, BirthMonthMustBeReal) {
    EXPECT_TRUE(validateBirthMonth({1990, 5}, kNow));
    EXPECT_TRUE(validateBirthMonth({2027, 3}, kNow));
    EXPECT_FALSE(validateBirthMonth({2027, 4}, kNow));  // the future
    EXPECT_FALSE(validateBirthMonth({1990, 0}, kNow));
    EXPECT_FALSE(validateBirthMonth({1990, 13}, kNow));
    EXPECT_FALSE(validateBirthMonth({1899, 12}, kNow));
    EXPECT_EQ(validateBirthMonth({1990, 13}, kNow).error().code, "invalid_birth_date");
}

TEST(UserTest, DisplayNames) {
    EXPECT_EQ(normalizeDisplayName("  Alice B.  ").valueOr(""), "Alice B.");
    EXPECT_FALSE(normalizeDisplayName("a\nb"));
    EXPECT_FALSE(normalizeDisplayName(std::string(65, 'x')));
    EXPECT_EQ(parseUserStatus("pending_guardian"), UserStatus::PendingGuardian);
    EXPECT_FALSE(parseUserStatus("root"));
}

TEST(AttemptLimiterTest, RefusesAfterTheLimitUntilTheWindowEnds) {
    common::FakeClock clock;
    AttemptLimiter limiter({3, 15min});
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(limiter.allowed("ip", clock.steadyNow()));
        limiter.recordFailure("ip", clock.steadyNow());
    }
    EXPECT_FALSE(limiter.allowed("ip", clock.steadyNow()));
    EXPECT_TRUE(limiter.allowed("other", clock.steadyNow()));
    clock.advance(15min);
    EXPECT_TRUE(limiter.allowed("ip", clock.steadyNow()));
}

TEST(AttemptLimiterTest, SuccessResetsAndKeysAreBounded) {
    common::FakeClock clock;
    AttemptLimiter limiter({2, 15min}, 4);
    limiter.recordFailure("a", clock.steadyNow());
    limiter.recordFailure("a", clock.steadyNow());
    EXPECT_FALSE(limiter.allowed("a", clock.steadyNow()));
    limiter.reset("a");
    EXPECT_TRUE(limiter.allowed("a", clock.steadyNow()));
    for (int i = 0; i < 100; ++i) {
        clock.advance(1s);
        limiter.recordFailure("k" + std::to_string(i), clock.steadyNow());
    }
    EXPECT_LE(limiter.trackedKeys(), 4u);
    EXPECT_EQ(limiter.trackedKeys(), 4u);
}

}  // namespace
}  // namespace vp::domain::accounts
