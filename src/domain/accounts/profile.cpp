#include "domain/accounts/profile.hpp"

#include <array>

namespace vp::domain::accounts {
namespace {

constexpr std::array<ProfileField, 6> kFields{ProfileField::Name,     ProfileField::Gender,
                                              ProfileField::Position, ProfileField::Address,
                                              ProfileField::Company,  ProfileField::Department};
constexpr std::array<std::string_view, 3> kGenders{"female", "male", "other"};

common::Error invalidField(ProfileField field, std::string_view why) {
    return common::makeError("invalid_profile",
                             "the " + std::string(toString(field)) + " " + std::string(why));
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && isSpace(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

// The number of code points of well-formed UTF-8 (no overlongs, surrogates or
// values beyond U+10FFFF); nullopt otherwise.
std::optional<std::size_t> utf8Length(std::string_view s) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++count) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            cp = c;
        } else if (c >= 0xc2 && c <= 0xdf) {
            extra = 1;
            cp = c & 0x1fu;
        } else if (c >= 0xe0 && c <= 0xef) {
            extra = 2;
            cp = c & 0x0fu;
        } else if (c >= 0xf0 && c <= 0xf4) {
            extra = 3;
            cp = c & 0x07u;
        } else {
            return std::nullopt;
        }
        if (extra > 0 && i + extra >= s.size()) {
            return std::nullopt;  // cut short
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0u) != 0x80u) {
                return std::nullopt;
            }
            cp = cp << 6 | (cc & 0x3fu);
        }
        const bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
        if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return std::nullopt;
        }
        i += extra + 1;
    }
    return count;
}

bool hasControl(std::string_view s, bool lineBreaksAllowed) {
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 || u == 0x7f) && !(lineBreaksAllowed && c == '\n')) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::span<const ProfileField> allProfileFields() {
    return kFields;
}

std::string_view toString(ProfileField field) {
    switch (field) {
        case ProfileField::Name:
            return "name";
        case ProfileField::Gender:
            return "gender";
        case ProfileField::Position:
            return "position";
        case ProfileField::Address:
            return "address";
        case ProfileField::Company:
            return "company";
        case ProfileField::Department:
            return "department";
    }
    return "unknown";
}

std::optional<ProfileField> parseProfileField(std::string_view text) {
    for (ProfileField f : kFields) {
        if (toString(f) == text) {
            return f;
        }
    }
    return std::nullopt;
}

std::span<const std::string_view> genderValues() {
    return kGenders;
}

std::size_t maxProfileChars(ProfileField field) {
    switch (field) {
        case ProfileField::Name:
            return 64;
        case ProfileField::Gender:
            return 16;
        case ProfileField::Position:
        case ProfileField::Department:
            return 100;
        case ProfileField::Company:
            return 120;
        case ProfileField::Address:
            return 300;
    }
    return 0;
}

std::optional<std::string> Profile::get(ProfileField field) const {
    switch (field) {
        case ProfileField::Name:
            return name.empty() ? std::nullopt : std::optional<std::string>(name);
        case ProfileField::Gender:
            return gender;
        case ProfileField::Position:
            return position;
        case ProfileField::Address:
            return address;
        case ProfileField::Company:
            return company;
        case ProfileField::Department:
            return department;
    }
    return std::nullopt;
}

void Profile::set(ProfileField field, std::optional<std::string> value) {
    switch (field) {
        case ProfileField::Name:
            name = value.value_or("");
            return;
        case ProfileField::Gender:
            gender = std::move(value);
            return;
        case ProfileField::Position:
            position = std::move(value);
            return;
        case ProfileField::Address:
            address = std::move(value);
            return;
        case ProfileField::Company:
            company = std::move(value);
            return;
        case ProfileField::Department:
            department = std::move(value);
            return;
    }
}

common::Result<std::optional<std::string>> normalizeProfileValue(ProfileField field,
                                                                 std::string_view value) {
    // Bytes are bounded first, so a huge value costs no UTF-8 walk.
    if (value.size() > 4 * maxProfileChars(field) + 64) {
        return invalidField(field, "is too long: at most " +
                                       std::to_string(maxProfileChars(field)) + " characters");
    }
    value = trim(value);
    if (value.empty()) {
        return std::optional<std::string>{};
    }
    const auto length = utf8Length(value);
    if (!length) {
        return invalidField(field, "is not valid UTF-8 text");
    }
    // The name is the display name, bounded in bytes like at registration.
    if (field == ProfileField::Name && value.size() > maxProfileChars(field)) {
        return invalidField(
            field, "is too long: at most " + std::to_string(maxProfileChars(field)) + " bytes");
    }
    if (*length > maxProfileChars(field)) {
        return invalidField(field, "is too long: at most " +
                                       std::to_string(maxProfileChars(field)) + " characters");
    }
    if (hasControl(value, field == ProfileField::Address)) {
        return invalidField(field, field == ProfileField::Address
                                       ? "may hold line breaks but no other control characters"
                                       : "may not hold line breaks or control characters");
    }
    if (field == ProfileField::Gender) {
        bool known = false;
        for (auto g : kGenders) {
            known = known || g == value;
        }
        if (!known) {
            return invalidField(field, "must be female, male, other, or left empty");
        }
    }
    return std::optional<std::string>(std::string(value));
}

std::vector<ProfileField> applyCorrection(Profile& profile, const ProfileCorrection& correction) {
    std::vector<ProfileField> changed;
    for (ProfileField f : kFields) {
        auto it = correction.find(f);
        if (it == correction.end() || profile.get(f) == it->second) {
            continue;
        }
        profile.set(f, it->second);
        changed.push_back(f);
    }
    return changed;
}

}  // namespace vp::domain::accounts
