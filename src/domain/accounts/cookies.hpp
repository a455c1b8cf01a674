#pragma once
// The two strictly necessary cookies (R-COOKIE-1): the session cookie vp_session
// (HttpOnly, SameSite=Lax, Path=/, Secure under TLS) and nothing else without
// consent. Building Set-Cookie values and reading Cookie headers.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vp::domain::accounts {

inline constexpr std::string_view kSessionCookie = "vp_session";

struct CookieAttributes {
    bool secure = false;
    std::chrono::seconds maxAge{0};  // 0: delete the cookie
};

// "vp_session=VALUE; Path=/; Max-Age=N; HttpOnly; SameSite=Lax[; Secure]".
// The value must be a cookie-octet string (the tokens here are hex).
std::string sessionSetCookie(std::string_view value, const CookieAttributes& attributes);
// A Set-Cookie value that deletes the session cookie.
std::string sessionClearCookie(bool secure);

// The value of cookie `name` in a Cookie header ("a=1; vp_session=abc"); the first
// one wins. nullopt when absent.
std::optional<std::string_view> findCookie(std::string_view cookieHeader, std::string_view name);

}  // namespace vp::domain::accounts
