#pragma once
// MediaPeer: the loss-recovery half of a WebRTC endpoint on top of a
// WebRtcClient, for the integration tests and the load client. It
//  - injects random loss: outgoing RTP is dropped before SRTP (the publisher ->
//    server leg), incoming RTP after SRTP (the server -> subscriber leg);
//  - keeps a send cache per sent stream and answers the server's NACKs, as RTX
//    when the stream has an RTX SSRC and payload type;
//  - per received stream: unwraps RTX, runs a NackGenerator (NACKs sent from
//    tick()), keeps RFC 3550 statistics and sends receiver reports, so the
//    server can measure its RTT to us.
// It takes over the client's RTP and RTCP handlers; set yours on the peer.
// Incoming loss is injected after SRTP, so a plain (non-RTX) retransmission of
// a dropped packet would fail the client's SRTP replay check: use RTX.
// Single-threaded, like the client: call tick() after each poll().
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "sfu/client/webrtc_client.hpp"
#include "sfu/router/nack_generator.hpp"
#include "sfu/router/packet_cache.hpp"
#include "sfu/router/rtp_stream_recv.hpp"

namespace vp::sfu::client {

struct MediaPeerOptions {
    double sendLoss = 0.0;             // fraction of outgoing RTP dropped (retransmissions too)
    double receiveLoss = 0.0;          // fraction of incoming RTP dropped (retransmissions too)
    std::size_t sendCacheSize = 1024;  // packets per sent stream
    router::NackGeneratorOptions nack;
    std::chrono::milliseconds reportInterval{1000};  // receiver reports; 0 = none
};

struct SendStreamConfig {
    std::uint32_t ssrc = 0;
    std::uint32_t rtxSsrc = 0;  // 0: retransmit on the media SSRC
    std::uint8_t rtxPayloadType = 0;
};

struct ReceiveStreamConfig {
    std::uint32_t ssrc = 0;
    std::uint32_t rtxSsrc = 0;     // 0: no RTX expected
    std::uint8_t payloadType = 0;  // the media payload type RTX unwraps to
    std::uint32_t clockRate = 90000;
    bool nack = true;
};

struct MediaPeerStats {
    std::uint64_t sent = 0;           // media packets handed to sendRtp()
    std::uint64_t droppedOnSend = 0;  // injected loss, outgoing
    std::uint64_t nacksReceived = 0;  // NACK messages for our streams
    std::uint64_t retransmitted = 0;
    std::uint64_t retransmitMissed = 0;  // not in the send cache any more
    std::uint64_t droppedOnReceive = 0;  // injected loss, incoming
    std::uint64_t rtxReceived = 0;
    std::uint64_t duplicates = 0;   // retransmissions of packets we already had
    std::uint64_t delivered = 0;    // packets handed to the RTP handler
    std::uint64_t nacksSent = 0;    // NACK messages
    std::uint64_t reportsSent = 0;  // receiver reports
};

class MediaPeer {
  public:
    using RtpHandler = std::function<void(const packet::RtpPacketView&)>;
    using RtcpHandler = std::function<void(std::span<const std::uint8_t>)>;

    MediaPeer(WebRtcClient& client, const common::Clock& clock, common::Random& random,
              MediaPeerOptions options = {});
    ~MediaPeer();
    MediaPeer(const MediaPeer&) = delete;
    MediaPeer& operator=(const MediaPeer&) = delete;

    void addSendStream(SendStreamConfig config);
    void addReceiveStream(ReceiveStreamConfig config);

    // Caches the packet (when its SSRC is a send stream), then sends it unless
    // the injected loss drops it.
    common::Status sendRtp(std::span<const std::uint8_t> packet);
    void setRtpHandler(RtpHandler handler) { onRtp_ = std::move(handler); }
    void setRtcpHandler(RtcpHandler handler) { onRtcp_ = std::move(handler); }
    // NACKs that are due and the periodic receiver report.
    void tick();

    const MediaPeerStats& stats() const { return stats_; }
    // Statistics of a receive stream (nullptr if unknown).
    const router::RtpStreamRecv* receiveStream(std::uint32_t ssrc) const;
    const router::NackGenerator* nackGenerator(std::uint32_t ssrc) const;

  private:
    struct SendStream {
        SendStreamConfig config;
        std::unique_ptr<router::PacketCache> cache;
        std::uint16_t rtxSeq = 0;
    };
    struct ReceiveStream {
        ReceiveStreamConfig config;
        router::RtpStreamRecv recv;
        std::unique_ptr<router::NackGenerator> nack;
    };

    bool lose(double fraction);
    void receiveRtp(const packet::RtpPacketView& packet);
    void receiveRtcp(std::span<const std::uint8_t> compound);
    void answerNack(std::uint32_t ssrc, std::uint16_t seq);
    void sendNacks(ReceiveStream& stream);
    void sendReport();
    SendStream* sendStream(std::uint32_t ssrc);

    WebRtcClient& client_;
    const common::Clock& clock_;
    common::Random& random_;
    MediaPeerOptions options_;
    std::vector<SendStream> send_;
    std::vector<ReceiveStream> receive_;
    std::uint32_t reportSsrc_;
    std::chrono::steady_clock::time_point nextReport_{};
    RtpHandler onRtp_;
    RtcpHandler onRtcp_;
    MediaPeerStats stats_;
    std::array<std::uint8_t, router::PacketCache::kMaxPacket + 2> scratch_{};
};

}  // namespace vp::sfu::client
