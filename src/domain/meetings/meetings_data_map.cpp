#include "domain/meetings/meetings_data_map.hpp"

namespace vp::domain::meetings {
namespace {

using privacy::notPersonalColumn;
using privacy::personalColumn;
using privacy::PersonalData;
using privacy::Retention;

// Meetings and their records live as long as the creator's account (R-MEET-6:
// meeting history for creators) and are erased with it (ON DELETE CASCADE).
Retention creatorsHistory() {
    return {std::chrono::days{0}, std::nullopt,
            "kept while the meeting creator's account exists (meeting history, R-MEET-6); "
            "erased with it (R-PRIV-5)"};
}

}  // namespace

privacy::TableDeclaration meetingsTable() {
    const PersonalData owner{"meeting data", "run and list the creator's meetings (R-MEET-1)",
                             "creator_id", creatorsHistory(), false};
    return {"meetings",
            "Meetings: public ID, creator, subject, schedule, passcode hash, settings.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("meeting_id", "random public number of the meeting"),
                personalColumn("creator_id", owner),
                personalColumn("subject", owner),
                notPersonalColumn("kind", "instant or scheduled"),
                personalColumn("starts_at", owner),
                notPersonalColumn("duration_minutes", "planned length"),
                notPersonalColumn("passcode_hash",
                                  "keyed hash of the meeting passcode, about no person"),
                notPersonalColumn("waiting_room", "meeting setting"),
                notPersonalColumn("guests_allowed", "meeting setting"),
                notPersonalColumn("locked", "meeting state"),
                notPersonalColumn("status", "meeting state"),
                personalColumn("created_at", owner),
                notPersonalColumn("updated_at", "when the settings last changed"),
            }};
}

privacy::TableDeclaration meetingSessionsTable() {
    return {"meeting_sessions",
            "When a meeting actually ran (first join to end), R-MEET-5.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("meeting_id", "the meeting row"),
                notPersonalColumn("started_at", "when the meeting ran, about no person"),
                notPersonalColumn("ended_at", "when the meeting ended, about no person"),
            }};
}

privacy::TableDeclaration meetingAttendanceTable() {
    const PersonalData attendance{
        "meeting attendance",
        "show the meeting's creator who attended and when (R-MEET-5, R-MEET-6)", "user_id",
        creatorsHistory(), false};
    return {"meeting_attendance",
            "One row per stay of an attendee (user or named guest) in a meeting.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("meeting_id", "the meeting row"),
                notPersonalColumn("session_id", "the meeting session row"),
                personalColumn("user_id", attendance),
                personalColumn("display_name", attendance),
                personalColumn("joined_at", attendance),
                personalColumn("exited_at", attendance),
            }};
}

}  // namespace vp::domain::meetings
