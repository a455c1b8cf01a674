#include "services/privacy/pseudonymiser.hpp"

#include <sodium.h>

#include <algorithm>

namespace vp::services::privacy {

common::Result<Pseudonymiser> Pseudonymiser::fromKey(std::span<const std::uint8_t> key) {
    if (key.size() != kPseudonymKeyBytes) {
        return common::makeError("privacy.bad_key", "the pseudonym key must have 32 bytes");
    }
    if (sodium_init() < 0) {
        return common::makeError("privacy.bad_key", "libsodium could not be initialised");
    }
    Pseudonymiser p;
    std::copy(key.begin(), key.end(), p.key_.begin());
    return p;
}

std::string Pseudonymiser::pseudonym(std::string_view scope, std::string_view value) const {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
    const unsigned char zero = 0;
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(scope.data()),
                                  scope.size());
    crypto_auth_hmacsha256_update(&state, &zero, 1);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(value.data()),
                                  value.size());
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256_final(&state, mac.data());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "anon-";
    for (std::size_t i = 0; i < 8; ++i) {
        out += kHex[mac[i] >> 4];
        out += kHex[mac[i] & 0xF];
    }
    return out;
}

}  // namespace vp::services::privacy
