#pragma once
// Owning handles for OpenSSL objects, declared without OpenSSL's headers so the
// public headers of sfu/dtls stay free of them.
#include <memory>
#include <string>

struct x509_st;
struct evp_pkey_st;
struct ssl_ctx_st;
struct ssl_st;

namespace vp::sfu::dtls {

struct X509Free {
    void operator()(x509_st* x509) const;
};
struct EvpPkeyFree {
    void operator()(evp_pkey_st* key) const;
};
struct SslCtxFree {
    void operator()(ssl_ctx_st* ctx) const;
};
struct SslFree {
    void operator()(ssl_st* ssl) const;
};

using X509Ptr = std::unique_ptr<x509_st, X509Free>;
using EvpPkeyPtr = std::unique_ptr<evp_pkey_st, EvpPkeyFree>;
using SslCtxPtr = std::unique_ptr<ssl_ctx_st, SslCtxFree>;
using SslPtr = std::unique_ptr<ssl_st, SslFree>;

// Empties OpenSSL's thread-local error queue into one line ("" when empty), for
// error messages.
std::string takeOpensslErrors();

}  // namespace vp::sfu::dtls
