#include "sfu/dtls/certificate.hpp"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <array>
#include <ctime>
#include <memory>

namespace vp::sfu::dtls {
namespace {

common::Error generationError(const std::string& step) {
    return common::makeError("dtls_certificate_failed", "could not create the DTLS certificate (" +
                                                            step + "): " + takeOpensslErrors());
}

bool setRandomSerial(X509& x509, common::Random& random) {
    std::array<std::uint8_t, 16> bytes{};
    random.fill(bytes);
    bytes[0] = static_cast<std::uint8_t>((bytes[0] & 0x7F) | 0x01);  // positive, non-zero
    std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(
        BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr), &BN_free);
    return serial != nullptr && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(&x509));
}

bool setValidity(X509& x509, const common::Clock& clock, std::chrono::hours validity) {
    std::time_t now = std::chrono::system_clock::to_time_t(clock.now());
    const auto days = static_cast<int>(validity.count() / 24);
    const auto seconds = static_cast<long>((validity.count() % 24) * 3600);
    return X509_time_adj_ex(X509_getm_notBefore(&x509), -1, 0, &now) != nullptr &&
           X509_time_adj_ex(X509_getm_notAfter(&x509), days, seconds, &now) != nullptr;
}

bool setSubjectAndIssuer(X509& x509, const std::string& commonName) {
    X509_NAME* name = X509_get_subject_name(&x509);
    const auto* cn = reinterpret_cast<const unsigned char*>(commonName.c_str());
    return X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0) == 1 &&
           X509_set_issuer_name(&x509, name) == 1;
}

}  // namespace

common::Result<Certificate> Certificate::generate(const common::Clock& clock,
                                                  common::Random& random,
                                                  std::chrono::hours validity) {
    EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) {
        return generationError("ECDSA P-256 key");
    }
    X509Ptr x509(X509_new());
    if (!x509 || X509_set_version(x509.get(), 2) != 1) {
        return generationError("X.509 structure");
    }
    if (!setRandomSerial(*x509, random)) {
        return generationError("serial number");
    }
    if (!setValidity(*x509, clock, validity)) {
        return generationError("validity period");
    }
    if (!setSubjectAndIssuer(*x509, "videopro-" + random.hexToken(8))) {
        return generationError("subject name");
    }
    if (X509_set_pubkey(x509.get(), key.get()) != 1) {
        return generationError("public key");
    }
    if (X509_sign(x509.get(), key.get(), EVP_sha256()) == 0) {
        return generationError("signature");
    }
    auto fingerprint = computeFingerprint(*x509, "sha-256");
    if (!fingerprint.ok()) {
        return fingerprint.error();
    }
    return Certificate(std::move(x509), std::move(key), std::move(fingerprint).value());
}

}  // namespace vp::sfu::dtls
