#include "domain/meetings/attendance.hpp"

#include <ctime>

namespace vp::domain::meetings {

std::string csvCell(std::string_view value) {
    std::string cell;
    if (!value.empty() &&
        (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
         value.front() == '@' || value.front() == '\t' || value.front() == '\r')) {
        cell.push_back('\'');
    }
    cell.append(value);
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        return cell;
    }
    std::string quoted = "\"";
    for (const char c : cell) {
        quoted.push_back(c);
        if (c == '"') {
            quoted.push_back('"');
        }
    }
    quoted.push_back('"');
    return quoted;
}

std::string isoUtc(TimePoint t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    const auto n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return std::string(text, n);
}

std::string attendanceCsv(const AttendanceReport& report) {
    std::string out = "meeting_id,subject,name,attendee_type,joined_at,exited_at,minutes\r\n";
    for (const auto& row : report.rows) {
        const std::string minutes =
            row.exitedAt ? std::to_string(std::chrono::duration_cast<std::chrono::minutes>(
                                              *row.exitedAt - row.joinedAt)
                                              .count())
                         : std::string{};
        out += csvCell(report.meeting.meetingId) + ',' + csvCell(report.meeting.subject) + ',' +
               csvCell(row.attendee.name) + ',' + (row.attendee.userId ? "user" : "guest") + ',' +
               isoUtc(row.joinedAt) + ',' + (row.exitedAt ? isoUtc(*row.exitedAt) : "") + ',' +
               minutes + "\r\n";
    }
    return out;
}

}  // namespace vp::domain::meetings
