#pragma once
// DtlsTransport: the DTLS 1.2 endpoint of one WebRTC transport, over OpenSSL
// memory BIOs. It owns no socket and no timer: the caller feeds received DTLS
// datagrams to handleDatagram(), sends what sendDatagram delivers, and calls
// onTimeout() once timeout() has elapsed.
//
// Single-threaded (its worker thread only). Callbacks run synchronously inside
// start()/handleDatagram()/onTimeout()/setRemoteFingerprint(); they must not
// call back into this transport nor destroy it (post such work instead).
//
// The handshake authenticates the peer by the fingerprint from signalling: until
// setRemoteFingerprint() has been called a finished handshake waits; a mismatch
// fails the transport. On success onConnected() delivers the SRTP keys.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/log.hpp"
#include "common/result.hpp"
#include "sfu/dtls/dtls_context.hpp"
#include "sfu/dtls/dtls_role.hpp"
#include "sfu/dtls/fingerprint.hpp"
#include "sfu/dtls/openssl_handles.hpp"
#include "sfu/dtls/srtp_keys.hpp"

struct bio_st;

namespace vp::sfu::dtls {

enum class DtlsState { New, Connecting, Connected, Failed, Closed };

struct DtlsCallbacks {
    std::function<void(std::span<const std::uint8_t>)> sendDatagram;
    std::function<void(const SrtpKeys&)> onConnected;
    std::function<void(const common::Error&)> onFailed;
    std::function<void()> onClosed;  // the peer sent close_notify
    // Decrypted application data (the data channel's SCTP, later); may be empty.
    std::function<void(std::span<const std::uint8_t>)> onApplicationData;
};

// Retransmission timer: starts at `initial`, doubles per timeout up to
// `maximum` (both at least 20 ms). OpenSSL gives up after 12 timeouts (about
// 17 s with the defaults).
struct DtlsTimerPolicy {
    std::chrono::milliseconds initial{100};
    std::chrono::milliseconds maximum{2000};
};

class DtlsTransport {
  public:
    static constexpr std::size_t kMtu = 1200;
    // Larger datagrams cannot be DTLS from a WebRTC peer and are dropped.
    static constexpr std::size_t kMaxDatagramLength = 16 * 1024 + 1024;

    DtlsTransport(const DtlsContext& context, DtlsRole role, DtlsCallbacks callbacks,
                  DtlsTimerPolicy timers = {});
    ~DtlsTransport();
    DtlsTransport(const DtlsTransport&) = delete;
    DtlsTransport& operator=(const DtlsTransport&) = delete;

    // The peer's certificate fingerprint from signalling. A malformed value or an
    // unknown algorithm is refused (the transport is unchanged). If the handshake
    // has already finished it is checked now (onConnected or onFailed follow).
    common::Status setRemoteFingerprint(std::string_view algorithm, std::string_view value);

    // Begins the handshake: a client sends its ClientHello, a server waits.
    void start();
    // One received datagram (already demultiplexed as DTLS). Anything is safe.
    void handleDatagram(std::span<const std::uint8_t> datagram);
    // Time left until onTimeout() should be called, if a retransmission timer runs.
    std::optional<std::chrono::milliseconds> timeout() const;
    // Retransmits the last flight if the timer has expired (OpenSSL checks its
    // own clock, so calling early is a harmless no-op); fails the transport
    // after too many retransmissions.
    void onTimeout();
    // Sends close_notify if connected; no callback follows locally.
    void close();

    DtlsState state() const { return state_; }
    DtlsRole role() const { return role_; }

  private:
    static unsigned int nextTimerMicros(ssl_st* ssl, unsigned int previousMicros);

    void processIncoming();
    void onHandshakeFinished();
    void verifyPeerAndConnect();
    void flushOutgoing();
    void fail(common::Error error);

    DtlsRole role_;
    DtlsCallbacks callbacks_;
    DtlsTimerPolicy timers_;
    common::Logger log_{"sfu.dtls"};
    SslPtr ssl_;
    bio_st* incoming_ = nullptr;  // owned by ssl_
    bio_st* outgoing_ = nullptr;  // owned by ssl_
    DtlsState state_ = DtlsState::New;
    bool handshakeFinished_ = false;
    std::optional<Fingerprint> remoteFingerprint_;
    std::vector<std::uint8_t> readBuffer_;
    std::vector<std::uint8_t> sendBuffer_;
};

}  // namespace vp::sfu::dtls
