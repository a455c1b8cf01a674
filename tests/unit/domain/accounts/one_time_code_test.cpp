#include "domain/accounts/one_time_code.hpp"

#include <gtest/gtest.h>

#include <map>

#include "common/clock.hpp"

namespace vp::domain::accounts {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class FixedRandom final : public common::Random {
  public:
    explicit FixedRandom(std::uint8_t value) : value_(value) {}
    void fill(std::span<std::uint8_t> out) override {
        for (auto& b : out) {
            b = value_;
        }
    }

  private:
    std::uint8_t value_;
};

class PolicyTest : public ::testing::Test {
  protected:
    StoredCode issue(std::string_view hash) {
        StoredCode c;
        c.id = 1;
        c.target = "alice@example.com";
        c.codeHash = std::string(hash);
        c.createdAt = clock.now();
        c.expiresAt = clock.now() + limits.lifetime;
        return c;
    }

    common::FakeClock clock;
    CodeLimits limits;
};

TEST_F(PolicyTest, AcceptsTheRightCodeWithinItsLifetime) {
    const auto code = issue("aa11");
    clock.advance(minutes{9} + seconds{59});
    EXPECT_EQ(decideVerify(limits, &code, "aa11", clock.now()), VerifyOutcome::Accepted);
}

TEST_F(PolicyTest, ExpiresAfterTenMinutes) {
    const auto code = issue("aa11");
    clock.advance(minutes{10});
    EXPECT_EQ(decideVerify(limits, &code, "aa11", clock.now()), VerifyOutcome::Expired);
}

TEST_F(PolicyTest, SingleUse) {
    auto code = issue("aa11");
    ASSERT_EQ(decideVerify(limits, &code, "aa11", clock.now()), VerifyOutcome::Accepted);
    code.consumedAt = clock.now();
    EXPECT_EQ(decideVerify(limits, &code, "aa11", clock.now()), VerifyOutcome::Used);
}

TEST_F(PolicyTest, TheSixthAttemptIsRefusedEvenWithTheRightCode) {
    auto code = issue("aa11");
    for (int i = 0; i < 5; ++i) {
        ASSERT_EQ(decideVerify(limits, &code, "bb22", clock.now()), VerifyOutcome::Wrong);
        ++code.attempts;  // what the service records after a Wrong
    }
    EXPECT_EQ(decideVerify(limits, &code, "aa11", clock.now()), VerifyOutcome::AttemptsExceeded);
}

TEST_F(PolicyTest, NoCodeIssued) {
    EXPECT_EQ(decideVerify(limits, nullptr, "aa11", clock.now()), VerifyOutcome::NoCode);
}

TEST_F(PolicyTest, FivePerTargetPerHour) {
    EXPECT_EQ(decideIssue(limits, {4, 4}), IssueDecision::Allowed);
    EXPECT_EQ(decideIssue(limits, {5, 5}), IssueDecision::TargetLimited);
}

TEST_F(PolicyTest, PerIpLimit) {
    EXPECT_EQ(decideIssue(limits, {0, 19}), IssueDecision::Allowed);
    EXPECT_EQ(decideIssue(limits, {0, 20}), IssueDecision::IpLimited);
    CodeLimits strict;
    strict.maxCodesPerIp = 2;
    EXPECT_EQ(decideIssue(strict, {0, 2}), IssueDecision::IpLimited);
}

TEST(GenerateCode, SixDigitsWithLeadingZerosKept) {
    FixedRandom zeros(0);
    EXPECT_EQ(generateCode(zeros, 6), "000000");
    common::SecureRandom& random = common::SecureRandom::instance();
    std::map<char, int> seen;
    for (int i = 0; i < 2000; ++i) {
        const auto code = generateCode(random, 6);
        ASSERT_TRUE(wellFormedCode(code, 6)) << code;
        for (char c : code) {
            ++seen[c];
        }
    }
    // 12,000 digits: each of the ten appears about 1,200 times.
    ASSERT_EQ(seen.size(), 10U);
    for (const auto& [digit, count] : seen) {
        EXPECT_GT(count, 900) << digit;
        EXPECT_LT(count, 1500) << digit;
    }
}

TEST(WellFormedCode, OnlyExactlySixAsciiDigits) {
    EXPECT_TRUE(wellFormedCode("012345", 6));
    EXPECT_FALSE(wellFormedCode("12345", 6));
    EXPECT_FALSE(wellFormedCode("1234567", 6));
    EXPECT_FALSE(wellFormedCode("12345a", 6));
    EXPECT_FALSE(wellFormedCode(" 12345", 6));
    EXPECT_FALSE(wellFormedCode("", 6));
}

TEST(ConstantTimeEquals, ComparesWholeStrings) {
    EXPECT_TRUE(constantTimeEquals("abcdef", "abcdef"));
    EXPECT_TRUE(constantTimeEquals("", ""));
    EXPECT_FALSE(constantTimeEquals("abcdef", "abcdeg"));
    EXPECT_FALSE(constantTimeEquals("abcdef", "bbcdef"));
    EXPECT_FALSE(constantTimeEquals("abcdef", "abcde"));
    EXPECT_FALSE(constantTimeEquals("abc", std::string_view("abc\0", 4)));
    EXPECT_FALSE(constantTimeEquals(std::string_view("abc\0", 4), "abc"));
}

TEST(CodePurpose, RoundTripsThroughItsName) {
    for (auto p : {CodePurpose::Register, CodePurpose::Login, CodePurpose::ChangeContact,
                   CodePurpose::EnterpriseVerification, CodePurpose::GuardianConsent}) {
        EXPECT_EQ(parseCodePurpose(toString(p)), p);
    }
    EXPECT_FALSE(parseCodePurpose("other").has_value());
}

}  // namespace
}  // namespace vp::domain::accounts
