#pragma once
// Free-text fields of the enterprise forms (names, notes, reasons): trimmed,
// bounded in bytes, without control characters (line breaks only where allowed).
#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace vp::domain::enterprises {

struct TextFieldRule {
    std::string_view errorCode;  // e.g. "invalid_company_name"
    std::string_view what;       // e.g. "the company name", for the message
    std::size_t minBytes = 0;
    std::size_t maxBytes = 0;
    bool multiline = false;  // line breaks and tabs allowed
};

common::Result<std::string> normalizeTextField(std::string_view input, const TextFieldRule& rule);

}  // namespace vp::domain::enterprises
