#include "services/meetings/sql_meeting_repository.hpp"

#include "common/clock.hpp"

namespace vp::services::meetings {
namespace {

using storage::Row;
using storage::SqlNull;
using storage::SqlValue;

constexpr std::string_view kColumns =
    "SELECT m.id, m.meeting_id, m.creator_id, m.subject, m.kind, m.starts_at, "
    "m.duration_minutes, m.passcode_hash, m.waiting_room, m.guests_allowed, m.locked, "
    "m.status, m.created_at, m.updated_at, u.display_name FROM meetings m "
    "JOIN users u ON u.id = m.creator_id ";

common::Error badRow(std::string_view table) {
    return common::makeError("storage.type",
                             std::string(table) + " holds a row of unexpected shape");
}

std::int64_t flag(bool value) {
    return value ? 1 : 0;
}

SqlValue millis(TimePoint t) {
    return common::toUnixMillis(t);
}

std::optional<TimePoint> optionalTime(const Row& row, std::size_t column) {
    auto value = storage::getInt(row, column);
    return value ? std::optional<TimePoint>(common::fromUnixMillis(*value)) : std::nullopt;
}

common::Result<MeetingRecord> toRecord(const Row& row) {
    auto id = storage::getInt(row, 0);
    auto meetingId = storage::getText(row, 1);
    auto creator = storage::getInt(row, 2);
    auto subject = storage::getText(row, 3);
    auto kind = storage::getText(row, 4);
    auto starts = storage::getInt(row, 5);
    auto duration = storage::getInt(row, 6);
    auto waiting = storage::getInt(row, 8);
    auto guests = storage::getInt(row, 9);
    auto locked = storage::getInt(row, 10);
    auto status = storage::getText(row, 11);
    auto created = storage::getInt(row, 12);
    auto updated = storage::getInt(row, 13);
    auto host = storage::getText(row, 14);
    if (!id || !meetingId || !creator || !subject || !kind || !starts || !duration || !waiting ||
        !guests || !locked || !status || !created || !updated || !host) {
        return badRow("meetings");
    }
    const auto parsedKind = domain::meetings::parseMeetingKind(*kind);
    const auto parsedStatus = domain::meetings::parseMeetingStatus(*status);
    if (!parsedKind || !parsedStatus) {
        return badRow("meetings");
    }
    MeetingRecord record;
    Meeting& m = record.meeting;
    m.id = *id;
    m.meetingId = std::move(*meetingId);
    m.creatorId = *creator;
    m.subject = std::move(*subject);
    m.kind = *parsedKind;
    m.startsAt = common::fromUnixMillis(*starts);
    m.duration = std::chrono::minutes{*duration};
    if (auto hash = storage::getText(row, 7)) {
        m.passcodeHash = std::move(*hash);
    }
    m.waitingRoom = *waiting != 0;
    m.guestsAllowed = *guests != 0;
    m.locked = *locked != 0;
    m.status = *parsedStatus;
    m.createdAt = common::fromUnixMillis(*created);
    m.updatedAt = common::fromUnixMillis(*updated);
    record.hostName = std::move(*host);
    return record;
}

common::Result<std::vector<MeetingRecord>> queryRecords(storage::Connection& c,
                                                        const std::string& sql,
                                                        const std::vector<SqlValue>& params) {
    auto rows = c.query(sql, params);
    if (!rows) {
        return rows.error();
    }
    std::vector<MeetingRecord> out;
    for (const auto& row : *rows) {
        auto record = toRecord(row);
        if (!record) {
            return record.error();
        }
        out.push_back(std::move(*record));
    }
    return out;
}

common::Result<std::int64_t> insertReturningId(storage::Connection& c, std::string_view sql,
                                               const std::vector<SqlValue>& params,
                                               std::string_view table) {
    auto rows = c.query(sql, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->size() != 1) {
        return badRow(table);
    }
    return storage::getInt(rows->front(), 0);
}

}  // namespace

common::Result<std::int64_t> SqlMeetingRepository::insert(const Meeting& m) {
    return insertReturningId(
        connection_,
        "INSERT INTO meetings (meeting_id, creator_id, subject, kind, starts_at, "
        "duration_minutes, passcode_hash, waiting_room, guests_allowed, locked, status, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {m.meetingId, m.creatorId, m.subject, std::string(toString(m.kind)), millis(m.startsAt),
         std::int64_t{m.duration.count()},
         m.passcodeHash ? SqlValue{*m.passcodeHash} : SqlValue{SqlNull{}}, flag(m.waitingRoom),
         flag(m.guestsAllowed), flag(m.locked), std::string(toString(m.status)),
         millis(m.createdAt), millis(m.updatedAt)},
        "meetings");
}

common::Result<bool> SqlMeetingRepository::meetingIdTaken(const std::string& meetingId) {
    auto rows = connection_.query("SELECT id FROM meetings WHERE meeting_id = ?", {meetingId});
    if (!rows) {
        return rows.error();
    }
    return !rows->empty();
}

common::Result<std::optional<MeetingRecord>> SqlMeetingRepository::findByMeetingId(
    const std::string& meetingId) {
    auto records =
        queryRecords(connection_, std::string(kColumns) + "WHERE m.meeting_id = ?", {meetingId});
    if (!records) {
        return records.error();
    }
    if (records->empty()) {
        return std::optional<MeetingRecord>{};
    }
    return std::optional<MeetingRecord>(std::move(records->front()));
}

common::Result<std::vector<Meeting>> SqlMeetingRepository::listForCreator(std::int64_t creatorId,
                                                                          bool upcoming,
                                                                          TimePoint now,
                                                                          std::size_t limit) {
    // starts_at + duration_minutes * 60000 is the planned end, in milliseconds.
    const std::string where =
        upcoming ? "WHERE m.creator_id = ? AND m.status = 'scheduled' AND "
                   "m.starts_at + m.duration_minutes * 60000 > ? ORDER BY m.starts_at ASC, m.id "
                 : "WHERE m.creator_id = ? AND (m.status <> 'scheduled' OR "
                   "m.starts_at + m.duration_minutes * 60000 <= ?) ORDER BY m.starts_at DESC, "
                   "m.id DESC ";
    auto records = queryRecords(connection_, std::string(kColumns) + where + "LIMIT ?",
                                {creatorId, millis(now), static_cast<std::int64_t>(limit)});
    if (!records) {
        return records.error();
    }
    std::vector<Meeting> out;
    for (auto& r : *records) {
        out.push_back(std::move(r.meeting));
    }
    return out;
}

common::Status SqlMeetingRepository::update(const Meeting& m) {
    return connection_.execute(
        "UPDATE meetings SET subject = ?, starts_at = ?, duration_minutes = ?, passcode_hash = ?, "
        "waiting_room = ?, guests_allowed = ?, locked = ?, status = ?, updated_at = ? "
        "WHERE id = ?",
        {m.subject, millis(m.startsAt), std::int64_t{m.duration.count()},
         m.passcodeHash ? SqlValue{*m.passcodeHash} : SqlValue{SqlNull{}}, flag(m.waitingRoom),
         flag(m.guestsAllowed), flag(m.locked), std::string(toString(m.status)),
         millis(m.updatedAt), m.id});
}

common::Result<std::int64_t> SqlMeetingRepository::startSession(std::int64_t meetingRowId,
                                                                TimePoint at) {
    return insertReturningId(
        connection_,
        "INSERT INTO meeting_sessions (meeting_id, started_at) VALUES (?, ?) RETURNING id",
        {meetingRowId, millis(at)}, "meeting_sessions");
}

common::Status SqlMeetingRepository::endSessions(std::int64_t meetingRowId, TimePoint at) {
    if (auto ended = connection_.execute(
            "UPDATE meeting_sessions SET ended_at = ? WHERE meeting_id = ? AND ended_at IS NULL",
            {millis(at), meetingRowId});
        !ended) {
        return ended;
    }
    return connection_.execute(
        "UPDATE meeting_attendance SET exited_at = ? WHERE meeting_id = ? AND exited_at IS NULL",
        {millis(at), meetingRowId});
}

common::Result<std::optional<std::int64_t>> SqlMeetingRepository::openSession(
    std::int64_t meetingRowId) {
    auto rows = connection_.query(
        "SELECT id FROM meeting_sessions WHERE meeting_id = ? AND ended_at IS NULL "
        "ORDER BY id DESC LIMIT 1",
        {meetingRowId});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<std::int64_t>{};
    }
    auto id = storage::getInt(rows->front(), 0);
    if (!id) {
        return id.error();
    }
    return std::optional<std::int64_t>(*id);
}

common::Result<std::int64_t> SqlMeetingRepository::insertAttendance(
    std::int64_t meetingRowId, std::optional<std::int64_t> sessionId,
    const domain::meetings::Attendee& attendee, TimePoint at) {
    return insertReturningId(
        connection_,
        "INSERT INTO meeting_attendance (meeting_id, session_id, user_id, display_name, "
        "joined_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        {meetingRowId, sessionId ? SqlValue{*sessionId} : SqlValue{SqlNull{}},
         attendee.userId ? SqlValue{*attendee.userId} : SqlValue{SqlNull{}}, attendee.name,
         millis(at)},
        "meeting_attendance");
}

common::Result<bool> SqlMeetingRepository::closeAttendance(std::int64_t attendanceId,
                                                           TimePoint at) {
    auto changed = connection_.executeChanges(
        "UPDATE meeting_attendance SET exited_at = ? WHERE id = ? AND exited_at IS NULL",
        {millis(at), attendanceId});
    if (!changed) {
        return changed.error();
    }
    return *changed > 0;
}

common::Result<std::vector<domain::meetings::MeetingSession>> SqlMeetingRepository::sessions(
    std::int64_t meetingRowId, std::size_t limit) {
    auto rows = connection_.query(
        "SELECT id, started_at, ended_at FROM meeting_sessions WHERE meeting_id = ? "
        "ORDER BY started_at, id LIMIT ?",
        {meetingRowId, static_cast<std::int64_t>(limit)});
    if (!rows) {
        return rows.error();
    }
    std::vector<domain::meetings::MeetingSession> out;
    for (const auto& row : *rows) {
        auto id = storage::getInt(row, 0);
        auto started = storage::getInt(row, 1);
        if (!id || !started) {
            return badRow("meeting_sessions");
        }
        out.push_back({*id, common::fromUnixMillis(*started), optionalTime(row, 2)});
    }
    return out;
}

common::Result<std::vector<domain::meetings::AttendanceRow>> SqlMeetingRepository::attendance(
    std::int64_t meetingRowId, std::size_t limit) {
    auto rows = connection_.query(
        "SELECT id, user_id, display_name, joined_at, exited_at FROM meeting_attendance "
        "WHERE meeting_id = ? ORDER BY joined_at, id LIMIT ?",
        {meetingRowId, static_cast<std::int64_t>(limit)});
    if (!rows) {
        return rows.error();
    }
    std::vector<domain::meetings::AttendanceRow> out;
    for (const auto& row : *rows) {
        auto id = storage::getInt(row, 0);
        auto name = storage::getText(row, 2);
        auto joined = storage::getInt(row, 3);
        if (!id || !name || !joined) {
            return badRow("meeting_attendance");
        }
        domain::meetings::AttendanceRow r;
        r.id = *id;
        if (auto user = storage::getInt(row, 1)) {
            r.attendee.userId = *user;
        }
        r.attendee.name = std::move(*name);
        r.joinedAt = common::fromUnixMillis(*joined);
        r.exitedAt = optionalTime(row, 4);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace vp::services::meetings
