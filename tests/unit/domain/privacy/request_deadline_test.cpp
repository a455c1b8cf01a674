#include "domain/privacy/request_deadline.hpp"

#include <gtest/gtest.h>

#include "domain/privacy/policy.hpp"

namespace vp::domain::privacy {
namespace {

std::chrono::system_clock::time_point at(std::string_view date, int hours = 0) {
    return parseDate(date).value() + std::chrono::hours{hours};
}

TEST(RequestDeadlineTest, FifteenWorkingDaysSkipWeekends) {
    // Received Monday 2026-03-02: 15 working days are 3 weeks; due at the end of Monday
    // 2026-03-23, i.e. overdue from Tuesday 00:00 UTC.
    EXPECT_EQ(requestDueAt(at("2026-03-02", 15), {}), at("2026-03-24"));
    // Received on a Saturday: counting starts on Monday.
    EXPECT_EQ(requestDueAt(at("2026-03-07", 9), {}), at("2026-03-28"));
}

TEST(RequestDeadlineTest, HolidaysMoveTheDeadlineAndWorkedWeekendsCount) {
    auto calendar = HolidayCalendar::parse("2026-10-01, 2026-10-02\n2026-10-05 +2026-10-10");
    ASSERT_TRUE(calendar);
    EXPECT_FALSE(calendar->isWorkingDay(std::chrono::floor<std::chrono::days>(at("2026-10-01"))));
    EXPECT_TRUE(calendar->isWorkingDay(std::chrono::floor<std::chrono::days>(at("2026-10-10"))));
    // Received Wednesday 2026-09-30. Without holidays: due end of Wednesday 2026-10-21.
    EXPECT_EQ(requestDueAt(at("2026-09-30"), {}), at("2026-10-22"));
    // Three holidays, one worked Saturday: two working days later.
    EXPECT_EQ(requestDueAt(at("2026-09-30"), *calendar), at("2026-10-24"));
}

TEST(RequestDeadlineTest, BadCalendarsAreRefused) {
    EXPECT_EQ(HolidayCalendar::parse("2026-13-01").error().code, "invalid_date");
    EXPECT_EQ(HolidayCalendar::parse("tomorrow").error().code, "invalid_date");
    EXPECT_TRUE(HolidayCalendar::parse(" , \n"));
}

}  // namespace
}  // namespace vp::domain::privacy
