#include "domain/privacy/request_deadline.hpp"

#include "domain/privacy/policy.hpp"

namespace vp::domain::privacy {

using std::chrono::days;
using std::chrono::sys_days;

common::Result<HolidayCalendar> HolidayCalendar::parse(std::string_view text) {
    std::set<sys_days> holidays;
    std::set<sys_days> working;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto start = text.find_first_not_of(", \t\r\n", i);
        if (start == std::string_view::npos) {
            break;
        }
        auto end = text.find_first_of(", \t\r\n", start);
        end = end == std::string_view::npos ? text.size() : end;
        auto token = text.substr(start, end - start);
        const bool worked = token.starts_with('+');
        auto date = parseDate(worked ? token.substr(1) : token);
        if (!date) {
            return common::makeError("invalid_date", "holiday calendar: '" + std::string(token) +
                                                         "' is not a date (YYYY-MM-DD)");
        }
        (worked ? working : holidays).insert(std::chrono::floor<days>(*date));
        i = end;
    }
    return HolidayCalendar(std::move(holidays), std::move(working));
}

bool HolidayCalendar::isWorkingDay(sys_days day) const {
    if (workingWeekends_.contains(day)) {
        return true;
    }
    const std::chrono::weekday wd{day};
    if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) {
        return false;
    }
    return !holidays_.contains(day);
}

std::chrono::system_clock::time_point requestDueAt(std::chrono::system_clock::time_point received,
                                                   const HolidayCalendar& calendar,
                                                   int workingDays) {
    sys_days day = std::chrono::floor<days>(received);
    int counted = 0;
    // Bounded: a calendar cannot hold more than a few years of holidays in a row.
    for (int guard = 0; counted < workingDays && guard < 3660; ++guard) {
        day += days{1};
        if (calendar.isWorkingDay(day)) {
            ++counted;
        }
    }
    return day + days{1};
}

}  // namespace vp::domain::privacy
