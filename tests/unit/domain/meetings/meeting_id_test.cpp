#include "domain/meetings/meeting_id.hpp"

#include <gtest/gtest.h>

#include <set>

namespace vp::domain::meetings {
namespace {

// Deterministic bytes: the first draw of each digit can be steered.
class CountingRandom final : public common::Random {
  public:
    void fill(std::span<std::uint8_t> out) override {
        for (auto& b : out) {
            b = static_cast<std::uint8_t>(next_++);
        }
    }

  private:
    unsigned next_ = 0;
};

TEST(MeetingIdTest, HasTheAskedDigitsAndNoLeadingZero) {
    auto& random = common::SecureRandom::instance();
    for (std::size_t digits : {9u, 10u, 11u}) {
        for (int i = 0; i < 2000; ++i) {
            const auto id = newMeetingId(random, digits);
            ASSERT_EQ(id.size(), digits);
            ASSERT_NE(id.front(), '0') << id;
            ASSERT_TRUE(wellFormedMeetingId(id)) << id;
        }
    }
}

TEST(MeetingIdTest, LengthIsClampedToNineToEleven) {
    auto& random = common::SecureRandom::instance();
    EXPECT_EQ(newMeetingId(random, 3).size(), 9u);
    EXPECT_EQ(newMeetingId(random, 40).size(), 11u);
}

TEST(MeetingIdTest, ManyDrawsAreDistinctAndUseEveryDigit) {
    auto& random = common::SecureRandom::instance();
    std::set<std::string> seen;
    std::set<char> digits;
    for (int i = 0; i < 20000; ++i) {
        const auto id = newMeetingId(random);
        seen.insert(id);
        digits.insert(id.begin() + 1, id.end());
    }
    EXPECT_EQ(seen.size(), 20000u);  // 9e9 possible IDs: a clash here means a broken draw
    EXPECT_EQ(digits.size(), 10u);
}

TEST(MeetingIdTest, ConsecutiveIdsAreNotSequential) {
    CountingRandom counting;  // even a predictable source gives no +1 sequence
    const auto a = newMeetingId(counting);
    const auto b = newMeetingId(counting);
    EXPECT_NE(std::stoll(b) - std::stoll(a), 1);
    auto& random = common::SecureRandom::instance();
    int sequential = 0;
    auto previous = std::stoll(newMeetingId(random));
    for (int i = 0; i < 1000; ++i) {
        const auto next = std::stoll(newMeetingId(random));
        sequential += (next - previous == 1) ? 1 : 0;
        previous = next;
    }
    EXPECT_EQ(sequential, 0);
}

TEST(MeetingIdTest, WellFormedAndNormalized) {
    EXPECT_TRUE(wellFormedMeetingId("123456789"));
    EXPECT_TRUE(wellFormedMeetingId("12345678901"));
    EXPECT_FALSE(wellFormedMeetingId("12345678"));
    EXPECT_FALSE(wellFormedMeetingId("123456789012"));
    EXPECT_FALSE(wellFormedMeetingId("0123456789"));
    EXPECT_FALSE(wellFormedMeetingId("12345a789"));
    EXPECT_FALSE(wellFormedMeetingId(""));
    EXPECT_EQ(normalizeMeetingId("123 456 7890"), "1234567890");
    EXPECT_EQ(normalizeMeetingId("123-456-7890"), "1234567890");
    EXPECT_FALSE(normalizeMeetingId("123.456.7890"));
    EXPECT_FALSE(normalizeMeetingId(std::string(40, '1')));
    EXPECT_EQ(joinPath("1234567890"), "/j/1234567890");
}

}  // namespace
}  // namespace vp::domain::meetings
