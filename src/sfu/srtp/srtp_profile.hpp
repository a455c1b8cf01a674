#pragma once
// The SRTP protection profiles the media core negotiates over DTLS-SRTP
// (RFC 5764, RFC 7714) and the size of their master key and salt.
#include <cstddef>
#include <string_view>

namespace vp::sfu::srtp {

enum class SrtpProfile {
    AesCm128HmacSha1_80,  // SRTP_AES128_CM_SHA1_80: 16-byte key, 14-byte salt, 10-byte tag
    AeadAes128Gcm,        // SRTP_AEAD_AES_128_GCM: 16-byte key, 12-byte salt, 16-byte tag
};

constexpr std::size_t masterKeyLength(SrtpProfile) {
    return 16;
}

constexpr std::size_t masterSaltLength(SrtpProfile profile) {
    return profile == SrtpProfile::AeadAes128Gcm ? 12 : 14;
}

constexpr std::size_t keyAndSaltLength(SrtpProfile profile) {
    return masterKeyLength(profile) + masterSaltLength(profile);
}

// The longest key + salt of any supported profile (for fixed-size buffers).
inline constexpr std::size_t kMaxKeyAndSaltLength = 30;

constexpr std::string_view toString(SrtpProfile profile) {
    return profile == SrtpProfile::AeadAes128Gcm ? "AEAD_AES_128_GCM" : "AES_CM_128_HMAC_SHA1_80";
}

}  // namespace vp::sfu::srtp
