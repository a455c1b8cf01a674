#include "services/meetings/meetings.hpp"

#include "domain/meetings/meeting_id.hpp"

namespace vp::services::meetings {
namespace {

using domain::meetings::MeetingStatus;

constexpr int kMeetingIdAttempts = 8;

common::Error notFound() {
    return common::makeError("meeting_not_found",
                             "no meeting has this ID; check the number or the link");
}

common::Status checkEditable(const Meeting& m) {
    if (m.status == MeetingStatus::Cancelled) {
        return common::makeError("meeting_cancelled", "this meeting was cancelled");
    }
    if (m.status == MeetingStatus::Ended) {
        return common::makeError("meeting_ended", "this meeting has ended");
    }
    return {};
}

common::Status applyPasscode(Meeting& m, const std::optional<std::string>& passcode,
                             const PasscodeHasher& hasher,
                             const domain::meetings::ScheduleRules& rules) {
    if (!passcode) {
        m.passcodeHash.reset();
        return {};
    }
    if (auto valid = domain::meetings::validatePasscode(*passcode, rules); !valid) {
        return valid;
    }
    m.passcodeHash = hasher.hash(m.meetingId, *passcode);
    return {};
}

}  // namespace

Meetings::Meetings(MeetingsOptions options, const PasscodeHasher& passcodes,
                   const JoinTokenSigner& tokens, const common::Clock& clock,
                   common::Random& random)
    : options_(std::move(options)),
      passcodes_(passcodes),
      tokens_(tokens),
      clock_(clock),
      random_(random),
      perIp_(options_.failuresPerIp),
      perMeeting_(options_.failuresPerMeeting) {}

common::Result<std::string> Meetings::freshMeetingId(SqlMeetingRepository& repository) {
    for (int attempt = 0; attempt < kMeetingIdAttempts; ++attempt) {
        std::string id = domain::meetings::newMeetingId(random_, options_.meetingIdDigits);
        auto taken = repository.meetingIdTaken(id);
        if (!taken) {
            return taken.error();
        }
        if (!*taken) {
            return id;
        }
    }
    return common::makeError("meetings.ids_exhausted",
                             "no free meeting ID found; raise meetings' ID length");
}

common::Result<Meeting> Meetings::create(storage::Connection& c, std::int64_t creatorId,
                                         const MeetingDraft& draft) {
    const auto& rules = options_.rules;
    const auto now = clock_.now();
    if (auto valid = domain::meetings::validateSubject(draft.subject, rules); !valid) {
        return valid.error();
    }
    if (auto valid = domain::meetings::validateDuration(draft.duration, rules); !valid) {
        return valid.error();
    }
    Meeting m;
    m.creatorId = creatorId;
    m.subject = domain::meetings::trimmed(draft.subject);
    m.kind = draft.kind;
    m.startsAt = std::chrono::time_point_cast<std::chrono::seconds>(now);
    if (draft.kind == MeetingKind::Scheduled) {
        if (!draft.startsAt) {
            return common::makeError("invalid_start", "a scheduled meeting needs a start time");
        }
        if (auto valid = domain::meetings::validateStart(*draft.startsAt, now, rules); !valid) {
            return valid.error();
        }
        m.startsAt = *draft.startsAt;
    }
    m.duration = draft.duration;
    m.waitingRoom = draft.waitingRoom;
    m.guestsAllowed = draft.guestsAllowed;
    m.createdAt = now;
    m.updatedAt = now;
    SqlMeetingRepository repository(c);
    // A lost race for an ID fails the INSERT on the UNIQUE constraint: draw again.
    for (int attempt = 0; attempt < kMeetingIdAttempts; ++attempt) {
        auto id = freshMeetingId(repository);
        if (!id) {
            return id.error();
        }
        m.meetingId = std::move(*id);
        if (auto set = applyPasscode(m, draft.passcode, passcodes_, rules); !set) {
            return set.error();
        }
        auto inserted = repository.insert(m);
        if (inserted) {
            m.id = *inserted;
            return m;
        }
        auto taken = repository.meetingIdTaken(m.meetingId);
        if (!taken || !*taken) {
            return inserted.error();
        }
    }
    return common::makeError("meetings.ids_exhausted",
                             "no free meeting ID found; raise meetings' ID length");
}

common::Result<std::vector<Meeting>> Meetings::list(storage::Connection& c, std::int64_t creatorId,
                                                    ListScope scope) {
    return SqlMeetingRepository(c).listForCreator(creatorId, scope == ListScope::Upcoming,
                                                  clock_.now(), options_.maxListed);
}

common::Result<MeetingRecord> Meetings::load(storage::Connection& c, std::string_view meetingId) {
    const auto normalized = domain::meetings::normalizeMeetingId(meetingId);
    if (!normalized) {
        return notFound();
    }
    auto found = SqlMeetingRepository(c).findByMeetingId(*normalized);
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return notFound();
    }
    return std::move(**found);
}

common::Result<MeetingRecord> Meetings::loadOwned(storage::Connection& c, std::int64_t userId,
                                                  std::string_view meetingId) {
    auto record = load(c, meetingId);
    if (record && record->meeting.creatorId != userId) {
        return common::makeError("not_meeting_creator", "only the meeting's creator may do this");
    }
    return record;
}

common::Result<MeetingRecord> Meetings::find(storage::Connection& c, std::string_view meetingId,
                                             const std::string& clientIp) {
    const std::string ipKey = "ip:" + clientIp;
    if (auto refused = throttled(ipKey, {}); !refused) {
        return refused.error();
    }
    auto record = load(c, meetingId);
    if (!record && record.error().code == "meeting_not_found") {
        recordFailure(ipKey, {});
    }
    return record;
}

common::Result<Meeting> Meetings::update(storage::Connection& c, std::int64_t userId,
                                         std::string_view meetingId,
                                         const MeetingChanges& changes) {
    auto record = loadOwned(c, userId, meetingId);
    if (!record) {
        return record.error();
    }
    Meeting m = record->meeting;
    if (auto editable = checkEditable(m); !editable) {
        return editable.error();
    }
    const auto& rules = options_.rules;
    const auto now = clock_.now();
    if (changes.subject) {
        if (auto valid = domain::meetings::validateSubject(*changes.subject, rules); !valid) {
            return valid.error();
        }
        m.subject = domain::meetings::trimmed(*changes.subject);
    }
    if (changes.startsAt) {
        if (auto valid = domain::meetings::validateStart(*changes.startsAt, now, rules); !valid) {
            return valid.error();
        }
        m.startsAt = *changes.startsAt;
        m.kind = MeetingKind::Scheduled;
    }
    if (changes.duration) {
        if (auto valid = domain::meetings::validateDuration(*changes.duration, rules); !valid) {
            return valid.error();
        }
        m.duration = *changes.duration;
    }
    if (changes.passcode) {
        if (auto set = applyPasscode(m, *changes.passcode, passcodes_, rules); !set) {
            return set.error();
        }
    }
    m.waitingRoom = changes.waitingRoom.value_or(m.waitingRoom);
    m.guestsAllowed = changes.guestsAllowed.value_or(m.guestsAllowed);
    m.updatedAt = now;
    if (auto saved = SqlMeetingRepository(c).update(m); !saved) {
        return saved.error();
    }
    return m;
}

common::Status Meetings::cancel(storage::Connection& c, std::int64_t userId,
                                std::string_view meetingId) {
    auto record = loadOwned(c, userId, meetingId);
    if (!record) {
        return record.error();
    }
    Meeting m = record->meeting;
    if (m.status == MeetingStatus::Cancelled) {
        return {};
    }
    if (m.status == MeetingStatus::Ended) {
        return common::makeError("meeting_ended", "this meeting has ended; it cannot be cancelled");
    }
    m.status = MeetingStatus::Cancelled;
    m.updatedAt = clock_.now();
    return SqlMeetingRepository(c).update(m);
}

common::Status Meetings::throttled(const std::string& ipKey, const std::string& meetingKey) const {
    const auto now = clock_.steadyNow();
    if (!perIp_.allowed(ipKey, now) ||
        (!meetingKey.empty() && !perMeeting_.allowed(meetingKey, now))) {
        return common::makeError("rate_limited",
                                 "too many failed attempts; wait a few minutes and try again");
    }
    return {};
}

void Meetings::recordFailure(const std::string& ipKey, const std::string& meetingKey) {
    const auto now = clock_.steadyNow();
    perIp_.recordFailure(ipKey, now);
    if (!meetingKey.empty()) {
        perMeeting_.recordFailure(meetingKey, now);
    }
}

}  // namespace vp::services::meetings
