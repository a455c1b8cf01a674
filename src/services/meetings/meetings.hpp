#pragma once
// Meetings (R-MEET-1, R-MEET-2, R-MEET-5, R-MEET-6): create, list, edit and cancel
// meetings; admit people by passcode, guest rule, lock and state into a signed join
// token; record when a meeting ran and who attended, for its creator only. Every
// method runs on the caller's connection (a DbPool thread) and is safe to call from
// several pool threads at once.
//
// Error codes (stable; the HTTP layer maps them): invalid_subject, invalid_duration,
// invalid_start, invalid_passcode, invalid_guest_name, meeting_not_found,
// not_meeting_creator, meeting_cancelled, meeting_ended, passcode_required,
// wrong_passcode, guests_not_allowed, meeting_locked, rate_limited,
// attendance_not_found; storage errors otherwise.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/accounts/attempt_limiter.hpp"
#include "domain/meetings/attendance.hpp"
#include "domain/meetings/meeting.hpp"
#include "services/meetings/join_tokens.hpp"
#include "services/meetings/meeting_keys.hpp"
#include "services/meetings/sql_meeting_repository.hpp"
#include "storage/connection.hpp"

namespace vp::services::meetings {

using domain::meetings::Attendee;
using domain::meetings::MeetingKind;

struct MeetingsOptions {
    domain::meetings::ScheduleRules rules;
    // Wrong passcodes and unknown meeting IDs, per client IP and per meeting.
    domain::accounts::AttemptLimit failuresPerIp{20, std::chrono::minutes{15}};
    domain::accounts::AttemptLimit failuresPerMeeting{50, std::chrono::minutes{15}};
    std::chrono::seconds joinTokenLifetime{120};
    std::size_t meetingIdDigits = 10;
    std::size_t maxListed = 200;
    std::size_t maxAttendanceRows = 10'000;
};

struct MeetingDraft {
    std::string subject;
    MeetingKind kind = MeetingKind::Instant;
    std::optional<TimePoint> startsAt;  // required for scheduled; now for instant
    std::chrono::minutes duration{60};
    std::optional<std::string> passcode;
    bool waitingRoom = false;
    bool guestsAllowed = true;
};

struct MeetingChanges {
    std::optional<std::string> subject;
    std::optional<TimePoint> startsAt;
    std::optional<std::chrono::minutes> duration;
    std::optional<std::optional<std::string>> passcode;  // set, or clear with nullopt inside
    std::optional<bool> waitingRoom;
    std::optional<bool> guestsAllowed;
};

enum class ListScope { Upcoming, Past };

struct Joiner {
    std::optional<std::int64_t> userId;  // a signed-in user…
    std::string userName;                // …and his display name
    std::optional<std::string> guestName;
    std::optional<std::string> passcode;
    std::string clientIp;
};

struct JoinGrant {
    std::string token;
    JoinClaims claims;
    MeetingRecord meeting;
};

class Meetings {
  public:
    // References must outlive this object.
    Meetings(MeetingsOptions options, const PasscodeHasher& passcodes,
             const JoinTokenSigner& tokens, const common::Clock& clock, common::Random& random);

    common::Result<Meeting> create(storage::Connection& c, std::int64_t creatorId,
                                   const MeetingDraft& draft);
    common::Result<std::vector<Meeting>> list(storage::Connection& c, std::int64_t creatorId,
                                              ListScope scope);
    // The meeting as anyone holding its ID may see it. Unknown IDs count as failures
    // of `clientIp` (guessing IDs is rate limited like guessing passcodes).
    common::Result<MeetingRecord> find(storage::Connection& c, std::string_view meetingId,
                                       const std::string& clientIp);
    // Creator only; not once cancelled or ended.
    common::Result<Meeting> update(storage::Connection& c, std::int64_t userId,
                                   std::string_view meetingId, const MeetingChanges& changes);
    // Creator only; cancelling twice is fine.
    common::Status cancel(storage::Connection& c, std::int64_t userId, std::string_view meetingId);

    common::Result<JoinGrant> join(storage::Connection& c, std::string_view meetingId,
                                   const Joiner& joiner);
    const JoinTokenSigner& joinTokens() const { return tokens_; }

    // For the room runtime. meetingStarted opens a session (or returns the open one);
    // meetingEnded closes it and every open stay and marks the meeting ended. `at`
    // (default: now) is when it happened, for work that runs later on a pool.
    common::Result<std::int64_t> meetingStarted(storage::Connection& c, std::string_view meetingId,
                                                std::optional<TimePoint> at = std::nullopt);
    common::Status meetingEnded(storage::Connection& c, std::string_view meetingId,
                                std::optional<TimePoint> at = std::nullopt);
    // One stay; returns its id for recordExit.
    common::Result<std::int64_t> recordJoin(storage::Connection& c, std::string_view meetingId,
                                            const Attendee& attendee,
                                            std::optional<TimePoint> at = std::nullopt);
    // "attendance_not_found" unless the stay exists and is open.
    common::Status recordExit(storage::Connection& c, std::int64_t attendanceId,
                              std::optional<TimePoint> at = std::nullopt);
    // The host locks or unlocks the meeting (nobody new may join while locked).
    common::Status setLocked(storage::Connection& c, std::string_view meetingId, bool locked);
    // For the room runtime: the meeting a live room opens (joinable now: else
    // meeting_not_found, meeting_cancelled or meeting_ended), its session started.
    common::Result<MeetingRecord> openLive(storage::Connection& c, std::string_view meetingId,
                                           std::optional<TimePoint> at = std::nullopt);
    // The live room closed while the meeting goes on (empty past its timeout): the
    // session and its open stays are closed and the lock lifted; not ended.
    common::Status sessionClosed(storage::Connection& c, std::string_view meetingId,
                                 std::optional<TimePoint> at = std::nullopt);

    // Creator only.
    common::Result<domain::meetings::AttendanceReport> attendance(storage::Connection& c,
                                                                  std::int64_t userId,
                                                                  std::string_view meetingId);

    const MeetingsOptions& options() const { return options_; }

  private:
    common::Result<MeetingRecord> load(storage::Connection& c, std::string_view meetingId);
    common::Result<MeetingRecord> loadOwned(storage::Connection& c, std::int64_t userId,
                                            std::string_view meetingId);
    common::Status checkPasscode(const Meeting& meeting, const Joiner& joiner);
    // Closes the open session and stays, lifts the lock and, with `end`, ends it.
    common::Status closeSessions(storage::Connection& c, std::string_view meetingId, bool end,
                                 TimePoint now);
    common::Status throttled(const std::string& ipKey, const std::string& meetingKey) const;
    void recordFailure(const std::string& ipKey, const std::string& meetingKey);
    common::Result<std::string> freshMeetingId(SqlMeetingRepository& repository);

    MeetingsOptions options_;
    const PasscodeHasher& passcodes_;
    const JoinTokenSigner& tokens_;
    const common::Clock& clock_;
    common::Random& random_;
    domain::accounts::AttemptLimiter perIp_;
    domain::accounts::AttemptLimiter perMeeting_;
};

}  // namespace vp::services::meetings
