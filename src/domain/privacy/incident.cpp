#include "domain/privacy/incident.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "domain/privacy/recipients.hpp"

namespace vp::domain::privacy {
namespace {

bool twoDigits(std::string_view text, std::size_t at, int max, int& out) {
    if (at + 2 > text.size()) {
        return false;
    }
    const auto r = std::from_chars(text.data() + at, text.data() + at + 2, out);
    return r.ec == std::errc{} && r.ptr == text.data() + at + 2 && out >= 0 && out <= max;
}

}  // namespace

common::Status validateIncident(const Incident& incident,
                                const std::vector<std::string>& knownCategories) {
    const std::pair<std::string_view, const std::string*> texts[] = {
        {"summary", &incident.summary},
        {"measures", &incident.measures},
        {"advice", &incident.advice}};
    for (const auto& [field, value] : texts) {
        if (auto valid = validateText(field, *value, kMaxIncidentTextBytes, true); !valid) {
            return common::makeError("invalid_incident", valid.error().message);
        }
    }
    if (incident.categories.empty() || incident.categories.size() > kMaxIncidentCategories) {
        return common::makeError("invalid_incident", "name between 1 and " +
                                                         std::to_string(kMaxIncidentCategories) +
                                                         " affected categories of personal data");
    }
    for (const auto& category : incident.categories) {
        if (std::find(knownCategories.begin(), knownCategories.end(), category) ==
            knownCategories.end()) {
            return common::makeError("invalid_incident",
                                     "'" + category + "' is not a category of the data map");
        }
    }
    if (incident.endedAt < incident.startedAt) {
        return common::makeError("invalid_incident", "the time window ends before it starts");
    }
    return {};
}

common::Result<TimePoint> parseInstant(std::string_view text) {
    const auto bad = [&] {
        return common::makeError("invalid_time", "'" + std::string(text.substr(0, 40)) +
                                                     "' is not YYYY-MM-DD or "
                                                     "YYYY-MM-DDTHH:MM[:SS]Z");
    };
    auto day = parseDate(text.substr(0, 10));
    if (!day) {
        return bad();
    }
    if (text.size() == 10) {
        return *day;
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    const bool shortForm = text.size() == 17;
    const bool longForm = text.size() == 20 && text[16] == ':' && twoDigits(text, 17, 59, second);
    if (!(shortForm || longForm) || text[10] != 'T' || text[13] != ':' || text.back() != 'Z' ||
        !twoDigits(text, 11, 23, hour) || !twoDigits(text, 14, 59, minute)) {
        return bad();
    }
    return *day + std::chrono::hours{hour} + std::chrono::minutes{minute} +
           std::chrono::seconds{second};
}

}  // namespace vp::domain::privacy

namespace vp::domain::privacy {

std::string formatUtcMinute(TimePoint t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(t - day).count();
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u %02d:%02d UTC", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
    return out;
}

}  // namespace vp::domain::privacy
