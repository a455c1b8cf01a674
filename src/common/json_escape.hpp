#pragma once
#include <string>
#include <string_view>

namespace vp::common {

// Appends `text` to `out` as the inside of a JSON string literal (no quotes).
void appendJsonEscaped(std::string& out, std::string_view text);
// `text` as a complete JSON string literal, quotes included.
std::string jsonString(std::string_view text);

}  // namespace vp::common
