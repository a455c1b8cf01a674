#pragma once
// WebRtcClient: the browser's side of one WebRTC transport, built from the same
// stack as the server: a UDP socket of its own, a controlling IceClient, a
// DtlsTransport (client role, as mediasoup-client's browsers take it) and two
// SrtpSessions. For the integration tests and, later, the load client.
//
// Single-threaded and driven by its owner: poll() flushes, waits for datagrams
// or the next timer (ICE retransmission, DTLS retransmission, keep-alive) and
// handles them. Callbacks run inside poll().
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "sfu/dtls/dtls_context.hpp"
#include "sfu/dtls/dtls_transport.hpp"
#include "sfu/ice/ice_client.hpp"
#include "sfu/ice/ice_parameters.hpp"
#include "sfu/net/linux_udp_socket.hpp"
#include "sfu/packet/rtp_packet.hpp"
#include "sfu/srtp/srtp_session.hpp"

namespace vp::sfu::client {

struct WebRtcClientOptions {
    std::string host = "127.0.0.1";
    std::size_t sendQueueCapacity = 8192;
    // Consent refresh (a binding request) while connected; 0 = never (tests of
    // the server's consent timeout).
    std::chrono::milliseconds keepaliveInterval{2000};
    // Our ICE credentials; empty = random (a peer that reads them from SDP needs them first).
    std::string iceUfrag;
    std::string icePassword;
};

// What the server told us about its transport (signalling).
struct RemoteTransport {
    ice::IceParameters iceParameters;
    net::SocketAddress address;  // from the ICE candidate
    std::string fingerprintAlgorithm = "sha-256";
    std::string fingerprintValue;
};

struct WebRtcClientStats {
    std::uint64_t rtpSent = 0;
    std::uint64_t rtcpSent = 0;
    std::uint64_t rtpReceived = 0;
    std::uint64_t rtcpReceived = 0;
    std::uint64_t srtpErrors = 0;
    std::uint64_t sendDrops = 0;
};

class WebRtcClient {
  public:
    using RtpHandler = std::function<void(const packet::RtpPacketView&)>;
    using RtcpHandler = std::function<void(std::span<const std::uint8_t>)>;

    // `context` (our certificate) must outlive the client.
    static common::Result<std::unique_ptr<WebRtcClient>> create(const dtls::DtlsContext& context,
                                                                const common::Clock& clock,
                                                                common::Random& random,
                                                                WebRtcClientOptions options = {});
    ~WebRtcClient();
    WebRtcClient(const WebRtcClient&) = delete;
    WebRtcClient& operator=(const WebRtcClient&) = delete;

    // Our dtlsParameters for the server: role "client", this fingerprint.
    const std::string& fingerprintAlgorithm() const;
    const std::string& fingerprintValue() const;
    const net::SocketAddress& localAddress() const { return socket_->localAddress(); }
    // The UDP socket, for callers that multiplex many clients with epoll.
    int fd() const { return socket_->fd(); }

    // Starts ICE (nominating); DTLS follows once the check succeeded.
    common::Status connect(RemoteTransport remote);
    // One round: flush, wait up to maxWait (less if a timer is due), handle.
    void poll(std::chrono::milliseconds maxWait);
    // Polls until done() or the timeout; returns done().
    bool runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);

    bool iceSucceeded() const { return ice_ && ice_->state() == ice::IceClientState::Succeeded; }
    bool connected() const { return srtpOut_.has_value(); }
    bool failed() const { return failure_.has_value(); }
    const std::optional<common::Error>& failure() const { return failure_; }

    // Protects and queues one RTP / RTCP packet (flushed by the next poll()).
    common::Status sendRtp(std::span<const std::uint8_t> packet);
    common::Status sendRtcp(std::span<const std::uint8_t> packet);
    void setRtpHandler(RtpHandler handler) { onRtp_ = std::move(handler); }
    void setRtcpHandler(RtcpHandler handler) { onRtcp_ = std::move(handler); }
    // Stops answering and sending anything (a peer that went away); the socket stays.
    void goSilent() { silent_ = true; }

    const WebRtcClientStats& stats() const { return stats_; }

  private:
    WebRtcClient(const dtls::DtlsContext& context, const common::Clock& clock,
                 common::Random& random, WebRtcClientOptions options,
                 std::unique_ptr<net::LinuxUdpSocket> socket);
    void receive(std::span<const std::uint8_t> data, const net::SocketAddress& from);
    // Answers a binding request from a full ICE peer (MESSAGE-INTEGRITY with our password).
    void answerBindingRequest(const packet::StunMessageView& request,
                              const net::SocketAddress& from);
    void receiveMedia(std::span<const std::uint8_t> data, bool rtcp);
    void startDtls();
    void runTimers();
    std::chrono::milliseconds nextWait(std::chrono::milliseconds maxWait) const;
    common::Status protectAndSend(std::span<const std::uint8_t> packet, bool rtcp);

    const dtls::DtlsContext& context_;
    const common::Clock& clock_;
    common::Random& random_;
    WebRtcClientOptions options_;
    std::unique_ptr<net::LinuxUdpSocket> socket_;
    std::optional<RemoteTransport> remote_;
    std::string localPassword_;
    std::unique_ptr<ice::IceClient> ice_;
    std::unique_ptr<dtls::DtlsTransport> dtls_;
    std::optional<srtp::SrtpSession> srtpIn_;
    std::optional<srtp::SrtpSession> srtpOut_;
    std::optional<common::Error> failure_;
    std::chrono::steady_clock::time_point nextKeepalive_{};
    bool silent_ = false;
    RtpHandler onRtp_;
    RtcpHandler onRtcp_;
    WebRtcClientStats stats_;
    std::array<std::uint8_t, 1600 + srtp::SrtpSession::kProtectOverhead> buffer_{};
};

}  // namespace vp::sfu::client
