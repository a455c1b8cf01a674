#pragma once
// A SimpleConsumer: one subscriber's copy of one producer's first encoding.
// Each forwarded packet is rebuilt in a pre-sized scratch buffer with the
// consumer's SSRC, continuous sequence numbers and timestamps
// (RtpStreamRewriter), its payload type and header extension ids, extensions
// it did not negotiate removed and its own mid written. No allocation per packet.
#include <array>
#include <string>

#include "sfu/packet/rtp_packet.hpp"
#include "sfu/router/producer.hpp"
#include "sfu/router/rtp_stream_rewriter.hpp"
#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::router {

class RtpSink;

// Room for a full Ethernet-MTU packet plus a grown extension block.
inline constexpr std::size_t kConsumerScratchSize = 1600;

struct ConsumerStats {
    std::uint64_t packetsSent = 0;
    std::uint64_t packetsDropped = 0;  // paused, not negotiated, late, too large
};

struct ConsumerInit {
    std::string id;
    std::string transportId;
    std::string producerId;
    rtp_parameters::MediaKind kind = rtp_parameters::MediaKind::Audio;
    rtp_parameters::RtpParameters rtpParameters;  // what the subscriber negotiated
    bool paused = false;
    bool producerPaused = false;
    std::uint16_t firstSequenceNumber = 0;  // random in production
    std::uint32_t firstTimestamp = 0;       // random in production
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

    // Rewrites and sends one packet of the producer; false if dropped.
    bool forward(const packet::RtpPacketView& in, const IncomingStream& stream,
                 const ExtensionIdMap& producerToRouter, RtpStreamRewriter::TimePoint now);

    // Pausing either side stops the flow; resuming starts a new segment.
    void setPaused(bool paused);
    void setProducerPaused(bool paused);

  private:
    // Writes the rebuilt packet into scratch_; its size, or 0 when it does not fit.
    std::size_t rebuild(const packet::RtpPacketView& in, std::uint8_t payloadType,
                        RewrittenHeader header, const ExtensionIdMap& producerToRouter);

    ConsumerInit init_;
    RtpSink& sink_;
    std::uint32_t ssrc_ = 0;
    RtpStreamRewriter rewriter_;
    ExtensionIdMap routerToConsumer_{};
    std::uint8_t routerMidId_ = 0;
    std::uint8_t consumerMidId_ = 0;
    // Router payload type -> consumer payload type + 1 (0 = not negotiated).
    std::array<std::uint8_t, 128> payloadMap_{};
    ConsumerStats stats_;
    std::array<std::uint8_t, kConsumerScratchSize> scratch_{};
};

}  // namespace vp::sfu::router
