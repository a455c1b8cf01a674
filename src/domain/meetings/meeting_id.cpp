#include "domain/meetings/meeting_id.hpp"

#include <algorithm>

namespace vp::domain::meetings {

std::string newMeetingId(common::Random& random, std::size_t digits) {
    digits = std::clamp(digits, kMinMeetingIdDigits, kMaxMeetingIdDigits);
    std::string id;
    id.reserve(digits);
    id.push_back(static_cast<char>('1' + random.uniform(9)));
    while (id.size() < digits) {
        id.push_back(static_cast<char>('0' + random.uniform(10)));
    }
    return id;
}

bool wellFormedMeetingId(std::string_view id) {
    if (id.size() < kMinMeetingIdDigits || id.size() > kMaxMeetingIdDigits || id.front() == '0') {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> normalizeMeetingId(std::string_view typed) {
    if (typed.size() > 32) {
        return std::nullopt;
    }
    std::string id;
    for (const char c : typed) {
        if (c != ' ' && c != '-') {
            id.push_back(c);
        }
    }
    return wellFormedMeetingId(id) ? std::optional<std::string>(id) : std::nullopt;
}

std::string joinPath(std::string_view meetingId) {
    return "/j/" + std::string(meetingId);
}

}  // namespace vp::domain::meetings
