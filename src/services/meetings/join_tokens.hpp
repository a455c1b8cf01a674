#pragma once
// Join tokens (R-MEET-2): what POST /api/v1/meetings/{id}/join hands out and the
// WebSocket signalling accepts to let someone into a meeting. Short-lived (2
// minutes), signed with HMAC-SHA-256 under a server key, bound to the meeting and
// to a user id or a guest name. Format: "vj1.<base64url payload>.<hex mac>"; the
// payload is meetingId, user id ("" for a guest), host flag, waiting flag, expiry
// (Unix ms) and the name, separated by newlines. Not secret, only unforgeable.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "services/meetings/meeting_keys.hpp"

namespace vp::services::meetings {

inline constexpr std::size_t kMaxJoinTokenBytes = 512;

struct JoinClaims {
    std::string meetingId;
    std::optional<std::int64_t> userId;  // none: a guest
    std::string name;                    // display name, or the guest's name
    bool host = false;                   // the meeting's creator
    bool waiting = false;                // must be admitted from the waiting room
    std::chrono::system_clock::time_point expiresAt;

    friend bool operator==(const JoinClaims&, const JoinClaims&) = default;
};

class JoinTokenSigner {
  public:
    static common::Result<JoinTokenSigner> fromMasterKey(std::span<const std::uint8_t> master);

    std::string sign(const JoinClaims& claims) const;
    // The claims of a token this server signed that has not expired at `now`.
    // Errors: "invalid_join_token" (malformed, forged, altered, too long),
    // "join_token_expired".
    common::Result<JoinClaims> verify(std::string_view token,
                                      std::chrono::system_clock::time_point now) const;

  private:
    JoinTokenSigner() = default;
    MeetingKey key_{};
};

}  // namespace vp::services::meetings
