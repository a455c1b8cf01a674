#pragma once
// A media source a publisher sends into the router: its negotiated parameters,
// the mapping onto the router's payload types, extension ids and SSRCs, the
// consumers fed from it, and its keyframe requester.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sfu/packet/rtp_packet.hpp"
#include "sfu/router/keyframe_requester.hpp"
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
};

struct ProducerStats {
    std::uint64_t packetsReceived = 0;
    std::uint64_t packetsDropped =
        0;  // unknown payload type, RTX (not yet handled), unknown stream
};

class Producer {
  public:
    Producer(std::string id, std::string transportId, rtp_parameters::MediaKind kind,
             rtp_parameters::RtpParameters parameters, rtp_parameters::RtpMapping mapping,
             rtp_parameters::RtpParameters consumable, std::chrono::milliseconds keyframeInterval);

    const std::string& id() const { return id_; }
    const std::string& transportId() const { return transportId_; }
    rtp_parameters::MediaKind kind() const { return kind_; }
    const rtp_parameters::RtpParameters& rtpParameters() const { return parameters_; }
    const rtp_parameters::RtpParameters& consumableRtpParameters() const { return consumable_; }
    const rtp_parameters::RtpMapping& rtpMapping() const { return mapping_; }
    bool paused() const { return paused_; }
    const ProducerStats& stats() const { return stats_; }
    const ExtensionIdMap& extensionIdsToRouter() const { return extensionToRouter_; }

    // Whether a packet with an SSRC not seen before belongs to this producer
    // (by mid, and rid for rid-only encodings); if so the SSRC is learned.
    bool claims(const packet::RtpPacketView& packet);
    // Every SSRC signalled in the parameters (media and RTX).
    std::vector<std::uint32_t> signalledSsrcs() const;

    // Classifies a packet of this producer; nullopt when it cannot be forwarded.
    std::optional<IncomingStream> receive(const packet::RtpPacketView& packet);

    // Keyframe of the first encoding (the one simple consumers forward).
    void requestKeyframe(std::chrono::steady_clock::time_point now, RtcpSink& sink);
    void flushKeyframeRequest(std::chrono::steady_clock::time_point now, RtcpSink& sink);
    const KeyframeRequester& keyframeRequester() const { return keyframes_; }

    // Router-side bookkeeping.
    void setPaused(bool paused) { paused_ = paused; }
    std::vector<Consumer*>& consumers() { return consumers_; }

  private:
    std::optional<std::string_view> extensionText(const packet::RtpPacketView& packet,
                                                  std::uint8_t id) const;

    std::string id_;
    std::string transportId_;
    rtp_parameters::MediaKind kind_;
    rtp_parameters::RtpParameters parameters_;
    rtp_parameters::RtpMapping mapping_;
    rtp_parameters::RtpParameters consumable_;
    bool paused_ = false;
    ExtensionIdMap extensionToRouter_{};
    std::uint8_t midId_ = 0;
    std::uint8_t ridId_ = 0;
    // Per encoding: the media SSRC (signalled or learned from the rid).
    std::vector<std::uint32_t> encodingSsrcs_;
    // Per incoming payload type: mapped payload type + 1 (0 = not mapped), clock rate.
    std::array<std::uint8_t, 128> payloadMap_{};
    std::array<std::uint32_t, 128> clockRates_{};
    KeyframeRequester keyframes_;
    std::vector<Consumer*> consumers_;
    ProducerStats stats_;
};

}  // namespace vp::sfu::router
