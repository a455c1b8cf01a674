// TLS: the self-signed LAN-trial certificate and the error for missing PEM files.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server_fixture.hpp"

namespace vp::api::testing {
namespace {

// GET over TLS with OpenSSL directly; returns the raw response text and the
// server's key type and size.
struct TlsResult {
    std::string response;
    bool ecKey = false;
    int keyBits = 0;
};

TlsResult tlsGet(std::uint16_t port, const std::string& target) {
    TlsResult result;
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return result;
    }
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) == 1) {
        if (X509* cert = SSL_get1_peer_certificate(ssl)) {
            EVP_PKEY* key = X509_get0_pubkey(cert);
            result.ecKey = EVP_PKEY_is_a(key, "EC") == 1;
            result.keyBits = EVP_PKEY_get_bits(key);
            X509_free(cert);
        }
        const std::string req =
            "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        SSL_write(ssl, req.data(), static_cast<int>(req.size()));
        char buf[4096];
        int n;
        while ((n = SSL_read(ssl, buf, sizeof buf)) > 0) {
            result.response.append(buf, static_cast<std::size_t>(n));
        }
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    ::close(fd);
    return result;
}

class TlsTest : public ServerFixture {};

TEST_F(TlsTest, SelfSignedServesHttpsWithAnEcdsaP256Certificate) {
    options.selfSigned = true;
    start();
    EXPECT_EQ(server->baseUrl().substr(0, 8), "https://");
    auto result = tlsGet(port, "/healthz");
    EXPECT_EQ(result.response.substr(0, 15), "HTTP/1.1 200 OK") << result.response;
    EXPECT_NE(result.response.find(R"({"status":"alive"})"), std::string::npos);
    EXPECT_TRUE(result.ecKey);
    EXPECT_EQ(result.keyBits, 256);
}

TEST_F(TlsTest, MissingCertificateFileFailsStartWithItsName) {
    options.tls = TlsFiles{"/nonexistent/cert.pem", "/nonexistent/key.pem"};
    Router r;
    HttpServer s(options, r);
    auto status = s.start();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message.find("/nonexistent/cert.pem"), std::string::npos);
}

}  // namespace
}  // namespace vp::api::testing
