#pragma once
// One subscriber's copy of a producer. A simple consumer forwards the first
// encoding; a SimulcastConsumer (the producer has several VP8 encodings) forwards
// one encoding at a time and switches at a keyframe of the target (SimulcastLayers).
// Each forwarded packet is rebuilt in a pre-sized scratch buffer with the
// consumer's SSRC, continuous sequence numbers and timestamps
// (RtpStreamRewriter), its payload type and header extension ids, extensions
// it did not negotiate removed and its own mid written. No allocation per packet.
// NACKs from the subscriber are answered from the producer's packet cache,
// rebuilt the same way (as RTX when negotiated), within RetransmissionLimits;
// RtpStreamSend counts what was sent, writes the SR and reads the RR.
// VP8 picture ids and TL0PICIDX are rewritten so they stay continuous across
// layer switches and pauses (Vp8PictureRewriter).
#include <array>
#include <optional>
#include <string>

#include "sfu/packet/rtcp/nack.hpp"
#include "sfu/packet/rtp_packet.hpp"
#include "sfu/packet/rtp_writer.hpp"
#include "sfu/router/producer.hpp"
#include "sfu/router/retransmission_limiter.hpp"
#include "sfu/router/rtp_stream_rewriter.hpp"
#include "sfu/router/rtp_stream_send.hpp"
#include "sfu/router/simulcast_layers.hpp"
#include "sfu/router/vp8_picture_rewriter.hpp"
#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::router {

class RtpSink;

// Room for a full Ethernet-MTU packet plus a grown extension block.
inline constexpr std::size_t kConsumerScratchSize = 1600;

struct ConsumerStats {
    std::uint64_t packetsSent = 0;
    std::uint64_t packetsDropped = 0;  // paused, not negotiated, late, too large
    std::uint64_t paddingPackets = 0;  // probes (RTX padding)
};

struct ConsumerInit {
    std::string id;
    std::string transportId;
    std::string producerId;
    rtp_parameters::MediaKind kind = rtp_parameters::MediaKind::Audio;
    rtp_parameters::RtpParameters rtpParameters;  // what the subscriber negotiated
    bool paused = false;
    bool producerPaused = false;
    bool selected = true;                   // false: its audio producer is not among the N loudest
    std::uint16_t firstSequenceNumber = 0;  // random in production
    std::uint32_t firstTimestamp = 0;       // random in production
    std::uint16_t firstRtxSequenceNumber = 0;
    RetransmissionLimits retransmission;
    // The producer's encodings, and whether keyframes can be told apart (VP8):
    // both true and > 1 make a SimulcastConsumer.
    std::size_t producerEncodings = 1;
    bool switchableLayers = false;
    std::optional<std::size_t> preferredSpatialLayer;  // default: the highest
};

class Consumer {
  public:
    Consumer(ConsumerInit init, RtpSink& sink);

    const std::string& id() const { return init_.id; }
    const std::string& transportId() const { return init_.transportId; }
    const std::string& producerId() const { return init_.producerId; }
    rtp_parameters::MediaKind kind() const { return init_.kind; }
    const rtp_parameters::RtpParameters& rtpParameters() const { return init_.rtpParameters; }
    std::uint32_t ssrc() const { return ssrc_; }
    bool paused() const { return init_.paused; }
    bool producerPaused() const { return init_.producerPaused; }
    const ConsumerStats& stats() const { return stats_; }
    const RtpStreamSendStats& sendStats() const { return send_.stats(); }
    std::uint32_t rtxSsrc() const { return rtxSsrc_; }
    // The subscriber negotiated generic NACK: we answer it.
    bool nackEnabled() const { return nackEnabled_; }

    // Rewrites and sends one packet of the producer; false if dropped.
    bool forward(const packet::RtpPacketView& in, const IncomingStream& stream,
                 const ExtensionIdMap& producerToRouter, RtpStreamRewriter::TimePoint now);

    // The subscriber lost packets: resend those still cached by the producer.
    void onNack(const packet::rtcp::NackView& nack, const Producer& producer,
                RtpStreamRewriter::TimePoint now);
    // The sender info of our next SR (nullopt before the first packet).
    std::optional<packet::rtcp::SenderInfo> senderInfo(std::chrono::system_clock::time_point wall,
                                                       RtpStreamRewriter::TimePoint now);
    void onReceiverReport(const packet::rtcp::ReportBlock& block, RtpStreamRewriter::TimePoint now);

    // Simulcast (nullptr for a simple consumer).
    const SimulcastLayers* layers() const { return layers_ ? &*layers_ : nullptr; }
    // True when the target encoding changed (the router then asks for its keyframe).
    bool setPreferredLayer(std::size_t spatialLayer);
    bool setActiveEncodings(std::uint32_t activeMask);
    // The encoding whose keyframe this consumer needs (its target, or the first).
    std::size_t keyframeEncoding() const;
    // Bandwidth: the highest layer the allocator grants (simulcast; true if
    // the target changed).
    bool setMaxLayer(std::size_t spatialLayer);

    // Probing (consumer_probe.cpp): padding-only RTX packets of about `bytes`
    // in total (at most kMaxPaddingPackets), sent as probe cluster `cluster`.
    // Needs negotiated RTX and media already sent; returns the packets sent.
    static constexpr std::size_t kMaxPaddingPackets = 100;
    bool canSendPadding() const;
    std::size_t sendPadding(std::size_t bytes, std::uint16_t cluster);

    // Pausing either side stops the flow; resuming starts a new segment.
    void setPaused(bool paused);
    void setProducerPaused(bool paused);
    // Loudest-N audio forwarding: an unselected consumer forwards nothing; selecting
    // it again starts a new segment, as a resume does.
    void setSelected(bool selected);
    bool selected() const { return init_.selected; }

  private:
    // Writes the rebuilt packet into scratch_; its size, or 0 when it does not fit.
    std::size_t rebuild(const packet::RtpPacketView& in, std::uint8_t payloadType,
                        RewrittenHeader header, const ExtensionIdMap& producerToRouter);
    void retransmit(std::uint16_t seq, const Producer& producer, RtpStreamRewriter::TimePoint now);
    // Whether a packet of `encoding` goes out; starts a new segment on a switch.
    bool admit(std::size_t encoding, const std::optional<packet::Vp8PayloadDescriptor>& vp8);
    // Rewrites the VP8 descriptor of the packet just rebuilt in scratch_.
    void rewriteVp8(const packet::RtpPacketView& in, std::size_t size,
                    const std::optional<packet::Vp8PayloadDescriptor>& vp8, bool retransmission);
    void startNewSegment();
    // Appends the consumer's own extensions (mid, transport-cc slot).
    std::size_t ownExtensions(std::span<packet::RtpExtensionElement> out) const;

    ConsumerInit init_;
    RtpSink& sink_;
    std::uint32_t ssrc_ = 0;
    RtpStreamRewriter rewriter_;
    std::optional<SimulcastLayers> layers_;
    bool vp8_ = false;
    Vp8PictureRewriter vp8Rewriter_;
    ExtensionIdMap routerToConsumer_{};
    std::uint8_t routerMidId_ = 0;
    std::uint8_t consumerMidId_ = 0;
    // transport-cc negotiated: a 2-byte slot the transport stamps (0 = none).
    std::uint8_t transportCcId_ = 0;
    std::uint32_t lastTimestamp_ = 0;
    // Router payload type -> consumer payload type + 1 (0 = not negotiated).
    std::array<std::uint8_t, 128> payloadMap_{};
    ConsumerStats stats_;
    RtpStreamSend send_;
    RetransmissionLimiter limiter_;
    bool nackEnabled_ = false;
    std::uint32_t rtxSsrc_ = 0;
    std::uint16_t rtxSeq_ = 0;
    // Consumer media payload type -> its RTX payload type + 1 (0 = no RTX).
    std::array<std::uint8_t, 128> rtxPayloadTypes_{};
    std::array<std::uint8_t, kConsumerScratchSize> scratch_{};
};

}  // namespace vp::sfu::router
