#pragma once
// Deadlines of privacy requests (R-PRIV-6): answered within 15 working days of receipt.
// Working days are Monday to Friday except the holidays of a configurable calendar
// (public holidays), plus the make-up working days some calendars move onto a
// weekend. Pure: no I/O; dates are UTC calendar days.
#include <chrono>
#include <set>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace vp::domain::privacy {

inline constexpr int kRequestWorkingDays = 15;

class HolidayCalendar {
  public:
    HolidayCalendar() = default;
    HolidayCalendar(std::set<std::chrono::sys_days> holidays,
                    std::set<std::chrono::sys_days> workingWeekends)
        : holidays_(std::move(holidays)), workingWeekends_(std::move(workingWeekends)) {}

    // "2026-10-01, 2026-10-02, +2026-10-10": dates separated by commas or white space;
    // a leading '+' marks a weekend day that is worked. "invalid_date" otherwise.
    static common::Result<HolidayCalendar> parse(std::string_view text);

    bool isWorkingDay(std::chrono::sys_days day) const;

  private:
    std::set<std::chrono::sys_days> holidays_;
    std::set<std::chrono::sys_days> workingWeekends_;
};

// The end of the `workingDays`-th working day after the day of `received` (the day of
// receipt does not count): the request is overdue from then on.
std::chrono::system_clock::time_point requestDueAt(std::chrono::system_clock::time_point received,
                                                   const HolidayCalendar& calendar,
                                                   int workingDays = kRequestWorkingDays);

}  // namespace vp::domain::privacy
