#pragma once
// A media source a publisher sends into the router: its negotiated parameters,
// the mapping onto the router's payload types, extension ids and SSRCs, the
// consumers fed from it, and its keyframe requester. Per encoding it keeps the
// receive statistics (RTCP RR), a NACK generator (when the publisher
// negotiated "nack"), and the packet cache that answers subscribers' NACKs
// (video). RTX packets from the publisher are unwrapped to the original.
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sfu/bwe/rate_meter.hpp"
#include "sfu/packet/rtcp/report_block.hpp"
#include "sfu/packet/rtcp/sender_report.hpp"
#include "sfu/packet/rtp_packet.hpp"
#include "sfu/packet/vp8_payload_descriptor.hpp"
#include "sfu/router/ingress_policer.hpp"
#include "sfu/router/keyframe_requester.hpp"
#include "sfu/router/nack_generator.hpp"
#include "sfu/router/packet_cache.hpp"
#include "sfu/router/rtp_stream_recv.hpp"
#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::router {

class Consumer;

// Header extension id translation, indexed by the incoming id; 0 = drop.
using ExtensionIdMap = std::array<std::uint8_t, 256>;

// What the producer learned about one incoming packet.
struct IncomingStream {
    std::size_t encoding = 0;            // index into the producer's encodings
    std::uint8_t mappedPayloadType = 0;  // the router's payload type
    std::uint32_t clockRate = 0;
    // VP8 packets: the payload descriptor, parsed once for every consumer.
    std::optional<packet::Vp8PayloadDescriptor> vp8;
};

// A packet ready to forward: the original (RTX unwrapped) and its stream.
struct IncomingPacket {
    IncomingStream stream;
    packet::RtpPacketView packet;
    bool retransmission = false;  // it came as RTX or repaired a hole
};

struct ProducerStats {
    std::uint64_t packetsReceived = 0;
    // Unknown payload type or stream, malformed RTX, a retransmission of a
    // packet already received.
    std::uint64_t packetsDropped = 0;
    std::uint64_t nackPacketsSent = 0;   // RTCP NACK messages to the publisher
    std::uint64_t keyframesForLoss = 0;  // keyframe requests because recovery failed
};

struct ProducerRecoveryOptions {
    std::size_t packetCacheSize = 512;  // per video encoding, 1600 bytes per slot
    std::chrono::milliseconds packetCacheMaxAge{2000};
    NackGeneratorOptions nack;
};

// One encoding's receive side.
struct ProducerStream {
    explicit ProducerStream(std::uint32_t clockRate) : recv(clockRate) {}
    std::uint32_t ssrc = 0;     // media SSRC, signalled or learned from the rid
    std::uint32_t rtxSsrc = 0;  // signalled or learned from the repaired rid
    RtpStreamRecv recv;
    std::unique_ptr<NackGenerator> nack;  // publisher negotiated "nack"
    std::unique_ptr<PacketCache> cache;   // video: subscribers may NACK
    bwe::RateMeter rate;                  // what the publisher sends (the layer allocator's cost)
    std::chrono::steady_clock::time_point lastPacketAt{};
    bool receivedAny = false;
};

// An encoding that sent nothing for this long is no longer active (simulcast).
inline constexpr std::chrono::milliseconds kEncodingInactiveAfter{1500};

class Producer {
  public:
    Producer(std::string id, std::string transportId, rtp_parameters::MediaKind kind,
             rtp_parameters::RtpParameters parameters, rtp_parameters::RtpMapping mapping,
             rtp_parameters::RtpParameters consumable, std::chrono::milliseconds keyframeInterval,
             const ProducerRecoveryOptions& recovery = {});

    const std::string& id() const { return id_; }
    const std::string& transportId() const { return transportId_; }
    rtp_parameters::MediaKind kind() const { return kind_; }
    const rtp_parameters::RtpParameters& rtpParameters() const { return parameters_; }
    const rtp_parameters::RtpParameters& consumableRtpParameters() const { return consumable_; }
    const rtp_parameters::RtpMapping& rtpMapping() const { return mapping_; }
    bool paused() const { return paused_; }
    const ProducerStats& stats() const { return stats_; }
    const ExtensionIdMap& extensionIdsToRouter() const { return extensionToRouter_; }
    // The publisher's id of ssrc-audio-level (RFC 6464), 0 if not negotiated.
    std::uint8_t audioLevelId() const { return audioLevelId_; }

    // Whether a packet with an SSRC not seen before belongs to this producer
    // (by mid, and rid for rid-only encodings); if so the SSRC is learned.
    bool claims(const packet::RtpPacketView& packet);
    // Every SSRC signalled in the parameters (media and RTX).
    std::vector<std::uint32_t> signalledSsrcs() const;

    // Whether a packet of `bytes` fits the producer's cap (IngressPolicer); a
    // packet that does not is dropped before receive().
    bool admit(std::size_t bytes, std::chrono::steady_clock::time_point now) {
        return policer_.admit(bytes, now);
    }
    const IngressPolicer& policer() const { return policer_; }

    // Takes in a packet of this producer (stats, NACK generator, cache); RTX is
    // unwrapped into the producer's own buffer. nullopt when it cannot be forwarded.
    std::optional<IncomingPacket> receive(const packet::RtpPacketView& packet,
                                          std::chrono::steady_clock::time_point now);
    // What receive() would say of a packet already taken in (a cached one).
    std::optional<IncomingStream> classify(const packet::RtpPacketView& packet) const;
    // A packet of one of its media SSRCs still in the cache (as received, RTX unwrapped).
    std::optional<packet::Bytes> cachedPacket(std::uint32_t ssrc, std::uint16_t seq,
                                              std::chrono::steady_clock::time_point now) const;
    // NACKs due for the encoding of the last packet, and a keyframe request
    // when recovery failed.
    void sendFeedback(std::size_t encoding, std::chrono::steady_clock::time_point now,
                      RtcpSink& sink);
    void onSenderReport(const packet::rtcp::SenderInfo& info,
                        std::chrono::steady_clock::time_point now);
    // Report blocks for our RR (one per encoding that has received packets).
    std::size_t reportBlocks(std::chrono::steady_clock::time_point now,
                             std::span<packet::rtcp::ReportBlock> out);
    const std::vector<ProducerStream>& streams() const { return streams_; }

    // Keyframe of one encoding (simple consumers forward the first), at most
    // once per interval per encoding (urgent: KeyframeRequester::kUrgentInterval);
    // pending ones go out on flush.
    void requestKeyframe(std::chrono::steady_clock::time_point now, RtcpSink& sink,
                         std::size_t encoding = 0, bool urgent = false);
    void flushKeyframeRequest(std::chrono::steady_clock::time_point now, RtcpSink& sink);
    const KeyframeRequester& keyframeRequester(std::size_t encoding = 0) const {
        return keyframes_[encoding < keyframes_.size() ? encoding : 0];
    }
    // Bit i set: encoding i received a packet within kEncodingInactiveAfter.
    std::uint32_t activeEncodings(std::chrono::steady_clock::time_point now) const;
    // Whether consumers can tell keyframes apart (VP8): simulcast layer switching.
    bool switchableLayers() const { return switchableLayers_; }

    // Router-side bookkeeping.
    void setPaused(bool paused) { paused_ = paused; }
    std::vector<Consumer*>& consumers() { return consumers_; }

  private:
    std::optional<std::string_view> extensionText(const packet::RtpPacketView& packet,
                                                  std::uint8_t id) const;
    ProducerStream* streamOf(std::uint32_t ssrc, bool& rtx);
    std::optional<packet::RtpPacketView> unwrap(const packet::RtpPacketView& packet,
                                                const ProducerStream& stream);

    std::string id_;
    std::string transportId_;
    rtp_parameters::MediaKind kind_;
    rtp_parameters::RtpParameters parameters_;
    rtp_parameters::RtpMapping mapping_;
    rtp_parameters::RtpParameters consumable_;
    IngressPolicer policer_;
    bool paused_ = false;
    ExtensionIdMap extensionToRouter_{};
    std::uint8_t midId_ = 0;
    std::uint8_t ridId_ = 0;
    std::uint8_t repairedRidId_ = 0;
    std::uint8_t audioLevelId_ = 0;
    // Per encoding: SSRCs, receive statistics, NACK generator, cache.
    std::vector<ProducerStream> streams_;
    // Per incoming payload type: mapped payload type + 1 (0 = not mapped), clock rate.
    std::array<std::uint8_t, 128> payloadMap_{};
    std::array<std::uint32_t, 128> clockRates_{};
    std::array<bool, 128> vp8PayloadTypes_{};
    // Per incoming RTX payload type: its apt + 1 (0 = not RTX).
    std::array<std::uint8_t, 128> rtxApt_{};
    std::array<std::uint8_t, PacketCache::kMaxPacket> unwrapped_{};
    std::vector<KeyframeRequester> keyframes_;  // per encoding (at least one)
    bool switchableLayers_ = false;
    std::vector<Consumer*> consumers_;
    ProducerStats stats_;
};

}  // namespace vp::sfu::router
