#pragma once
// DtlsContext: the process-wide DTLS configuration every DtlsTransport is made
// from: our Certificate, DTLS 1.2 only, ECDHE cipher suites, the SRTP profiles
// we offer (in preference order) and a verifier that accepts self-signed peer
// certificates (the transport authenticates them by fingerprint).
#include <vector>

#include "common/result.hpp"
#include "sfu/dtls/certificate.hpp"
#include "sfu/dtls/openssl_handles.hpp"
#include "sfu/srtp/srtp_profile.hpp"

namespace vp::sfu::dtls {

struct DtlsContextOptions {
    // Offered / accepted SRTP profiles, most preferred first (the server's
    // order decides). Must not be empty.
    std::vector<srtp::SrtpProfile> srtpProfiles{srtp::SrtpProfile::AeadAes128Gcm,
                                                srtp::SrtpProfile::AesCm128HmacSha1_80};
};

class DtlsContext {
  public:
    static common::Result<DtlsContext> create(Certificate certificate,
                                              const DtlsContextOptions& options = {});

    const Certificate& certificate() const { return certificate_; }
    ssl_ctx_st& native() const { return *ctx_; }

  private:
    DtlsContext(Certificate certificate, SslCtxPtr ctx)
        : certificate_(std::move(certificate)), ctx_(std::move(ctx)) {}

    Certificate certificate_;
    SslCtxPtr ctx_;
};

}  // namespace vp::sfu::dtls
