#include "sfu/dtls/dtls_context.hpp"

#include <openssl/ssl.h>

#include <string>

namespace vp::sfu::dtls {
namespace {

// ECDHE with AEAD first; ECDSA suites for our certificate, RSA ones for peers
// (acting as DTLS server) that still use RSA certificates.
constexpr const char* kCipherList =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA";

// Self-signed peer certificates are expected: the fingerprint check after the
// handshake is what authenticates the peer.
int acceptAnyCertificate(int /*preverifyOk*/, X509_STORE_CTX* /*store*/) {
    return 1;
}

std::string srtpProfileList(const std::vector<srtp::SrtpProfile>& profiles) {
    std::string list;
    for (srtp::SrtpProfile profile : profiles) {
        if (!list.empty()) {
            list += ':';
        }
        list += profile == srtp::SrtpProfile::AeadAes128Gcm ? "SRTP_AEAD_AES_128_GCM"
                                                            : "SRTP_AES128_CM_SHA1_80";
    }
    return list;
}

common::Error contextError(const std::string& step) {
    return common::makeError("dtls_context_failed",
                             "could not configure DTLS (" + step + "): " + takeOpensslErrors());
}

}  // namespace

common::Result<DtlsContext> DtlsContext::create(Certificate certificate,
                                                const DtlsContextOptions& options) {
    if (options.srtpProfiles.empty()) {
        return common::makeError("dtls_no_srtp_profiles",
                                 "DtlsContextOptions.srtpProfiles is empty; enable at least one "
                                 "SRTP profile");
    }
    SslCtxPtr ctx(SSL_CTX_new(DTLS_method()));
    if (!ctx) {
        return contextError("SSL_CTX_new");
    }
    SSL_CTX* raw = ctx.get();
    if (SSL_CTX_set_min_proto_version(raw, DTLS1_2_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(raw, DTLS1_2_VERSION) != 1) {
        return contextError("DTLS 1.2 only");
    }
    if (SSL_CTX_use_certificate(raw, &certificate.x509()) != 1 ||
        SSL_CTX_use_PrivateKey(raw, &certificate.privateKey()) != 1 ||
        SSL_CTX_check_private_key(raw) != 1) {
        return contextError("certificate and key");
    }
    SSL_CTX_set_options(raw, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_TICKET |
                                 SSL_OP_NO_QUERY_MTU | SSL_OP_NO_RENEGOTIATION);
    SSL_CTX_set_session_cache_mode(raw, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_verify(raw, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                       acceptAnyCertificate);
    SSL_CTX_set_verify_depth(raw, 4);
    if (SSL_CTX_set_cipher_list(raw, kCipherList) != 1) {
        return contextError("cipher list");
    }
    if (SSL_CTX_set1_groups_list(raw, "X25519:P-256") != 1) {
        return contextError("key exchange groups");
    }
    // Note: returns 0 on success.
    if (SSL_CTX_set_tlsext_use_srtp(raw, srtpProfileList(options.srtpProfiles).c_str()) != 0) {
        return contextError("SRTP profiles");
    }
    return DtlsContext(std::move(certificate), std::move(ctx));
}

}  // namespace vp::sfu::dtls
