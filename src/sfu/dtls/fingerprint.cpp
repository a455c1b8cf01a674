#include "sfu/dtls/fingerprint.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <array>
#include <cctype>

#include "sfu/dtls/openssl_handles.hpp"

namespace vp::sfu::dtls {
namespace {

struct DigestInfo {
    std::string_view name;
    const EVP_MD* (*md)();
};

constexpr std::array<DigestInfo, 5> kDigests{{
    {"sha-1", &EVP_sha1},
    {"sha-224", &EVP_sha224},
    {"sha-256", &EVP_sha256},
    {"sha-384", &EVP_sha384},
    {"sha-512", &EVP_sha512},
}};

std::string lowerCase(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

const DigestInfo* findDigest(std::string_view algorithm) {
    const std::string name = lowerCase(algorithm);
    for (const DigestInfo& digest : kDigests) {
        if (digest.name == name) {
            return &digest;
        }
    }
    return nullptr;
}

common::Error unsupportedAlgorithm(std::string_view algorithm) {
    return common::makeError("dtls_fingerprint_algorithm",
                             "unsupported DTLS fingerprint algorithm '" +
                                 std::string(algorithm.substr(0, 32)) +
                                 "'; use sha-1, sha-224, sha-256, sha-384 or sha-512");
}

std::string hexWithColons(const unsigned char* bytes, unsigned int length) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(length * 3);
    for (unsigned int i = 0; i < length; ++i) {
        if (i != 0) {
            out.push_back(':');
        }
        out.push_back(kHex[bytes[i] >> 4]);
        out.push_back(kHex[bytes[i] & 0xF]);
    }
    return out;
}

bool isHexDigit(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

common::Result<Fingerprint> parseFingerprint(std::string_view algorithm, std::string_view value) {
    const DigestInfo* digest = findDigest(algorithm);
    if (digest == nullptr) {
        return unsupportedAlgorithm(algorithm);
    }
    const auto bytes = static_cast<std::size_t>(EVP_MD_get_size(digest->md()));
    bool wellFormed = value.size() == bytes * 3 - 1;
    for (std::size_t i = 0; wellFormed && i < value.size(); ++i) {
        wellFormed = (i % 3 == 2) ? value[i] == ':' : isHexDigit(value[i]);
    }
    if (!wellFormed) {
        return common::makeError("dtls_fingerprint_malformed",
                                 "the " + std::string(digest->name) + " fingerprint must be " +
                                     std::to_string(bytes) +
                                     " hex byte pairs separated by ':' (as in SDP a=fingerprint)");
    }
    std::string upper(value);
    for (char& c : upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return Fingerprint{std::string(digest->name), std::move(upper)};
}

common::Result<Fingerprint> computeFingerprint(x509_st& certificate, std::string_view algorithm) {
    const DigestInfo* digest = findDigest(algorithm);
    if (digest == nullptr) {
        return unsupportedAlgorithm(algorithm);
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int length = 0;
    if (X509_digest(&certificate, digest->md(), out.data(), &length) != 1) {
        return common::makeError("dtls_fingerprint_failed",
                                 "could not hash the certificate: " + takeOpensslErrors());
    }
    return Fingerprint{std::string(digest->name), hexWithColons(out.data(), length)};
}

}  // namespace vp::sfu::dtls
