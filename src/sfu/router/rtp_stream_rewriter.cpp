#include "sfu/router/rtp_stream_rewriter.hpp"

namespace vp::sfu::router {

void RtpStreamRewriter::startSegment(std::uint32_t ssrc, std::uint16_t seq, std::uint32_t ts,
                                     std::uint32_t clockRate, TimePoint now) {
    std::uint16_t outSeq = firstSeq_;
    std::uint32_t outTs = firstTs_;
    if (sentAny_) {
        outSeq = static_cast<std::uint16_t>(maxOutSeq_ + 1);
        const auto elapsed = now > maxOutTime_ ? now - maxOutTime_ : TimePoint::duration{0};
        const auto micros = static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
        std::uint64_t ticks = micros * clockRate / 1'000'000u;
        if (ticks == 0) {
            ticks = 1;  // a new segment never repeats the last timestamp
        }
        outTs = maxOutTs_ + static_cast<std::uint32_t>(ticks);
    }
    seqOffset_ = static_cast<std::uint16_t>(outSeq - seq);
    tsOffset_ = outTs - ts;
    inSsrc_ = ssrc;
    segmentStartIn_ = seq;
    segmentStartOut_ = outSeq;
    syncPending_ = false;
}

std::optional<RewrittenHeader> RtpStreamRewriter::rewrite(std::uint32_t ssrc,
                                                          std::uint16_t sequenceNumber,
                                                          std::uint32_t timestamp,
                                                          std::uint32_t clockRate, TimePoint now) {
    if (syncPending_ || ssrc != inSsrc_) {
        startSegment(ssrc, sequenceNumber, timestamp, clockRate, now);
    } else if (isSeqNewer(segmentStartIn_, sequenceNumber) &&
               static_cast<std::uint16_t>(maxOutSeq_ - segmentStartOut_) < kGuardPackets) {
        return std::nullopt;  // from before this segment: its number may have been used
    }
    RewrittenHeader out{static_cast<std::uint16_t>(sequenceNumber + seqOffset_),
                        timestamp + tsOffset_};
    if (!sentAny_ || isSeqNewer(out.sequenceNumber, maxOutSeq_)) {
        maxOutSeq_ = out.sequenceNumber;
        maxOutTs_ = out.timestamp;
        maxOutTime_ = now;
        sentAny_ = true;
    }
    return out;
}

std::optional<OriginalPacket> RtpStreamRewriter::original(std::uint16_t outSeq) const {
    if (!sentAny_ || isSeqNewer(segmentStartOut_, outSeq) || isSeqNewer(outSeq, maxOutSeq_)) {
        return std::nullopt;
    }
    return OriginalPacket{inSsrc_, static_cast<std::uint16_t>(outSeq - seqOffset_), tsOffset_};
}

}  // namespace vp::sfu::router
