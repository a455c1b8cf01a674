#pragma once
// The register of recipients of personal information (R-PRIV-9, policy §4): who
// receives which categories, why, and on which legal basis. Pure: validation only.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/privacy/policy.hpp"

namespace vp::domain::privacy {

struct Recipient {
    std::int64_t id = 0;
    std::string name;     // organisation, e.g. "Example SMS Ltd"
    std::string contact;  // how to reach it: address, email or web page
    std::string purpose;
    std::vector<std::string> categories;  // data-map categories it receives
    std::string legalBasis;
    TimePoint addedAt;
    std::string addedBy;
};

inline constexpr std::size_t kMaxRecipientTextBytes = 500;
inline constexpr std::size_t kMaxRecipientCategories = 20;
inline constexpr std::size_t kMaxRecipients = 200;

// "invalid_recipient" when a text is empty, has a control character or is longer
// than kMaxRecipientTextBytes, or the categories are empty, too many, or one of
// them is not a category of `knownCategories` (the data map's).
common::Status validateRecipient(const Recipient& r,
                                 const std::vector<std::string>& knownCategories);

// "invalid_text" when `text` is empty, longer than `maxBytes`, or holds a control
// character (line breaks allowed when `multiline`).
common::Status validateText(std::string_view field, std::string_view text, std::size_t maxBytes,
                            bool multiline);

// Splits "a, b,c" into trimmed, non-empty items.
std::vector<std::string> splitList(std::string_view text);

}  // namespace vp::domain::privacy
