#pragma once
// Attendance records (R-MEET-5, R-MEET-6): when a meeting actually ran (sessions)
// and when each attendee joined and left (one row per stay, so several per person
// who rejoins), and the CSV report of them for the meeting's creator.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/meetings/meeting.hpp"

namespace vp::domain::meetings {

// Who is in a meeting: a signed-in user (userId) or a named guest (no userId).
struct Attendee {
    std::optional<std::int64_t> userId;
    std::string name;  // display name of the user, or the guest's chosen name
};

struct MeetingSession {
    std::int64_t id = 0;
    TimePoint startedAt;
    std::optional<TimePoint> endedAt;
};

struct AttendanceRow {
    std::int64_t id = 0;
    Attendee attendee;
    TimePoint joinedAt;
    std::optional<TimePoint> exitedAt;  // none while still in the meeting
};

struct AttendanceReport {
    Meeting meeting;
    std::vector<MeetingSession> sessions;
    std::vector<AttendanceRow> rows;
};

// One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes
// doubled. A cell starting with = + - @ (or TAB/CR) gets a leading apostrophe so
// that spreadsheets do not run it as a formula.
std::string csvCell(std::string_view value);

// The report as CSV (CRLF line ends): a header, then one line per stay with meeting
// ID, subject, name, guest or user, join and exit times (ISO 8601 UTC) and minutes.
std::string attendanceCsv(const AttendanceReport& report);

// "2026-01-15T08:30:00Z".
std::string isoUtc(TimePoint t);

}  // namespace vp::domain::meetings
