#pragma once
// Security incidents (R-PRIV-8, policy §5): what happened, which categories of
// personal data were affected, when, what was done and what users should do. Pure:
// validation and the time-window parser.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/privacy/policy.hpp"

namespace vp::domain::privacy {

struct Incident {
    std::int64_t id = 0;
    std::string summary;                  // what happened
    std::vector<std::string> categories;  // data-map categories affected
    TimePoint startedAt;
    TimePoint endedAt;
    std::string measures;  // what the operator did
    std::string advice;    // what users should do
    TimePoint recordedAt;
    std::string recordedBy;
    std::int64_t notified = 0;  // notices queued
    bool published = true;      // shown on the public announcement page
};

inline constexpr std::size_t kMaxIncidentTextBytes = 4000;
inline constexpr std::size_t kMaxIncidentCategories = 30;

// "invalid_incident" when a text is empty, too long or has a control character
// other than a line break, the categories are empty, too many or unknown to
// `knownCategories`, or the window ends before it starts.
common::Status validateIncident(const Incident& incident,
                                const std::vector<std::string>& knownCategories);

// "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM[:SS]Z"; "invalid_time" otherwise.
common::Result<TimePoint> parseInstant(std::string_view text);

}  // namespace vp::domain::privacy

namespace vp::domain::privacy {

// "2026-01-10 14:05 UTC", for notices.
std::string formatUtcMinute(TimePoint t);

}  // namespace vp::domain::privacy
