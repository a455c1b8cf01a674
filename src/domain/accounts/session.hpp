#pragma once
// Sessions (R-ACC-3): an opaque token in a cookie, stored server-side only as its
// SHA-256 hash, ending at an absolute deadline or after an idle period, whichever
// comes first.
#include <chrono>
#include <cstdint>
#include <string>

namespace vp::domain::accounts {

struct SessionPolicy {
    std::chrono::seconds idleTimeout{std::chrono::minutes{30}};
    std::chrono::seconds absoluteTimeout{std::chrono::hours{12}};
    // last_used_at is written at most this often (one write per request otherwise).
    std::chrono::seconds touchInterval{std::chrono::seconds{30}};
    // After a session's token is replaced (a privilege change), the old token still
    // serves requests already in flight for this long, without being renewed again.
    std::chrono::seconds renewalGrace{std::chrono::seconds{30}};
};

struct Session {
    std::int64_t id = 0;
    std::int64_t userId = 0;
    std::string tokenHash;  // hex SHA-256 of the token; the token itself is never stored
    std::chrono::system_clock::time_point createdAt;
    std::chrono::system_clock::time_point lastUsedAt;
    std::chrono::system_clock::time_point expiresAt;  // absolute deadline
    std::string userAgent;                            // summary ("Firefox on Linux")
    std::string clientIp;
    // The user's privileges changed since the token was issued: the next request
    // replaces it (R-ACC-3, "new token on privilege change").
    bool renewalDue = false;
};

enum class SessionState { Valid, IdleExpired, AbsoluteExpired };

SessionState decideSession(const SessionPolicy& policy, const Session& session,
                           std::chrono::system_clock::time_point now);

// The moment an idle session ends: the earlier of last use + idle and the deadline.
std::chrono::system_clock::time_point sessionEnd(const SessionPolicy& policy,
                                                 const Session& session);

// Whether last_used_at should be written for a use at `now`.
bool shouldTouch(const SessionPolicy& policy, const Session& session,
                 std::chrono::system_clock::time_point now);

// "Firefox on Linux", "Chrome on Android", "Safari on iOS", "curl", "Unknown device":
// a short summary for the Security Center, never the whole header.
std::string summarizeUserAgent(std::string_view userAgent);

}  // namespace vp::domain::accounts
