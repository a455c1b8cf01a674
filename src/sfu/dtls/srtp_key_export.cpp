#include "sfu/dtls/srtp_key_export.hpp"

#include <openssl/crypto.h>
#include <openssl/srtp.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <string>

#include "sfu/dtls/openssl_handles.hpp"

namespace vp::sfu::dtls {
namespace {

constexpr char kExporterLabel[] = "EXTRACTOR-dtls_srtp";

std::vector<std::uint8_t> keyAndSalt(std::span<const std::uint8_t> key,
                                     std::span<const std::uint8_t> salt) {
    std::vector<std::uint8_t> out(key.size() + salt.size());
    std::copy(key.begin(), key.end(), out.begin());
    std::copy(salt.begin(), salt.end(), out.begin() + static_cast<std::ptrdiff_t>(key.size()));
    return out;
}

}  // namespace

common::Result<SrtpKeys> splitKeyingMaterial(srtp::SrtpProfile profile, DtlsRole localRole,
                                             std::span<const std::uint8_t> material) {
    const std::size_t keyLength = srtp::masterKeyLength(profile);
    const std::size_t saltLength = srtp::masterSaltLength(profile);
    if (material.size() != 2 * (keyLength + saltLength)) {
        return common::makeError("dtls_srtp_keying_material",
                                 "DTLS-SRTP keying material has " +
                                     std::to_string(material.size()) + " bytes, " +
                                     std::string(srtp::toString(profile)) + " needs " +
                                     std::to_string(2 * (keyLength + saltLength)));
    }
    const auto clientKey = material.subspan(0, keyLength);
    const auto serverKey = material.subspan(keyLength, keyLength);
    const auto clientSalt = material.subspan(2 * keyLength, saltLength);
    const auto serverSalt = material.subspan(2 * keyLength + saltLength, saltLength);
    auto client = keyAndSalt(clientKey, clientSalt);
    auto server = keyAndSalt(serverKey, serverSalt);
    if (localRole == DtlsRole::Client) {
        return SrtpKeys{profile, std::move(client), std::move(server)};
    }
    return SrtpKeys{profile, std::move(server), std::move(client)};
}

common::Result<SrtpKeys> exportSrtpKeys(ssl_st& ssl, DtlsRole localRole) {
    const SRTP_PROTECTION_PROFILE* selected = SSL_get_selected_srtp_profile(&ssl);
    if (selected == nullptr) {
        return common::makeError("dtls_no_srtp_profile",
                                 "the peer negotiated no SRTP protection profile; it must offer "
                                 "AEAD_AES_128_GCM or AES_CM_128_HMAC_SHA1_80 (use_srtp)");
    }
    srtp::SrtpProfile profile{};
    switch (selected->id) {
        case SRTP_AES128_CM_SHA1_80:
            profile = srtp::SrtpProfile::AesCm128HmacSha1_80;
            break;
        case SRTP_AEAD_AES_128_GCM:
            profile = srtp::SrtpProfile::AeadAes128Gcm;
            break;
        default:
            return common::makeError("dtls_unsupported_srtp_profile",
                                     "the peer negotiated SRTP profile " +
                                         std::string(selected->name) + ", which is not supported");
    }
    std::array<std::uint8_t, 2 * srtp::kMaxKeyAndSaltLength> material{};
    const std::size_t length = 2 * srtp::keyAndSaltLength(profile);
    if (SSL_export_keying_material(&ssl, material.data(), length, kExporterLabel,
                                   sizeof(kExporterLabel) - 1, nullptr, 0, 0) != 1) {
        return common::makeError(
            "dtls_key_export_failed",
            "could not export DTLS-SRTP keying material: " + takeOpensslErrors());
    }
    auto keys = splitKeyingMaterial(profile, localRole, std::span(material.data(), length));
    OPENSSL_cleanse(material.data(), material.size());
    return keys;
}

}  // namespace vp::sfu::dtls
