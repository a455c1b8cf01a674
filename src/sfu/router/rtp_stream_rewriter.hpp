#pragma once
// Rewrites sequence numbers and timestamps so that a subscriber sees one
// continuous stream on one SSRC, whatever happens upstream: pauses and resumes,
// a producer restarting with a new SSRC, a switch to another source.
//
// Within a segment, output = input + offset (mod 2^16 / 2^32), so reordering and
// losses pass through unchanged. A new segment starts on sync() or when the
// input SSRC changes: its first packet gets the sequence number right after the
// highest one sent (no gap) and a timestamp advanced by the wall-clock time
// elapsed since that packet, at the new packet's clock rate. Late packets from
// before the segment start are dropped, so no sequence number is sent twice.
#include <chrono>
#include <cstdint>
#include <optional>

namespace vp::sfu::router {

struct RewrittenHeader {
    std::uint16_t sequenceNumber = 0;
    std::uint32_t timestamp = 0;
    friend bool operator==(const RewrittenHeader&, const RewrittenHeader&) = default;
};

// Where an output sequence number came from (for retransmissions).
struct OriginalPacket {
    std::uint32_t ssrc = 0;
    std::uint16_t sequenceNumber = 0;
    std::uint32_t timestampOffset = 0;  // output timestamp = input + this
};

// Wrap-aware comparison: a is after b in RFC 3550 sequence space.
constexpr bool isSeqNewer(std::uint16_t a, std::uint16_t b) {
    return a != b && static_cast<std::uint16_t>(a - b) < 0x8000;
}

class RtpStreamRewriter {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    // The first packet ever is mapped onto firstSequenceNumber / firstTimestamp.
    RtpStreamRewriter(std::uint16_t firstSequenceNumber, std::uint32_t firstTimestamp)
        : firstSeq_(firstSequenceNumber), firstTs_(firstTimestamp) {}

    // The next packet starts a new segment (resume, keyframe switch, new source).
    void sync() { syncPending_ = true; }

    // The output header for a packet, or nullopt to drop it.
    std::optional<RewrittenHeader> rewrite(std::uint32_t ssrc, std::uint16_t sequenceNumber,
                                           std::uint32_t timestamp, std::uint32_t clockRate,
                                           TimePoint now);

    // The input packet behind an output sequence number of the current segment
    // (earlier segments are forgotten: nullopt).
    std::optional<OriginalPacket> original(std::uint16_t outSeq) const;

    // The highest sequence number sent so far (meaningless before the first).
    std::uint16_t highestSequenceNumber() const { return maxOutSeq_; }

  private:
    void startSegment(std::uint32_t ssrc, std::uint16_t seq, std::uint32_t ts,
                      std::uint32_t clockRate, TimePoint now);

    // After this many packets a segment's start is far behind; stop guarding it
    // (the guard would misfire once the 16-bit distance wraps).
    static constexpr std::uint16_t kGuardPackets = 0x4000;

    std::uint16_t firstSeq_;
    std::uint32_t firstTs_;
    bool syncPending_ = true;
    bool sentAny_ = false;
    std::uint32_t inSsrc_ = 0;
    std::uint16_t seqOffset_ = 0;
    std::uint32_t tsOffset_ = 0;
    std::uint16_t segmentStartIn_ = 0;
    std::uint16_t segmentStartOut_ = 0;
    std::uint16_t maxOutSeq_ = 0;
    std::uint32_t maxOutTs_ = 0;
    TimePoint maxOutTime_{};
};

}  // namespace vp::sfu::router
