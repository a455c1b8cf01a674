#include "sfu/dtls/dtls_transport.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <sys/time.h>
#include <algorithm>
#include <string>
#include <utility>

#include "sfu/dtls/dtls_records.hpp"
#include "sfu/dtls/srtp_key_export.hpp"

namespace vp::sfu::dtls {
namespace {

constexpr int kTransportIndex = 0;  // SSL ex_data slot holding the DtlsTransport

// OpenSSL treats a timer with less than 15 ms left as expired, so shorter
// timers would retransmit in a loop; keep every timer above that.
unsigned int toMicros(std::chrono::milliseconds ms) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(ms).count();
    return static_cast<unsigned int>(std::clamp<long long>(us, 20'000, 60'000'000));
}

// Smallest body of a genuine encrypted record: the AEAD tag (ChaCha20-Poly1305)
// or explicit nonce + tag (AES-GCM); CBC records are longer still.
std::size_t minEncryptedBody(const SSL* ssl) {
    const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl);
    if (cipher == nullptr) {
        cipher = SSL_get_pending_cipher(ssl);
    }
    constexpr std::size_t kAeadTag = 16;
    constexpr std::size_t kGcmExplicitNonce = 8;
    if (cipher != nullptr && SSL_CIPHER_get_cipher_nid(cipher) == NID_chacha20_poly1305) {
        return kAeadTag;
    }
    return kGcmExplicitNonce + kAeadTag;
}

common::Error opensslFailure(std::string code, const std::string& what) {
    std::string detail = takeOpensslErrors();
    return common::makeError(std::move(code),
                             what + (detail.empty() ? std::string() : ": " + detail));
}

}  // namespace

DtlsTransport::DtlsTransport(const DtlsContext& context, DtlsRole role, DtlsCallbacks callbacks,
                             DtlsTimerPolicy timers)
    : role_(role),
      callbacks_(std::move(callbacks)),
      timers_(timers),
      readBuffer_(kMaxDatagramLength) {
    sendBuffer_.reserve(4 * kMtu);
    ssl_.reset(SSL_new(&context.native()));
    incoming_ = BIO_new(BIO_s_mem());
    outgoing_ = BIO_new(BIO_s_mem());
    if (!ssl_ || incoming_ == nullptr || outgoing_ == nullptr) {
        BIO_free(incoming_);
        BIO_free(outgoing_);
        incoming_ = outgoing_ = nullptr;
        ssl_.reset();  // start() reports the failure
        return;
    }
    // An empty memory BIO means "no more data yet", not end of stream.
    BIO_set_mem_eof_return(incoming_, -1);
    BIO_set_mem_eof_return(outgoing_, -1);
    SSL_set_bio(ssl_.get(), incoming_, outgoing_);
    SSL_set_ex_data(ssl_.get(), kTransportIndex, this);
    SSL_set_mtu(ssl_.get(), kMtu);
    DTLS_set_timer_cb(ssl_.get(), &DtlsTransport::nextTimerMicros);
    if (role_ == DtlsRole::Client) {
        SSL_set_connect_state(ssl_.get());
    } else {
        SSL_set_accept_state(ssl_.get());
    }
}

DtlsTransport::~DtlsTransport() = default;

unsigned int DtlsTransport::nextTimerMicros(ssl_st* ssl, unsigned int previousMicros) {
    const auto* self = static_cast<const DtlsTransport*>(SSL_get_ex_data(ssl, kTransportIndex));
    const unsigned int initial = toMicros(self->timers_.initial);
    const unsigned int maximum = std::max(initial, toMicros(self->timers_.maximum));
    if (previousMicros == 0) {
        return initial;
    }
    return previousMicros >= maximum / 2 ? maximum : previousMicros * 2;
}

common::Status DtlsTransport::setRemoteFingerprint(std::string_view algorithm,
                                                   std::string_view value) {
    auto parsed = parseFingerprint(algorithm, value);
    if (!parsed.ok()) {
        return parsed.error();
    }
    remoteFingerprint_ = std::move(parsed).value();
    if (state_ == DtlsState::Connecting && handshakeFinished_) {
        verifyPeerAndConnect();
    }
    return {};
}

void DtlsTransport::start() {
    if (state_ != DtlsState::New) {
        return;
    }
    if (!ssl_) {
        fail(opensslFailure("dtls_setup_failed", "could not create the DTLS session"));
        return;
    }
    state_ = DtlsState::Connecting;
    if (role_ == DtlsRole::Client) {
        ERR_clear_error();
        const int result = SSL_do_handshake(ssl_.get());
        const int error = SSL_get_error(ssl_.get(), result);
        if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
            fail(opensslFailure("dtls_handshake_failed", "could not start the DTLS handshake"));
            return;
        }
    }
    flushOutgoing();
}

void DtlsTransport::handleDatagram(std::span<const std::uint8_t> datagram) {
    if (state_ != DtlsState::Connecting && state_ != DtlsState::Connected) {
        return;
    }
    if (datagram.empty() || datagram.size() > kMaxDatagramLength) {
        log_.debug("dropped a datagram of impossible size",
                   {{"bytes", std::to_string(datagram.size())}});
        return;
    }
    if (!encryptedRecordsLongEnough(datagram, minEncryptedBody(ssl_.get()))) {
        log_.debug("dropped a datagram with a truncated encrypted record");
        return;
    }
    (void)BIO_reset(incoming_);
    const int length = static_cast<int>(datagram.size());
    if (BIO_write(incoming_, datagram.data(), length) != length) {
        return;
    }
    processIncoming();
    (void)BIO_reset(incoming_);  // drop whatever OpenSSL left unread
    flushOutgoing();
}

void DtlsTransport::processIncoming() {
    for (;;) {
        ERR_clear_error();
        const int read =
            SSL_read(ssl_.get(), readBuffer_.data(), static_cast<int>(readBuffer_.size()));
        if (!handshakeFinished_ && SSL_is_init_finished(ssl_.get()) == 1) {
            onHandshakeFinished();
        }
        if (state_ == DtlsState::Failed) {
            return;
        }
        if (read > 0) {
            if (state_ == DtlsState::Connected && callbacks_.onApplicationData) {
                callbacks_.onApplicationData(
                    std::span(readBuffer_.data(), static_cast<std::size_t>(read)));
            }
            continue;
        }
        switch (SSL_get_error(ssl_.get(), read)) {
            case SSL_ERROR_WANT_READ:
            case SSL_ERROR_WANT_WRITE:
                return;
            case SSL_ERROR_ZERO_RETURN:
                state_ = DtlsState::Closed;
                log_.info("dtls closed by peer");
                if (callbacks_.onClosed) {
                    callbacks_.onClosed();
                }
                return;
            default:
                fail(opensslFailure(
                    handshakeFinished_ ? "dtls_fatal_error" : "dtls_handshake_failed",
                    handshakeFinished_ ? "the DTLS session hit a fatal error"
                                       : "the DTLS handshake failed"));
                return;
        }
    }
}

void DtlsTransport::onHandshakeFinished() {
    handshakeFinished_ = true;
    flushOutgoing();  // our last flight goes out before any SRTP
    if (!remoteFingerprint_) {
        log_.debug("dtls handshake finished; waiting for the remote fingerprint");
        return;
    }
    verifyPeerAndConnect();
}

void DtlsTransport::verifyPeerAndConnect() {
    X509Ptr peer(SSL_get1_peer_certificate(ssl_.get()));
    if (!peer) {
        fail(common::makeError("dtls_no_peer_certificate",
                               "the peer sent no DTLS certificate; WebRTC peers must"));
        return;
    }
    auto actual = computeFingerprint(*peer, remoteFingerprint_->algorithm);
    if (!actual.ok()) {
        fail(actual.error());
        return;
    }
    if (actual->value != remoteFingerprint_->value) {
        ERR_clear_error();
        (void)SSL_shutdown(ssl_.get());  // close_notify: tell the peer we stop
        fail(common::makeError(
            "dtls_fingerprint_mismatch",
            "the peer's DTLS certificate has " + actual->algorithm + " fingerprint " +
                actual->value + " but signalling announced " + remoteFingerprint_->value +
                "; the peer is not the one that signalled, or dtlsParameters reached the wrong "
                "transport"));
        return;
    }
    auto keys = exportSrtpKeys(*ssl_, role_);
    if (!keys.ok()) {
        fail(keys.error());
        return;
    }
    state_ = DtlsState::Connected;
    log_.info("dtls connected", {{"role", std::string(toString(role_))},
                                 {"srtp_profile", std::string(srtp::toString(keys->profile))}});
    if (callbacks_.onConnected) {
        callbacks_.onConnected(*keys);
    }
}

std::optional<std::chrono::milliseconds> DtlsTransport::timeout() const {
    if (!ssl_ || state_ != DtlsState::Connecting) {
        return std::nullopt;
    }
    timeval left{};
    if (SSL_ctrl(ssl_.get(), DTLS_CTRL_GET_TIMEOUT, 0, &left) != 1) {
        return std::nullopt;
    }
    return std::chrono::milliseconds{static_cast<std::int64_t>(left.tv_sec) * 1000 +
                                     (static_cast<std::int64_t>(left.tv_usec) + 999) / 1000};
}

void DtlsTransport::onTimeout() {
    if (!ssl_ || state_ != DtlsState::Connecting) {
        return;
    }
    ERR_clear_error();
    if (SSL_ctrl(ssl_.get(), DTLS_CTRL_HANDLE_TIMEOUT, 0, nullptr) < 0) {
        fail(opensslFailure("dtls_handshake_timeout",
                            "the DTLS handshake got no answer after repeated retransmissions; "
                            "check that the peer's packets reach this server"));
        return;
    }
    flushOutgoing();
}

void DtlsTransport::close() {
    if (state_ == DtlsState::Failed || state_ == DtlsState::Closed) {
        return;
    }
    if (ssl_ && handshakeFinished_) {
        ERR_clear_error();
        (void)SSL_shutdown(ssl_.get());
        flushOutgoing();
    }
    state_ = DtlsState::Closed;
}

void DtlsTransport::flushOutgoing() {
    if (outgoing_ == nullptr) {
        return;
    }
    const std::size_t pending = BIO_ctrl_pending(outgoing_);
    if (pending == 0) {
        return;
    }
    // Swapped out so a misbehaving callback that re-enters cannot reuse it.
    std::vector<std::uint8_t> out;
    out.swap(sendBuffer_);
    out.resize(pending);
    const int read = BIO_read(outgoing_, out.data(), static_cast<int>(pending));
    if (read > 0 && callbacks_.sendDatagram) {
        packRecords(std::span(out.data(), static_cast<std::size_t>(read)), kMtu,
                    callbacks_.sendDatagram);
    }
    out.clear();
    sendBuffer_.swap(out);
}

void DtlsTransport::fail(common::Error error) {
    if (state_ == DtlsState::Failed || state_ == DtlsState::Closed) {
        return;
    }
    flushOutgoing();  // a fatal alert OpenSSL queued tells the peer
    state_ = DtlsState::Failed;
    log_.warn("dtls failed", {{"code", error.code}, {"reason", error.message}});
    if (callbacks_.onFailed) {
        callbacks_.onFailed(error);
    }
}

}  // namespace vp::sfu::dtls
