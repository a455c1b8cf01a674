#include "domain/meetings/meeting.hpp"

namespace vp::domain::meetings {
namespace {

bool hasControl(std::string_view text) {
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string_view toString(MeetingKind kind) {
    return kind == MeetingKind::Instant ? "instant" : "scheduled";
}

std::string_view toString(MeetingStatus status) {
    switch (status) {
        case MeetingStatus::Scheduled:
            return "scheduled";
        case MeetingStatus::Ended:
            return "ended";
        case MeetingStatus::Cancelled:
            return "cancelled";
    }
    return "scheduled";
}

std::optional<MeetingKind> parseMeetingKind(std::string_view text) {
    if (text == "instant") {
        return MeetingKind::Instant;
    }
    if (text == "scheduled") {
        return MeetingKind::Scheduled;
    }
    return std::nullopt;
}

std::optional<MeetingStatus> parseMeetingStatus(std::string_view text) {
    for (auto s : {MeetingStatus::Scheduled, MeetingStatus::Ended, MeetingStatus::Cancelled}) {
        if (toString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(' ');
    return std::string(text.substr(first, last - first + 1));
}

common::Status validateSubject(std::string_view subject, const ScheduleRules& rules) {
    const std::string clean = trimmed(subject);
    if (clean.empty() || clean.size() > rules.maxSubjectBytes || hasControl(clean)) {
        return common::makeError("invalid_subject", "the subject must have 1 to " +
                                                        std::to_string(rules.maxSubjectBytes) +
                                                        " characters and no line breaks");
    }
    return {};
}

common::Status validateDuration(std::chrono::minutes duration, const ScheduleRules& rules) {
    if (duration < rules.minDuration || duration > rules.maxDuration) {
        return common::makeError("invalid_duration",
                                 "the duration must be between " +
                                     std::to_string(rules.minDuration.count()) + " and " +
                                     std::to_string(rules.maxDuration.count()) + " minutes");
    }
    return {};
}

common::Status validateStart(TimePoint startsAt, TimePoint now, const ScheduleRules& rules) {
    if (startsAt < now - rules.pastTolerance) {
        return common::makeError("invalid_start",
                                 "the start time lies in the past; pick a later one");
    }
    if (startsAt > now + rules.maxAhead) {
        return common::makeError("invalid_start", "meetings can be scheduled at most a year ahead");
    }
    return {};
}

common::Status validatePasscode(std::string_view passcode, const ScheduleRules& rules) {
    bool printable = true;
    for (const char ch : passcode) {
        const auto c = static_cast<unsigned char>(ch);
        printable = printable && c > 0x20 && c < 0x7f;
    }
    if (!printable || passcode.size() < rules.minPasscodeBytes ||
        passcode.size() > rules.maxPasscodeBytes) {
        return common::makeError("invalid_passcode",
                                 "a passcode has 4 to 32 letters, digits or symbols, no spaces");
    }
    return {};
}

common::Status validateGuestName(std::string_view name, const ScheduleRules& rules) {
    const std::string clean = trimmed(name);
    if (clean.empty() || clean.size() > rules.maxGuestNameBytes || hasControl(clean)) {
        return common::makeError("invalid_guest_name",
                                 "enter a name of 1 to 64 characters to join as a guest");
    }
    return {};
}

bool isPast(const Meeting& meeting, TimePoint now) {
    return meeting.status != MeetingStatus::Scheduled || meeting.plannedEnd() <= now;
}

common::Status checkJoinable(const Meeting& meeting, TimePoint now, const ScheduleRules& rules) {
    if (meeting.status == MeetingStatus::Cancelled) {
        return common::makeError("meeting_cancelled", "this meeting was cancelled by its host");
    }
    if (meeting.status == MeetingStatus::Ended ||
        meeting.plannedEnd() + rules.lateJoinGrace < now) {
        return common::makeError("meeting_ended", "this meeting has ended");
    }
    return {};
}

}  // namespace vp::domain::meetings
