#pragma once
// Session tokens (R-ACC-3): 256 random bits, hex-encoded, sent only in the
// vp_session cookie; the server keeps their SHA-256. The CSRF token of a session is
// derived from its token, so it needs no storage and dies with the session.
#include <string>
#include <string_view>

#include "common/random.hpp"

namespace vp::services::accounts {

inline constexpr std::size_t kSessionTokenBytes = 32;

std::string newSessionToken(common::Random& random);
// True for exactly 64 lower-case hex digits (anything else is refused unhashed).
bool wellFormedSessionToken(std::string_view token);
// Lower-case hex SHA-256 of the token.
std::string hashSessionToken(std::string_view token);
// Lower-case hex SHA-256("vp-csrf\0" + token).
std::string csrfTokenFor(std::string_view token);

}  // namespace vp::services::accounts
