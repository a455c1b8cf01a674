#include "domain/privacy/recipients.hpp"

#include <algorithm>

namespace vp::domain::privacy {

common::Status validateText(std::string_view field, std::string_view text, std::size_t maxBytes,
                            bool multiline) {
    if (text.empty()) {
        return common::makeError("invalid_text", std::string(field) + " must not be empty");
    }
    if (text.size() > maxBytes) {
        return common::makeError("invalid_text", std::string(field) + " is longer than " +
                                                     std::to_string(maxBytes) + " bytes");
    }
    for (const char ch : text) {
        const auto u = static_cast<unsigned char>(ch);
        const bool lineBreak = ch == '\n' || ch == '\r';
        if ((u < 0x20 || u == 0x7f) && !(multiline && lineBreak)) {
            return common::makeError("invalid_text",
                                     std::string(field) + " holds a control character");
        }
    }
    return {};
}

common::Status validateRecipient(const Recipient& r,
                                 const std::vector<std::string>& knownCategories) {
    const std::pair<std::string_view, const std::string*> texts[] = {
        {"name", &r.name},
        {"contact", &r.contact},
        {"purpose", &r.purpose},
        {"legal basis", &r.legalBasis}};
    for (const auto& [field, value] : texts) {
        if (auto valid = validateText(field, *value, kMaxRecipientTextBytes, false); !valid) {
            return common::makeError("invalid_recipient", valid.error().message);
        }
    }
    if (r.categories.empty() || r.categories.size() > kMaxRecipientCategories) {
        return common::makeError("invalid_recipient", "name between 1 and " +
                                                          std::to_string(kMaxRecipientCategories) +
                                                          " categories of personal data");
    }
    for (const auto& category : r.categories) {
        if (std::find(knownCategories.begin(), knownCategories.end(), category) ==
            knownCategories.end()) {
            return common::makeError("invalid_recipient",
                                     "'" + category + "' is not a category of the data map");
        }
    }
    return {};
}

std::vector<std::string> splitList(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        while (!item.empty() && item.back() == ' ') {
            item.remove_suffix(1);
        }
        if (!item.empty()) {
            out.emplace_back(item);
        }
    }
    return out;
}

}  // namespace vp::domain::privacy
