#include "domain/meetings/meeting.hpp"

#include <gtest/gtest.h>

namespace vp::domain::meetings {
namespace {

using namespace std::chrono_literals;

const TimePoint kNow{std::chrono::seconds{1'800'000'000}};

TEST(ScheduleRulesTest, Subject) {
    const ScheduleRules rules;
    EXPECT_TRUE(validateSubject("Weekly sync", rules));
    EXPECT_TRUE(validateSubject(std::string(200, 'a'), rules));
    EXPECT_EQ(validateSubject("   ", rules).error().code, "invalid_subject");
    EXPECT_EQ(validateSubject(std::string(201, 'a'), rules).error().code, "invalid_subject");
    EXPECT_EQ(validateSubject("two\nlines", rules).error().code, "invalid_subject");
    EXPECT_EQ(trimmed("  Sync  "), "Sync");
}

TEST(ScheduleRulesTest, Duration) {
    const ScheduleRules rules;
    EXPECT_TRUE(validateDuration(5min, rules));
    EXPECT_TRUE(validateDuration(24h, rules));
    EXPECT_EQ(validateDuration(4min, rules).error().code, "invalid_duration");
    EXPECT_EQ(validateDuration(24h + 1min, rules).error().code, "invalid_duration");
}

TEST(ScheduleRulesTest, StartMayNotLieInThePastOrMoreThanAYearAhead) {
    const ScheduleRules rules;
    EXPECT_TRUE(validateStart(kNow + 1h, kNow, rules));
    EXPECT_TRUE(validateStart(kNow - 4min, kNow, rules));
    EXPECT_EQ(validateStart(kNow - 6min, kNow, rules).error().code, "invalid_start");
    EXPECT_TRUE(validateStart(kNow + std::chrono::days{366}, kNow, rules));
    EXPECT_EQ(validateStart(kNow + std::chrono::days{367}, kNow, rules).error().code,
              "invalid_start");
}

TEST(ScheduleRulesTest, PasscodeAndGuestName) {
    const ScheduleRules rules;
    EXPECT_TRUE(validatePasscode("4821", rules));
    EXPECT_TRUE(validatePasscode("s3cr#t!X", rules));
    EXPECT_EQ(validatePasscode("123", rules).error().code, "invalid_passcode");
    EXPECT_EQ(validatePasscode("has space", rules).error().code, "invalid_passcode");
    EXPECT_EQ(validatePasscode(std::string(33, '1'), rules).error().code, "invalid_passcode");
    EXPECT_EQ(validatePasscode("caf\xc3\xa9", rules).error().code, "invalid_passcode");
    EXPECT_TRUE(validateGuestName("Zoë Guest", rules));
    EXPECT_EQ(validateGuestName("", rules).error().code, "invalid_guest_name");
    EXPECT_EQ(validateGuestName(std::string(65, 'g'), rules).error().code, "invalid_guest_name");
    EXPECT_EQ(validateGuestName("a\tb", rules).error().code, "invalid_guest_name");
}

TEST(MeetingStateTest, PastAndJoinable) {
    const ScheduleRules rules;
    Meeting m;
    m.startsAt = kNow;
    m.duration = 60min;
    EXPECT_FALSE(isPast(m, kNow + 59min));
    EXPECT_TRUE(isPast(m, kNow + 60min));
    EXPECT_TRUE(checkJoinable(m, kNow + 2h, rules));  // running over is fine
    EXPECT_EQ(checkJoinable(m, kNow + 1h + 12h + 1s, rules).error().code, "meeting_ended");
    m.status = MeetingStatus::Ended;
    EXPECT_TRUE(isPast(m, kNow));
    EXPECT_EQ(checkJoinable(m, kNow, rules).error().code, "meeting_ended");
    m.status = MeetingStatus::Cancelled;
    EXPECT_EQ(checkJoinable(m, kNow, rules).error().code, "meeting_cancelled");
}

TEST(MeetingStateTest, NamesRoundTrip) {
    for (auto s : {MeetingStatus::Scheduled, MeetingStatus::Ended, MeetingStatus::Cancelled}) {
        EXPECT_EQ(parseMeetingStatus(toString(s)), s);
    }
    EXPECT_EQ(parseMeetingKind("instant"), MeetingKind::Instant);
    EXPECT_EQ(parseMeetingKind("scheduled"), MeetingKind::Scheduled);
    EXPECT_FALSE(parseMeetingKind("weekly"));
    EXPECT_FALSE(parseMeetingStatus("running"));
}

}  // namespace
}  // namespace vp::domain::meetings
