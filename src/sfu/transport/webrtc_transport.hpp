#pragma once
// WebRtcTransport: one browser's ICE -> DTLS -> SRTP pipeline on a worker.
//
//   worker socket -> UdpMux -> receiveStun      -> IceServer (ICE-lite, consent)
//                           -> receiveDatagram  -> DTLS: DtlsTransport (handshake, keys)
//                                               -> RTP:  SRTP unprotect -> events.onRtp
//                                               -> RTCP: SRTCP unprotect -> PLI/FIR ->
//                                                        events.onKeyframeRequest
//   router -> sendRtp / sendRtcp (RtpSink/RtcpSink) -> SRTP protect -> socket ->
//                                                      the selected ICE tuple
//
// It owns no socket, mux or loop: they come from the worker in TransportContext,
// which is also the seam the unit tests use. Single-threaded: the worker thread
// only. Event callbacks run inside the transport's handlers; they must not destroy
// the transport (post that instead).
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/clock.hpp"
#include "common/log.hpp"
#include "common/result.hpp"
#include "sfu/bwe/bandwidth_estimator.hpp"
#include "sfu/bwe/feedback_adapter.hpp"
#include "sfu/bwe/send_history.hpp"
#include "sfu/dtls/dtls_context.hpp"
#include "sfu/dtls/dtls_role.hpp"
#include "sfu/dtls/dtls_transport.hpp"
#include "sfu/ice/ice_server.hpp"
#include "sfu/ice/udp_mux.hpp"
#include "sfu/net/udp_socket.hpp"
#include "sfu/packet/rtcp/nack.hpp"
#include "sfu/packet/rtcp/report_block.hpp"
#include "sfu/packet/rtcp/sender_report.hpp"
#include "sfu/packet/rtp_packet.hpp"
#include "sfu/router/sinks.hpp"
#include "sfu/srtp/srtp_session.hpp"
#include "sfu/transport/transport_cc_feedback.hpp"
#include "sfu/worker/event_loop.hpp"

namespace vp::sfu::transport {

// What a transport borrows from its worker; everything must outlive it.
struct TransportContext {
    net::UdpSocket& socket;
    ice::UdpMux& mux;
    worker::EventLoop& loop;
    const dtls::DtlsContext& dtls;
    const common::Clock& clock;
};

struct WebRtcTransportOptions {
    std::string id;
    ice::IceParameters iceParameters;
    std::chrono::milliseconds consentTimeout{30'000};
    std::chrono::milliseconds consentCheckInterval{1'000};
    std::size_t maxSsrcs = 64;                  // distinct SSRCs accepted inbound (SRTP streams)
    std::size_t maxPendingDtls = 8;             // DTLS datagrams kept until connect()
    std::optional<std::uint8_t> absSendTimeId;  // rewritten on egress when set
    // Inbound transport-wide sequence numbers: transport-cc feedback to the peer
    // every transportCcInterval when set (TransportCcFeedback).
    std::optional<std::uint8_t> transportCcId;
    std::chrono::milliseconds transportCcInterval{100};
    // Outbound: packets carrying the transport-cc extension (consumers that
    // negotiated it) get our transport-wide sequence number; the peer's
    // transport-cc feedback (or REMB) feeds this estimator (SendSideBwe).
    bwe::BandwidthEstimatorOptions bandwidthEstimator;
    // How often events.onRtcpReportDue fires while connected (SR/RR); 0 = never.
    std::chrono::milliseconds rtcpReportInterval{1'000};
    dtls::DtlsTimerPolicy dtlsTimers;
};

struct WebRtcTransportEvents {
    std::function<void(ice::IceState)> onIceState;
    // `error` is set for Failed (a wrong fingerprint, a handshake timeout, ...).
    std::function<void(dtls::DtlsState, const common::Error* error)> onDtlsState;
    // A decrypted RTP packet from the peer; valid during the call only.
    std::function<void(packet::MutableRtpPacket&)> onRtp;
    // The peer asked (PLI/FIR) for a keyframe of a stream we send it.
    std::function<void(std::uint32_t mediaSsrc)> onKeyframeRequest;
    // The peer lost packets of a stream we send it (generic NACK).
    std::function<void(const packet::rtcp::NackView&)> onNack;
    // A report block (from the peer's RR or SR) about a stream we send it.
    std::function<void(const packet::rtcp::ReportBlock&)> onReceiverReport;
    // The peer's sender report about a stream it sends us.
    std::function<void(const packet::rtcp::SenderInfo&)> onSenderReport;
    // Time to send our periodic reports (every rtcpReportInterval, when connected).
    std::function<void()> onRtcpReportDue;
    // The send-side bandwidth estimate after each transport-cc feedback or REMB.
    std::function<void(std::uint64_t bitsPerSecond)> onBandwidthEstimate;
};

struct WebRtcTransportStats {
    std::uint64_t rtpReceived = 0;   // decrypted and handed on
    std::uint64_t rtcpReceived = 0;  // decrypted compound packets
    std::uint64_t rtpSent = 0;
    std::uint64_t rtcpSent = 0;
    std::uint64_t keyframeRequestsReceived = 0;
    std::uint64_t nacksReceived = 0;            // NACK messages
    std::uint64_t receiverReportsReceived = 0;  // report blocks (RR and SR)
    std::uint64_t senderReportsReceived = 0;
    std::uint64_t droppedNotConnected = 0;  // media before DTLS finished or without a tuple
    std::uint64_t droppedSrtp = 0;          // unprotect/protect failed (auth, replay, size)
    std::uint64_t droppedSsrcLimit = 0;     // a new SSRC beyond maxSsrcs
    std::uint64_t droppedMalformed = 0;     // RTP/RTCP that did not parse after decryption
    std::uint64_t droppedDtls = 0;          // DTLS before connect() beyond the pending bound
    // Of droppedMalformed: inbound RTCP of a bad size or with lying lengths.
    std::uint64_t droppedMalformedRtcp = 0;
    std::uint64_t transportCcFeedbackReceived = 0;  // transport-cc messages from the peer
    std::uint64_t rembReceived = 0;
    std::uint64_t probePacketsSent = 0;  // padding sent to probe the path
    std::uint64_t dropped() const {
        return droppedNotConnected + droppedSrtp + droppedSsrcLimit + droppedMalformed +
               droppedDtls;
    }
};

// The peer's DTLS parameters, already validated (see media_server's parser).
struct RemoteDtls {
    dtls::RemoteDtlsRole role = dtls::RemoteDtlsRole::Auto;
    std::string fingerprintAlgorithm;
    std::string fingerprintValue;
};

class WebRtcTransport final : public ice::MuxedTransport,
                              public router::RtpSink,
                              public router::RtcpSink {
  public:
    // Registers the ICE ufrag with the mux and starts the consent timer.
    static common::Result<std::unique_ptr<WebRtcTransport>> create(WebRtcTransportOptions options,
                                                                   TransportContext context,
                                                                   WebRtcTransportEvents events);
    ~WebRtcTransport() override;  // close()
    WebRtcTransport(const WebRtcTransport&) = delete;
    WebRtcTransport& operator=(const WebRtcTransport&) = delete;

    // Once: our DTLS role follows the peer's; the fingerprint must be well formed
    // (transport.bad_fingerprint) and is checked against the peer's certificate
    // after the handshake (a mismatch fails the transport: onDtlsState(Failed)).
    common::Status connect(const RemoteDtls& remote);
    // ICE restart: new local credentials, the selected tuple keeps carrying media.
    void restartIce(ice::IceParameters fresh);
    // Frees mux routes and timers, sends close_notify. Idempotent.
    void close();

    const std::string& id() const { return options_.id; }
    const ice::IceParameters& iceParameters() const { return ice_.localParameters(); }
    ice::IceState iceState() const { return ice_.state(); }
    dtls::DtlsState dtlsState() const;
    bool connected() const { return srtpIn_.has_value() && srtpOut_.has_value(); }
    bool closed() const { return closed_; }
    std::optional<dtls::DtlsRole> dtlsRole() const;
    const WebRtcTransportStats& stats() const { return stats_; }
    const ice::IceServerStats& iceStats() const { return ice_.stats(); }

    // ice::MuxedTransport
    void receiveStun(const packet::StunMessageView& message,
                     const net::SocketAddress& from) override;
    void receiveDatagram(std::span<const std::uint8_t> data, packet::PacketKind kind,
                         const net::SocketAddress& from) override;
    // router::RtpSink / RtcpSink: protect and send to the selected tuple.
    void sendRtp(packet::MutableBytes packet) override;
    void sendRtcp(packet::Bytes packet) override;
    void sendProbe(packet::MutableBytes packet, std::uint16_t cluster) override;

    // The send-side estimate towards the peer; nullopt until its first
    // transport-cc feedback or REMB.
    std::optional<std::uint64_t> availableOutgoingBitrate() const;
    const bwe::BandwidthEstimator* bandwidthEstimator() const {
        return bwe_ ? &bwe_->estimator : nullptr;
    }

  private:
    static constexpr std::size_t kBufferSize = 1600 + srtp::SrtpSession::kProtectOverhead;

    WebRtcTransport(WebRtcTransportOptions options, TransportContext context,
                    WebRtcTransportEvents events);
    ice::IceServerEvents iceEvents();
    dtls::DtlsCallbacks dtlsCallbacks();
    void onIceStateChanged(ice::IceState state);
    void startDtlsIfReady();
    void afterDtlsActivity();
    void onDtlsConnected(const dtls::SrtpKeys& keys);
    void onDtlsFailed(const common::Error& error);
    void sendDatagram(std::span<const std::uint8_t> data);
    std::optional<net::SocketAddress> destination() const;
    bool mayAdmitSsrc(std::uint32_t ssrc);
    std::optional<std::size_t> unprotectInbound(std::span<const std::uint8_t> data,
                                                std::uint32_t ssrc, bool rtcp);
    void receiveRtp(std::span<const std::uint8_t> data);
    void receiveRtcp(std::span<const std::uint8_t> data);
    void handleFeedback(std::span<const std::uint8_t> compound);
    void handleReports(const packet::rtcp::RtcpPacketView& packet);
    void handleKeyframeRequest(const packet::rtcp::RtcpPacketView& packet);
    void sendMedia(packet::MutableBytes packet, std::uint16_t probeCluster);
    // webrtc_transport_bwe.cpp
    struct SendSideBwe {
        explicit SendSideBwe(const bwe::BandwidthEstimatorOptions& options) : estimator(options) {}
        bwe::SendHistory history;
        bwe::FeedbackAdapter adapter;
        bwe::BandwidthEstimator estimator;
        bool estimated = false;  // feedback or REMB seen
    };
    SendSideBwe& sendSideBwe();
    void stampTransportCc(packet::MutableRtpPacket& rtp, std::size_t size,
                          std::uint16_t probeCluster);
    void handleTransportCc(const packet::rtcp::RtcpPacketView& packet);
    void handleRemb(const packet::rtcp::RtcpPacketView& packet);

    WebRtcTransportOptions options_;
    TransportContext context_;
    WebRtcTransportEvents events_;
    common::Logger log_{"sfu.transport"};
    ice::IceServer ice_;
    std::unique_ptr<dtls::DtlsTransport> dtls_;
    bool dtlsStarted_ = false;
    std::vector<std::vector<std::uint8_t>> pendingDtls_;
    std::optional<net::SocketAddress> lastDtlsSource_;
    std::optional<srtp::SrtpSession> srtpIn_;
    std::optional<srtp::SrtpSession> srtpOut_;
    std::unordered_set<std::uint32_t> ssrcs_;
    worker::EventLoop::TimerId consentTimer_ = 0;
    worker::EventLoop::TimerId dtlsTimer_ = 0;
    worker::EventLoop::TimerId rtcpTimer_ = 0;
    worker::EventLoop::TimerId transportCcTimer_ = 0;
    std::unique_ptr<TransportCcFeedback> transportCc_;
    std::unique_ptr<SendSideBwe> bwe_;  // created with the first stamped packet or REMB
    bool closed_ = false;
    WebRtcTransportStats stats_;
    // Inbound packets are decrypted into buffer_ and handled from there; what
    // is sent meanwhile (a NACK, a retransmission answering the RTCP being
    // read) is protected in sendBuffer_, so it never overwrites them.
    std::array<std::uint8_t, kBufferSize> buffer_{};
    std::array<std::uint8_t, kBufferSize> sendBuffer_{};
};

}  // namespace vp::sfu::transport
