#include "domain/enterprises/text_fields.hpp"

namespace vp::domain::enterprises {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

common::Result<std::string> normalizeTextField(std::string_view input, const TextFieldRule& rule) {
    while (!input.empty() && isSpace(input.front())) {
        input.remove_prefix(1);
    }
    while (!input.empty() && isSpace(input.back())) {
        input.remove_suffix(1);
    }
    const std::string what(rule.what);
    if (input.size() < rule.minBytes) {
        return common::makeError(std::string(rule.errorCode), what + " is required; fill it in");
    }
    if (input.size() > rule.maxBytes) {
        return common::makeError(
            std::string(rule.errorCode),
            what + " may have at most " + std::to_string(rule.maxBytes) + " bytes; shorten it");
    }
    for (char c : input) {
        const auto u = static_cast<unsigned char>(c);
        const bool allowedBreak = rule.multiline && (c == '\n' || c == '\r' || c == '\t');
        if ((u < 0x20 || u == 0x7f) && !allowedBreak) {
            return common::makeError(std::string(rule.errorCode),
                                     what + " may not hold control characters" +
                                         (rule.multiline ? "" : " or line breaks") +
                                         "; remove them");
        }
    }
    return std::string(input);
}

}  // namespace vp::domain::enterprises
