#include "sfu/dtls/openssl_handles.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <array>

namespace vp::sfu::dtls {

void X509Free::operator()(x509_st* x509) const {
    X509_free(x509);
}
void EvpPkeyFree::operator()(evp_pkey_st* key) const {
    EVP_PKEY_free(key);
}
void SslCtxFree::operator()(ssl_ctx_st* ctx) const {
    SSL_CTX_free(ctx);
}
void SslFree::operator()(ssl_st* ssl) const {
    SSL_free(ssl);
}

std::string takeOpensslErrors() {
    std::string out;
    std::array<char, 256> line{};
    for (unsigned long code = ERR_get_error(); code != 0; code = ERR_get_error()) {
        ERR_error_string_n(code, line.data(), line.size());
        if (!out.empty()) {
            out += "; ";
        }
        out += line.data();
    }
    return out;
}

}  // namespace vp::sfu::dtls
