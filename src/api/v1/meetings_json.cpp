#include "api/v1/meetings_json.hpp"

#include <charconv>
#include <ctime>
#include <map>
#include <set>

#include "api/v1/json_body.hpp"
#include "api/v1/route_support.hpp"
#include "domain/meetings/meeting_id.hpp"

namespace vp::api::v1 {
namespace {

using services::meetings::MeetingChanges;
using services::meetings::MeetingDraft;

common::Error badStart() {
    return common::makeError("invalid_start",
                             "startsAt must be an ISO 8601 time like 2026-01-15T08:30:00Z");
}

bool readInt(std::string_view text, int& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

common::Result<std::optional<std::chrono::minutes>> optionalMinutes(const boost::json::object& o) {
    const auto* v = o.if_contains("durationMinutes");
    if (!v || v->is_null()) {
        return std::optional<std::chrono::minutes>{};
    }
    if (!v->is_int64()) {
        return common::makeError("invalid_duration", "durationMinutes must be a whole number");
    }
    return std::optional<std::chrono::minutes>(std::chrono::minutes{v->as_int64()});
}

common::Result<std::optional<bool>> maybeBool(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
        return std::optional<bool>{};
    }
    if (!v->is_bool()) {
        return common::makeError("bad_request", std::string(key) + " must be true or false");
    }
    return std::optional<bool>(v->as_bool());
}

common::Result<std::optional<domain::meetings::TimePoint>> optionalStart(
    const boost::json::object& o) {
    auto text = optionalString(o, "startsAt", 64);
    if (!text) {
        return text.error();
    }
    if (!*text) {
        return std::optional<domain::meetings::TimePoint>{};
    }
    auto t = parseIsoTime(**text);
    if (!t) {
        return t.error();
    }
    return std::optional<domain::meetings::TimePoint>(*t);
}

boost::json::value timeOrNull(const std::optional<domain::meetings::TimePoint>& t) {
    return t ? boost::json::value(isoTime(*t)) : boost::json::value(nullptr);
}

}  // namespace

common::Result<domain::meetings::TimePoint> parseIsoTime(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS then Z or ±HH:MM.
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':') {
        return badStart();
    }
    std::tm tm{};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readInt(text.substr(0, 4), year) || !readInt(text.substr(5, 2), month) ||
        !readInt(text.substr(8, 2), day) || !readInt(text.substr(11, 2), hour) ||
        !readInt(text.substr(14, 2), minute) || !readInt(text.substr(17, 2), second) ||
        year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
        minute > 59 || second > 60) {
        return badStart();
    }
    std::string_view zone = text.substr(19);
    if (zone.starts_with('.')) {  // fractions of a second are ignored
        const auto end = zone.find_first_not_of("0123456789", 1);
        zone = end == std::string_view::npos ? std::string_view{} : zone.substr(end);
    }
    int offsetMinutes = 0;
    if (zone != "Z") {
        int hours = 0, minutes = 0;
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
            !readInt(zone.substr(1, 2), hours) || !readInt(zone.substr(4, 2), minutes) ||
            hours > 23 || minutes > 59) {
            return badStart();
        }
        offsetMinutes = (zone[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
    }
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    const std::time_t utc = timegm(&tm);
    return std::chrono::system_clock::from_time_t(utc) - std::chrono::minutes{offsetMinutes};
}

common::Result<MeetingDraft> meetingDraftFrom(const boost::json::object& o) {
    MeetingDraft draft;
    auto subject = requiredString(o, "subject", 1024);
    auto kind = optionalString(o, "kind", 16);
    auto start = optionalStart(o);
    auto duration = optionalMinutes(o);
    auto passcode = optionalString(o, "passcode", 64);
    auto waiting = optionalBool(o, "waitingRoom", false);
    auto guests = optionalBool(o, "guestsAllowed", true);
    for (const common::Status& s : {subject ? common::Status{} : common::Status{subject.error()},
                                    kind ? common::Status{} : common::Status{kind.error()},
                                    start ? common::Status{} : common::Status{start.error()},
                                    duration ? common::Status{} : common::Status{duration.error()},
                                    passcode ? common::Status{} : common::Status{passcode.error()},
                                    waiting ? common::Status{} : common::Status{waiting.error()},
                                    guests ? common::Status{} : common::Status{guests.error()}}) {
        if (!s) {
            return s.error();
        }
    }
    draft.subject = std::move(*subject);
    if (*kind) {
        auto parsed = domain::meetings::parseMeetingKind(**kind);
        if (!parsed) {
            return common::makeError("bad_request", "kind must be \"instant\" or \"scheduled\"");
        }
        draft.kind = *parsed;
    } else {
        draft.kind = *start ? domain::meetings::MeetingKind::Scheduled
                            : domain::meetings::MeetingKind::Instant;
    }
    draft.startsAt = *start;
    draft.duration = duration->value_or(std::chrono::minutes{60});
    draft.passcode = std::move(*passcode);
    draft.waitingRoom = *waiting;
    draft.guestsAllowed = *guests;
    return draft;
}

common::Result<MeetingChanges> meetingChangesFrom(const boost::json::object& o) {
    static const std::set<std::string_view> kKnown{"subject",  "startsAt",    "durationMinutes",
                                                   "passcode", "waitingRoom", "guestsAllowed"};
    for (const auto& [key, value] : o) {
        if (!kKnown.contains(std::string_view(key))) {
            return common::makeError("bad_request", "unknown field '" + std::string(key) + "'");
        }
    }
    MeetingChanges changes;
    auto subject = optionalString(o, "subject", 1024);
    auto start = optionalStart(o);
    auto duration = optionalMinutes(o);
    auto waiting = maybeBool(o, "waitingRoom");
    auto guests = maybeBool(o, "guestsAllowed");
    if (!subject || !start || !duration || !waiting || !guests) {
        return !subject    ? subject.error()
               : !start    ? start.error()
               : !duration ? duration.error()
               : !waiting  ? waiting.error()
                           : guests.error();
    }
    changes.subject = std::move(*subject);
    changes.startsAt = *start;
    changes.duration = *duration;
    changes.waitingRoom = *waiting;
    changes.guestsAllowed = *guests;
    if (o.contains("passcode")) {  // null clears it
        auto passcode = optionalString(o, "passcode", 64);
        if (!passcode) {
            return passcode.error();
        }
        changes.passcode = std::move(*passcode);
    }
    return changes;
}

boost::json::object meetingJson(const domain::meetings::Meeting& m, std::string_view hostName,
                                bool isCreator) {
    boost::json::object o;
    o["meetingId"] = m.meetingId;
    o["joinPath"] = domain::meetings::joinPath(m.meetingId);
    o["subject"] = m.subject;
    o["kind"] = toString(m.kind);
    o["startsAt"] = isoTime(m.startsAt);
    o["endsAt"] = isoTime(m.plannedEnd());
    o["durationMinutes"] = m.duration.count();
    o["hostName"] = hostName;
    o["passcodeRequired"] = m.passcodeHash.has_value();
    o["waitingRoom"] = m.waitingRoom;
    o["guestsAllowed"] = m.guestsAllowed;
    o["locked"] = m.locked;
    o["status"] = toString(m.status);
    o["isCreator"] = isCreator;
    return o;
}

boost::json::object joinGrantJson(const services::meetings::JoinGrant& grant) {
    boost::json::object o;
    o["joinToken"] = grant.token;
    o["expiresAt"] = isoTime(grant.claims.expiresAt);
    o["name"] = grant.claims.name;
    o["guest"] = !grant.claims.userId.has_value();
    o["host"] = grant.claims.host;
    o["waitingRoom"] = grant.claims.waiting;
    o["meeting"] = meetingJson(grant.meeting.meeting, grant.meeting.hostName, grant.claims.host);
    return o;
}

boost::json::object attendanceJson(const domain::meetings::AttendanceReport& report) {
    boost::json::object o;
    o["meeting"] = meetingJson(report.meeting, "", true);
    boost::json::array sessions;
    for (const auto& s : report.sessions) {
        sessions.push_back(boost::json::object{{"startedAt", isoTime(s.startedAt)},
                                               {"endedAt", timeOrNull(s.endedAt)}});
    }
    boost::json::array attendees;
    for (const auto& row : report.rows) {
        boost::json::object a;
        a["name"] = row.attendee.name;
        a["userId"] = row.attendee.userId ? boost::json::value(*row.attendee.userId)
                                          : boost::json::value(nullptr);
        a["guest"] = !row.attendee.userId.has_value();
        a["joinedAt"] = isoTime(row.joinedAt);
        a["exitedAt"] = timeOrNull(row.exitedAt);
        attendees.push_back(std::move(a));
    }
    o["sessions"] = std::move(sessions);
    o["attendance"] = std::move(attendees);
    return o;
}

Response meetingErrorResponse(const common::Error& error) {
    static const std::map<std::string_view, int, std::less<>> kStatus{
        {"invalid_subject", 400},     {"invalid_duration", 400},   {"invalid_start", 400},
        {"invalid_passcode", 400},    {"invalid_guest_name", 400}, {"meeting_not_found", 404},
        {"not_meeting_creator", 403}, {"guests_not_allowed", 403}, {"passcode_required", 403},
        {"wrong_passcode", 403},      {"meeting_locked", 403},     {"meeting_cancelled", 410},
        {"meeting_ended", 410},
    };
    auto it = kStatus.find(error.code);
    if (it == kStatus.end()) {
        return errorResponse(error);
    }
    return Response::error(it->second, error.code, error.message);
}

}  // namespace vp::api::v1
