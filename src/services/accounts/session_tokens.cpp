#include "services/accounts/session_tokens.hpp"

#include <sodium.h>

#include <array>

namespace vp::services::accounts {
namespace {

std::string sha256Hex(std::string_view input) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(input.data()),
                       input.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), digest.size() * 2);
}

}  // namespace

std::string newSessionToken(common::Random& random) {
    return random.hexToken(kSessionTokenBytes);
}

bool wellFormedSessionToken(std::string_view token) {
    if (token.size() != kSessionTokenBytes * 2) {
        return false;
    }
    for (char c : token) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

std::string hashSessionToken(std::string_view token) {
    return sha256Hex(token);
}

std::string csrfTokenFor(std::string_view token) {
    std::string input("vp-csrf");
    input.push_back('\0');
    input.append(token);
    return sha256Hex(input);
}

}  // namespace vp::services::accounts
