#pragma once
// Certificate: the process's DTLS identity, an ECDSA P-256 key and a self-signed
// X.509 certificate made at start. Peers authenticate it by the fingerprint sent
// in signalling, not by a CA. One per process, shared by every transport.
#include <chrono>
#include <string>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "sfu/dtls/fingerprint.hpp"
#include "sfu/dtls/openssl_handles.hpp"

namespace vp::sfu::dtls {

class Certificate {
  public:
    static constexpr std::chrono::hours kDefaultValidity{24 * 30};

    // New key pair and certificate: random serial and common name, valid from
    // one day before clock.now() (tolerates peer clock skew) for `validity`.
    static common::Result<Certificate> generate(const common::Clock& clock, common::Random& random,
                                                std::chrono::hours validity = kDefaultValidity);

    // SHA-256 fingerprint, "AB:CD:..." (what signalling sends as dtlsParameters).
    const std::string& fingerprint() const { return fingerprint_.value; }
    const std::string& algorithm() const { return fingerprint_.algorithm; }

    x509_st& x509() const { return *x509_; }
    evp_pkey_st& privateKey() const { return *key_; }

  private:
    Certificate(X509Ptr x509, EvpPkeyPtr key, Fingerprint fingerprint)
        : x509_(std::move(x509)), key_(std::move(key)), fingerprint_(std::move(fingerprint)) {}

    X509Ptr x509_;
    EvpPkeyPtr key_;
    Fingerprint fingerprint_;
};

}  // namespace vp::sfu::dtls
