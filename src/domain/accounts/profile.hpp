#pragma once
// The profile of a personal account (R-ACC-4, policy §2.1(3), §6.1, §6.3): name,
// gender, position, address, company, department. Every field is optional beyond
// the account's identifier, bounded and validated; the user views and corrects them
// ("Settings – Avatar"). The name is the account's display name.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace vp::domain::accounts {

enum class ProfileField { Name, Gender, Position, Address, Company, Department };

std::span<const ProfileField> allProfileFields();
std::string_view toString(ProfileField field);  // "name", "gender", ...
std::optional<ProfileField> parseProfileField(std::string_view text);

// The answers offered for gender; not answering is leaving the field empty.
std::span<const std::string_view> genderValues();  // "female", "male", "other"

// At most this many characters (Unicode code points) per field; for the name,
// bytes of UTF-8 (the display name's rule at registration).
std::size_t maxProfileChars(ProfileField field);

struct Profile {
    std::string name;  // "" when not given
    std::optional<std::string> gender;
    std::optional<std::string> position;
    std::optional<std::string> address;
    std::optional<std::string> company;
    std::optional<std::string> department;
    std::optional<std::chrono::system_clock::time_point> updatedAt;  // last correction

    // The field's value; nullopt when not given.
    std::optional<std::string> get(ProfileField field) const;
    void set(ProfileField field, std::optional<std::string> value);
};

// A correction: for each field named, its new value (nullopt clears it).
using ProfileCorrection = std::map<ProfileField, std::optional<std::string>>;

// Trims surrounding white space; an empty result clears the field. Refuses
// ("invalid_profile", naming the field) text that is not UTF-8, holds control
// characters (line breaks are allowed in the address only), is longer than the
// field's bound, or a gender outside genderValues().
common::Result<std::optional<std::string>> normalizeProfileValue(ProfileField field,
                                                                 std::string_view value);

// Sets the corrected fields; the fields whose value actually changed, in
// ProfileField order.
std::vector<ProfileField> applyCorrection(Profile& profile, const ProfileCorrection& correction);

// An avatar as stored: a re-encoded image, never the upload itself.
struct AvatarInfo {
    std::string mediaType;  // "image/jpeg"
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::int64_t bytes = 0;
    std::chrono::system_clock::time_point updatedAt;
};

struct StoredAvatar {
    AvatarInfo info;
    std::vector<std::uint8_t> image;
};

}  // namespace vp::domain::accounts
