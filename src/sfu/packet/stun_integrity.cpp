#include "sfu/packet/stun_integrity.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace vp::sfu::packet {

namespace {

constexpr std::array<std::uint32_t, 256> makeCrcTable() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) {
            c = (c & 1u) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        table[i] = c;
    }
    return table;
}

constexpr auto kCrcTable = makeCrcTable();

// Fetched once; EVP_MAC objects are reference counted and thread-safe to share.
EVP_MAC* hmacAlgorithm() {
    static EVP_MAC* mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
    return mac;
}

}  // namespace

std::uint32_t crc32(Bytes data, std::uint32_t previous) {
    std::uint32_t c = previous ^ 0xFFFFFFFFu;
    for (std::uint8_t b : data) {
        c = kCrcTable[(c ^ b) & 0xFFu] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

std::optional<HmacSha1> hmacSha1(Bytes key, std::initializer_list<Bytes> parts) {
    EVP_MAC* mac = hmacAlgorithm();
    if (mac == nullptr) {
        return std::nullopt;
    }
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    if (ctx == nullptr) {
        return std::nullopt;
    }
    char digest[] = "SHA1";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    static const std::uint8_t kEmptyKey = 0;
    bool ok = EVP_MAC_init(ctx, key.empty() ? &kEmptyKey : key.data(), key.size(), params) == 1;
    for (Bytes part : parts) {
        ok = ok && EVP_MAC_update(ctx, part.data(), part.size()) == 1;
    }
    HmacSha1 out{};
    std::size_t outSize = 0;
    ok = ok && EVP_MAC_final(ctx, out.data(), &outSize, out.size()) == 1 && outSize == out.size();
    EVP_MAC_CTX_free(ctx);
    if (!ok) {
        return std::nullopt;
    }
    return out;
}

bool equalsConstantTime(Bytes a, Bytes b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace vp::sfu::packet
