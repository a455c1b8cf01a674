#pragma once
// JSON of the meetings API: meetings in, meetings, join grants and attendance out,
// and the HTTP status of each meetings error code.
#include <boost/json.hpp>
#include <optional>
#include <string_view>

#include "api/response.hpp"
#include "common/result.hpp"
#include "domain/meetings/attendance.hpp"
#include "services/meetings/meetings.hpp"

namespace vp::api::v1 {

// "2026-01-15T08:30:00Z" or with an offset ("…+02:00"); "invalid_start" otherwise.
common::Result<domain::meetings::TimePoint> parseIsoTime(std::string_view text);

common::Result<services::meetings::MeetingDraft> meetingDraftFrom(const boost::json::object& o);
common::Result<services::meetings::MeetingChanges> meetingChangesFrom(const boost::json::object& o);

// What anyone holding the meeting ID may see (never the passcode).
boost::json::object meetingJson(const domain::meetings::Meeting& m, std::string_view hostName,
                                bool isCreator);
boost::json::object joinGrantJson(const services::meetings::JoinGrant& grant);
boost::json::object attendanceJson(const domain::meetings::AttendanceReport& report);

// The answer for a meetings service error (400, 403, 404, 410, 429; else as the
// accounts routes answer).
Response meetingErrorResponse(const common::Error& error);

}  // namespace vp::api::v1
