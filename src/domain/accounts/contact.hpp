#pragma once
// Normalised contact identifiers: an email address or an E.164 mobile number. The
// normalised form is what is stored, compared and rate-limited.
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "domain/accounts/outbound_message.hpp"

namespace vp::domain::accounts {

inline constexpr std::size_t kMaxEmailLength = 254;

// Trims surrounding white space and lower-cases the domain; the local part keeps
// its case. Accepts the dot-atom form only (no quoted local parts, comments or IP
// literals). Errors: "accounts.invalid_email".
common::Result<std::string> normalizeEmail(std::string_view input);

// "+44 20 7946-0958", "(+44) 2079460958", "0044 20 7946 0958" -> "+442079460958".
// Spaces, dashes, dots and parentheses are separators; the number must carry its
// country code ("+" or "00") and have 8 to 15 digits, the first not 0.
// Errors: "accounts.invalid_phone".
common::Result<std::string> normalizePhone(std::string_view input);

struct Contact {
    Channel channel = Channel::Email;
    std::string value;  // normalised

    friend bool operator==(const Contact&, const Contact&) = default;
};

// An email address when the input has an '@', a phone number otherwise.
common::Result<Contact> parseContact(std::string_view input);

}  // namespace vp::domain::accounts
