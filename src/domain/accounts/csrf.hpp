#pragma once
// CSRF defence (R-ACC-3): every state-changing request must come from the service's
// own origin (Origin header, else the origin of Referer), and when it acts for a
// signed-in session it must also carry that session's CSRF token in X-CSRF-Token.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vp::domain::accounts {

struct CsrfInput {
    std::string_view method;
    std::optional<std::string_view> origin;
    std::optional<std::string_view> referer;
    // Origins that count as our own: "https://meet.example.com" (scheme://host[:port]).
    std::span<const std::string> allowedOrigins;
    // The session's CSRF token when the request acts for a session; nullopt otherwise.
    std::optional<std::string_view> expectedToken;
    std::optional<std::string_view> givenToken;  // X-CSRF-Token
};

enum class CsrfDecision { Allowed, NotStateChanging, MissingOrigin, ForeignOrigin, BadToken };

// GET, HEAD and OPTIONS are not state-changing (they never change anything here).
bool isStateChanging(std::string_view method);

CsrfDecision decideCsrf(const CsrfInput& input);

// A sentence for the 403 answer.
std::string_view explain(CsrfDecision decision);

// "https://Example.com:443/path" -> "https://example.com"; scheme and host
// lower-cased, the default port dropped, path removed. nullopt for anything that is
// not an http(s) URL (including "null").
std::optional<std::string> originOf(std::string_view url);

}  // namespace vp::domain::accounts
