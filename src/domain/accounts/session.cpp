#include "domain/accounts/session.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace vp::domain::accounts {
namespace {

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

std::string_view browserOf(std::string_view ua) {
    // Order matters: Edge and Opera say "Chrome", Chrome says "Safari".
    constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kBrowsers{{
        {"Edg/", "Edge"},
        {"OPR/", "Opera"},
        {"Firefox/", "Firefox"},
        {"Chrome/", "Chrome"},
        {"Chromium/", "Chromium"},
        {"Safari/", "Safari"},
        {"curl/", "curl"},
    }};
    for (const auto& [token, name] : kBrowsers) {
        if (contains(ua, token)) {
            return name;
        }
    }
    return {};
}

std::string_view systemOf(std::string_view ua) {
    constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kSystems{{
        {"Android", "Android"},
        {"iPhone", "iOS"},
        {"iPad", "iPadOS"},
        {"Windows", "Windows"},
        {"Mac OS X", "macOS"},
        {"CrOS", "ChromeOS"},
        {"Linux", "Linux"},
    }};
    for (const auto& [token, name] : kSystems) {
        if (contains(ua, token)) {
            return name;
        }
    }
    return {};
}

}  // namespace

SessionState decideSession(const SessionPolicy& policy, const Session& session,
                           std::chrono::system_clock::time_point now) {
    if (now >= session.expiresAt) {
        return SessionState::AbsoluteExpired;
    }
    if (now >= session.lastUsedAt + policy.idleTimeout) {
        return SessionState::IdleExpired;
    }
    return SessionState::Valid;
}

std::chrono::system_clock::time_point sessionEnd(const SessionPolicy& policy,
                                                 const Session& session) {
    return std::min(session.expiresAt, session.lastUsedAt + policy.idleTimeout);
}

bool shouldTouch(const SessionPolicy& policy, const Session& session,
                 std::chrono::system_clock::time_point now) {
    return now >= session.lastUsedAt + policy.touchInterval;
}

std::string summarizeUserAgent(std::string_view userAgent) {
    const auto browser = browserOf(userAgent);
    const auto system = systemOf(userAgent);
    if (browser.empty() && system.empty()) {
        return "Unknown device";
    }
    if (system.empty()) {
        return std::string(browser);
    }
    if (browser.empty()) {
        return "Browser on " + std::string(system);
    }
    return std::string(browser) + " on " + std::string(system);
}

}  // namespace vp::domain::accounts
