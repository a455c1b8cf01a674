#pragma once
// A personal account (R-ACC-1, R-ACC-3) and the age rule of R-MINOR-1: registration
// asks for the year and month of birth; a child under 14 stays pending until a
// guardian consents.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "domain/accounts/contact.hpp"

namespace vp::domain::accounts {

enum class UserStatus { Active, PendingGuardian, Disabled };

std::string_view toString(UserStatus status);
std::optional<UserStatus> parseUserStatus(std::string_view text);

inline constexpr int kGuardianConsentAge = 14;

struct BirthMonth {
    int year = 0;
    int month = 0;  // 1..12
};

struct User {
    std::int64_t id = 0;
    std::optional<std::string> email;  // normalised; at least one of email and phone
    std::optional<std::string> phone;  // E.164
    std::string displayName;
    std::optional<std::string> passwordHash;  // argon2id string; none: code login only
    BirthMonth birth;
    UserStatus status = UserStatus::Active;
    std::chrono::system_clock::time_point createdAt;

    // The identifier the user registered with (email first).
    Contact contact() const;
};

// Fails ("invalid_birth_date") for a month outside 1..12, a year before 1900, or a
// month after the one `now` falls in (UTC).
common::Status validateBirthMonth(BirthMonth birth, std::chrono::system_clock::time_point now);

// True while the person may be under 14 at `now`. Only the month is known, so the
// birth month itself still counts as under 14 (the safe side of R-MINOR-1).
bool isChild(BirthMonth birth, std::chrono::system_clock::time_point now);

// Display names: trimmed, at most 64 UTF-8 bytes, no control characters.
// Errors: "invalid_display_name".
common::Result<std::string> normalizeDisplayName(std::string_view input);

}  // namespace vp::domain::accounts
