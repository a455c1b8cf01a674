// TLS server context: PEM files from configuration, or an in-memory ECDSA P-256
// self-signed certificate for LAN trials (browsers will warn; that is expected).
#include "api/http/detail/tls_context.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <boost/asio/ssl/context.hpp>

namespace vp::api::http::detail {

namespace ssl = boost::asio::ssl;

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
struct ExtFree {
    void operator()(X509_EXTENSION* e) const { X509_EXTENSION_free(e); }
};

common::Error tlsError(std::string what) {
    return common::makeError("tls_setup_failed",
                             what +
                                 ". Check the certificate and key files (PEM) or use "
                                 "--self-signed for a LAN trial.");
}

common::Status useSelfSigned(ssl::context& ctx) {
    std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    std::unique_ptr<X509, X509Free> cert(X509_new());
    if (!key || !cert) {
        return tlsError("cannot generate an ECDSA P-256 key");
    }
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1) {
        return tlsError("no randomness for the certificate serial");
    }
    serial[0] &= 0x7F;  // positive
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_set_version(cert.get(), 2);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    const std::string cn = "VideoPro self-signed";
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, cert.get(), cert.get(), nullptr, nullptr, 0);
    std::unique_ptr<X509_EXTENSION, ExtFree> san(X509V3_EXT_conf_nid(
        nullptr, &v3, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"));
    if (!san || X509_add_ext(cert.get(), san.get(), -1) != 1 ||
        X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
        return tlsError("cannot sign the self-signed certificate");
    }
    if (SSL_CTX_use_certificate(ctx.native_handle(), cert.get()) != 1 ||
        SSL_CTX_use_PrivateKey(ctx.native_handle(), key.get()) != 1) {
        return tlsError("cannot install the self-signed certificate");
    }
    return {};
}

}  // namespace

common::Result<std::shared_ptr<ssl::context>> makeTlsContext(const ServerOptions& options) {
    if (!options.tls && !options.selfSigned) {
        return std::shared_ptr<ssl::context>{};
    }
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                     ssl::context::single_dh_use);
    if (options.tls) {
        boost::system::error_code ec;
        ctx->use_certificate_chain_file(options.tls->certFile, ec);
        if (ec) {
            return tlsError("cannot load certificate " + options.tls->certFile + ": " +
                            ec.message());
        }
        ctx->use_private_key_file(options.tls->keyFile, ssl::context::pem, ec);
        if (ec) {
            return tlsError("cannot load private key " + options.tls->keyFile + ": " +
                            ec.message());
        }
    } else if (auto st = useSelfSigned(*ctx); !st) {
        return st.error();
    }
    return ctx;
}

}  // namespace vp::api::http::detail
