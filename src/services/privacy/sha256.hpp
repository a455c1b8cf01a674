#pragma once
// Lowercase hex SHA-256 (libsodium), the hash of the audit chain.
#include <string>
#include <string_view>

namespace vp::services::privacy {

std::string sha256Hex(std::string_view bytes);

}  // namespace vp::services::privacy
