// Joining a meeting (passcode, guests, lock, state -> a signed join token) and the
// attendance record the room runtime keeps.
#include "domain/meetings/meeting_id.hpp"
#include "services/meetings/meetings.hpp"

namespace vp::services::meetings {
namespace {

using domain::meetings::MeetingStatus;

common::Error stayNotFound() {
    return common::makeError("attendance_not_found", "no open stay with this id");
}

}  // namespace

common::Status Meetings::checkPasscode(const Meeting& meeting, const Joiner& joiner) {
    if (!meeting.passcodeHash || joiner.userId == meeting.creatorId) {
        return {};
    }
    const std::string ipKey = "ip:" + joiner.clientIp;
    if (auto refused = throttled(ipKey, meeting.meetingId); !refused) {
        return refused;
    }
    if (!joiner.passcode || joiner.passcode->empty()) {
        return common::makeError("passcode_required", "this meeting needs its passcode");
    }
    if (joiner.passcode->size() > options_.rules.maxPasscodeBytes ||
        !passcodes_.verify(*meeting.passcodeHash, meeting.meetingId, *joiner.passcode)) {
        recordFailure(ipKey, meeting.meetingId);
        return common::makeError("wrong_passcode",
                                 "the passcode is wrong; ask the host for the right one");
    }
    return {};
}

common::Result<JoinGrant> Meetings::join(storage::Connection& c, std::string_view meetingId,
                                         const Joiner& joiner) {
    auto record = find(c, meetingId, joiner.clientIp);
    if (!record) {
        return record.error();
    }
    const Meeting& m = record->meeting;
    const auto now = clock_.now();
    if (auto open = domain::meetings::checkJoinable(m, now, options_.rules); !open) {
        return open.error();
    }
    const bool host = joiner.userId && *joiner.userId == m.creatorId;
    JoinClaims claims;
    claims.meetingId = m.meetingId;
    if (joiner.userId) {
        claims.userId = joiner.userId;
        claims.name = joiner.userName;
    } else {
        if (!m.guestsAllowed) {
            return common::makeError("guests_not_allowed",
                                     "this meeting is for signed-in users only; sign in to join");
        }
        if (!joiner.guestName) {
            return common::makeError("invalid_guest_name", "enter your name to join as a guest");
        }
        if (auto valid = domain::meetings::validateGuestName(*joiner.guestName, options_.rules);
            !valid) {
            return valid.error();
        }
        claims.name = domain::meetings::trimmed(*joiner.guestName);
    }
    if (m.locked && !host) {
        return common::makeError("meeting_locked", "the host has locked this meeting");
    }
    if (auto passcode = checkPasscode(m, joiner); !passcode) {
        return passcode.error();
    }
    claims.host = host;
    claims.waiting = m.waitingRoom && !host;
    claims.expiresAt = now + options_.joinTokenLifetime;
    JoinGrant grant;
    grant.token = tokens_.sign(claims);
    grant.claims = std::move(claims);
    grant.meeting = std::move(*record);
    return grant;
}

common::Result<std::int64_t> Meetings::meetingStarted(storage::Connection& c,
                                                      std::string_view meetingId,
                                                      std::optional<TimePoint> at) {
    auto record = load(c, meetingId);
    if (!record) {
        return record.error();
    }
    SqlMeetingRepository repository(c);
    auto open = repository.openSession(record->meeting.id);
    if (!open) {
        return open.error();
    }
    if (*open) {
        return **open;
    }
    return repository.startSession(record->meeting.id, at.value_or(clock_.now()));
}

common::Status Meetings::meetingEnded(storage::Connection& c, std::string_view meetingId,
                                      std::optional<TimePoint> at) {
    return closeSessions(c, meetingId, /*end=*/true, at.value_or(clock_.now()));
}

common::Status Meetings::sessionClosed(storage::Connection& c, std::string_view meetingId,
                                       std::optional<TimePoint> at) {
    return closeSessions(c, meetingId, /*end=*/false, at.value_or(clock_.now()));
}

common::Status Meetings::closeSessions(storage::Connection& c, std::string_view meetingId, bool end,
                                       TimePoint now) {
    auto record = load(c, meetingId);
    if (!record) {
        return record.error();
    }
    auto transaction = storage::Transaction::begin(c);
    if (!transaction) {
        return transaction.error();
    }
    SqlMeetingRepository repository(c);
    if (auto ended = repository.endSessions(record->meeting.id, now); !ended) {
        return ended;
    }
    Meeting m = record->meeting;
    const bool ending = end && m.status == MeetingStatus::Scheduled;
    if (ending || m.locked) {
        m.status = ending ? MeetingStatus::Ended : m.status;
        m.locked = false;
        m.updatedAt = now;
        if (auto saved = repository.update(m); !saved) {
            return saved;
        }
    }
    return transaction->commit();
}

common::Result<std::int64_t> Meetings::recordJoin(storage::Connection& c,
                                                  std::string_view meetingId,
                                                  const Attendee& attendee,
                                                  std::optional<TimePoint> at) {
    auto record = load(c, meetingId);
    if (!record) {
        return record.error();
    }
    const TimePoint now = at.value_or(clock_.now());
    auto session = meetingStarted(c, meetingId, now);
    if (!session) {
        return session.error();
    }
    Attendee clean = attendee;
    clean.name = domain::meetings::trimmed(attendee.name).substr(0, 200);
    return SqlMeetingRepository(c).insertAttendance(record->meeting.id, *session, clean, now);
}

common::Status Meetings::recordExit(storage::Connection& c, std::int64_t attendanceId,
                                    std::optional<TimePoint> at) {
    auto closed = SqlMeetingRepository(c).closeAttendance(attendanceId, at.value_or(clock_.now()));
    if (!closed) {
        return closed.error();
    }
    return *closed ? common::Status{} : common::Status{stayNotFound()};
}

common::Status Meetings::setLocked(storage::Connection& c, std::string_view meetingId,
                                   bool locked) {
    auto record = load(c, meetingId);
    if (!record) {
        return record.error();
    }
    Meeting m = record->meeting;
    m.locked = locked;
    m.updatedAt = clock_.now();
    return SqlMeetingRepository(c).update(m);
}

common::Result<MeetingRecord> Meetings::openLive(storage::Connection& c, std::string_view meetingId,
                                                 std::optional<TimePoint> at) {
    auto record = load(c, meetingId);
    if (!record) {
        return record.error();
    }
    const TimePoint now = at.value_or(clock_.now());
    if (auto open = domain::meetings::checkJoinable(record->meeting, now, options_.rules); !open) {
        return open.error();
    }
    if (auto session = meetingStarted(c, meetingId, now); !session) {
        return session.error();
    }
    return record;
}

common::Result<domain::meetings::AttendanceReport> Meetings::attendance(
    storage::Connection& c, std::int64_t userId, std::string_view meetingId) {
    auto record = loadOwned(c, userId, meetingId);
    if (!record) {
        return record.error();
    }
    SqlMeetingRepository repository(c);
    domain::meetings::AttendanceReport report;
    report.meeting = record->meeting;
    auto sessions = repository.sessions(report.meeting.id, options_.maxAttendanceRows);
    if (!sessions) {
        return sessions.error();
    }
    auto rows = repository.attendance(report.meeting.id, options_.maxAttendanceRows);
    if (!rows) {
        return rows.error();
    }
    report.sessions = std::move(*sessions);
    report.rows = std::move(*rows);
    return report;
}

}  // namespace vp::services::meetings
