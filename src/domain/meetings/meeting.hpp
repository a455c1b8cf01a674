#pragma once
// A meeting (R-MEET-1): instant or scheduled, with a public numeric meeting ID, a
// subject, a start time and planned duration, an optional passcode (stored only as
// a keyed hash), waiting room and guest settings, and a lifecycle
// scheduled -> ended | cancelled. The rules here are pure; storage is elsewhere.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace vp::domain::meetings {

using TimePoint = std::chrono::system_clock::time_point;

enum class MeetingKind { Instant, Scheduled };
enum class MeetingStatus { Scheduled, Ended, Cancelled };

std::string_view toString(MeetingKind kind);
std::string_view toString(MeetingStatus status);
std::optional<MeetingKind> parseMeetingKind(std::string_view text);
std::optional<MeetingStatus> parseMeetingStatus(std::string_view text);

struct Meeting {
    std::int64_t id = 0;    // row identifier
    std::string meetingId;  // the public 9–11 digit ID
    std::int64_t creatorId = 0;
    std::string subject;
    MeetingKind kind = MeetingKind::Instant;
    TimePoint startsAt;
    std::chrono::minutes duration{60};
    std::optional<std::string> passcodeHash;
    bool waitingRoom = false;
    bool guestsAllowed = true;
    bool locked = false;
    MeetingStatus status = MeetingStatus::Scheduled;
    TimePoint createdAt;
    TimePoint updatedAt;

    TimePoint plannedEnd() const { return startsAt + duration; }
};

// Bounds of what a creator may ask for.
struct ScheduleRules {
    std::size_t maxSubjectBytes = 200;
    std::chrono::minutes minDuration{5};
    std::chrono::minutes maxDuration{24 * 60};
    // A scheduled start may lie this far in the past (a form filled in slowly)…
    std::chrono::minutes pastTolerance{5};
    // …and at most this far ahead.
    std::chrono::days maxAhead{366};
    // After its planned end a meeting nobody ended stays joinable this long.
    std::chrono::hours lateJoinGrace{12};
    std::size_t minPasscodeBytes = 4;
    std::size_t maxPasscodeBytes = 32;
    std::size_t maxGuestNameBytes = 64;
};

// "invalid_subject": empty after trimming, too long, or holding control characters.
common::Status validateSubject(std::string_view subject, const ScheduleRules& rules);
// "invalid_duration" outside [minDuration, maxDuration].
common::Status validateDuration(std::chrono::minutes duration, const ScheduleRules& rules);
// "invalid_start": a scheduled start too far in the past or ahead of `now`.
common::Status validateStart(TimePoint startsAt, TimePoint now, const ScheduleRules& rules);
// "invalid_passcode": 4–32 printable ASCII characters, no spaces.
common::Status validatePasscode(std::string_view passcode, const ScheduleRules& rules);
// "invalid_guest_name": 1–64 bytes after trimming, no control characters.
common::Status validateGuestName(std::string_view name, const ScheduleRules& rules);

// Leading and trailing spaces removed.
std::string trimmed(std::string_view text);

// Whether a meeting is over for listing ("past") and for joining.
bool isPast(const Meeting& meeting, TimePoint now);
// Why nobody can join any more: "meeting_cancelled", "meeting_ended"; OK otherwise.
common::Status checkJoinable(const Meeting& meeting, TimePoint now, const ScheduleRules& rules);

}  // namespace vp::domain::meetings
