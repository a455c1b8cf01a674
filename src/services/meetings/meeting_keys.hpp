#pragma once
// The meetings' secrets, derived from one 32-byte server key (a file outside the
// database, like the one-time code key): a passcode key and a join-token key,
// each HMAC-SHA-256(master, label), so neither use can stand in for the other.
//
// Passcodes are stored as HMAC-SHA-256(passcodeKey, meetingId NUL passcode), not
// argon2id: a meeting passcode is short and low in entropy, so a slow hash would
// not stop an offline search of a stolen table (10^6 six-digit codes), while it
// would cost ~20 MiB and tens of milliseconds per join attempt — an amplifier for
// the 100-joins-per-second abuse R-MEET asks us to survive. A keyed hash makes the
// stolen table worthless without the key file, and online guessing is rate limited.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace vp::services::meetings {

inline constexpr std::size_t kMeetingKeyBytes = 32;
using MeetingKey = std::array<std::uint8_t, kMeetingKeyBytes>;

// HMAC-SHA-256(key, data).
MeetingKey hmacSha256(std::span<const std::uint8_t> key, std::string_view data);
// Lower-case hex of bytes.
std::string toHex(std::span<const std::uint8_t> bytes);
// Fails ("meetings.bad_key") unless master has 32 bytes or libsodium cannot start.
common::Result<MeetingKey> deriveMeetingKey(std::span<const std::uint8_t> master,
                                            std::string_view label);

class PasscodeHasher {
  public:
    static common::Result<PasscodeHasher> fromMasterKey(std::span<const std::uint8_t> master);

    // Lower-case hex HMAC bound to the meeting ID.
    std::string hash(std::string_view meetingId, std::string_view passcode) const;
    // Constant-time comparison with a stored hash.
    bool verify(std::string_view storedHash, std::string_view meetingId,
                std::string_view passcode) const;

  private:
    PasscodeHasher() = default;
    MeetingKey key_{};
};

}  // namespace vp::services::meetings
