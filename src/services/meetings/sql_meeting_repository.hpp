#pragma once
// Meetings, their sessions and attendance on either backend (tables meetings,
// meeting_sessions, meeting_attendance of migration 0006), in portable SQL.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/meetings/attendance.hpp"
#include "domain/meetings/meeting.hpp"
#include "storage/connection.hpp"

namespace vp::services::meetings {

using domain::meetings::Meeting;
using domain::meetings::TimePoint;

// A meeting with its creator's display name (for the details a participant sees).
struct MeetingRecord {
    Meeting meeting;
    std::string hostName;
};

class SqlMeetingRepository {
  public:
    explicit SqlMeetingRepository(storage::Connection& connection) : connection_(connection) {}

    // The new row id. Fails when meeting_id is taken (UNIQUE).
    common::Result<std::int64_t> insert(const Meeting& meeting);
    common::Result<bool> meetingIdTaken(const std::string& meetingId);
    common::Result<std::optional<MeetingRecord>> findByMeetingId(const std::string& meetingId);
    // The creator's meetings: upcoming (scheduled, planned end after now; soonest
    // first) or past (ended, cancelled or over; newest first), at most `limit`.
    common::Result<std::vector<Meeting>> listForCreator(std::int64_t creatorId, bool upcoming,
                                                        TimePoint now, std::size_t limit);
    // Writes subject, times, passcode hash, flags, status and updated_at.
    common::Status update(const Meeting& meeting);

    common::Result<std::int64_t> startSession(std::int64_t meetingRowId, TimePoint at);
    // Ends the open session and closes every open attendance row at `at`.
    common::Status endSessions(std::int64_t meetingRowId, TimePoint at);
    common::Result<std::optional<std::int64_t>> openSession(std::int64_t meetingRowId);

    common::Result<std::int64_t> insertAttendance(std::int64_t meetingRowId,
                                                  std::optional<std::int64_t> sessionId,
                                                  const domain::meetings::Attendee& attendee,
                                                  TimePoint at);
    // Sets exited_at of a still open row; false when none was open.
    common::Result<bool> closeAttendance(std::int64_t attendanceId, TimePoint at);
    common::Result<std::vector<domain::meetings::MeetingSession>> sessions(
        std::int64_t meetingRowId, std::size_t limit);
    common::Result<std::vector<domain::meetings::AttendanceRow>> attendance(
        std::int64_t meetingRowId, std::size_t limit);

  private:
    storage::Connection& connection_;
};

}  // namespace vp::services::meetings
