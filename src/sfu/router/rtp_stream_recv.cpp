#include "sfu/router/rtp_stream_recv.hpp"

#include <algorithm>

#include "sfu/router/ntp_time.hpp"
#include "sfu/router/rtp_stream_rewriter.hpp"

namespace vp::sfu::router {

void RtpStreamRecv::onPacket(std::uint16_t seq, std::uint32_t timestamp, std::size_t bytes,
                             TimePoint now, bool retransmission) {
    ++stats_.packets;
    stats_.bytes += bytes;
    ++received_;
    if (retransmission) {
        ++stats_.retransmissions;
    }
    if (!started_) {
        started_ = true;
        baseSeq_ = seq;
        maxSeq_ = seq;
    } else if (isSeqNewer(seq, maxSeq_)) {
        if (seq < maxSeq_) {
            cycles_ += 0x10000;
        }
        maxSeq_ = seq;
    }
    stats_.extendedHighestSequence = extendedHighest();
    if (retransmission || clockRate_ == 0) {
        return;
    }
    // RFC 3550 A.8, arrival time in RTP units.
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
    const auto arrival =
        static_cast<std::int64_t>(static_cast<std::uint64_t>(micros) * clockRate_ / 1'000'000u);
    // Both wrap as 32-bit RTP time; the difference of transits is what matters.
    const auto transit = static_cast<std::int64_t>(
        static_cast<std::int32_t>(static_cast<std::uint32_t>(arrival) - timestamp));
    if (haveTransit_) {
        std::int64_t d = transit - lastTransit_;
        d = d < 0 ? -d : d;
        jitterQ4_ += d - ((jitterQ4_ + 8) >> 4);
        jitterQ4_ = std::max<std::int64_t>(jitterQ4_, 0);
    }
    lastTransit_ = transit;
    haveTransit_ = true;
    stats_.jitter = static_cast<std::uint32_t>(jitterQ4_ >> 4);
}

void RtpStreamRecv::onSenderReport(const packet::rtcp::SenderInfo& info, TimePoint now) {
    lastSrCompact_ = compactNtp(info.ntpTimestamp);
    lastSrAt_ = now;
    haveSr_ = true;
}

packet::rtcp::ReportBlock RtpStreamRecv::reportBlock(std::uint32_t ssrc, TimePoint now) {
    packet::rtcp::ReportBlock block;
    block.ssrc = ssrc;
    if (!started_) {
        return block;
    }
    const std::uint64_t expected = std::uint64_t{extendedHighest()} - baseSeq_ + 1;
    const auto lost = static_cast<std::int64_t>(expected) - static_cast<std::int64_t>(received_);
    stats_.packetsLost = lost;
    const std::uint64_t expectedInterval = expected - expectedPrior_;
    const std::uint64_t receivedInterval = received_ - receivedPrior_;
    expectedPrior_ = expected;
    receivedPrior_ = received_;
    std::uint8_t fraction = 0;
    if (expectedInterval > 0 && expectedInterval > receivedInterval) {
        fraction = static_cast<std::uint8_t>(std::min<std::uint64_t>(
            ((expectedInterval - receivedInterval) << 8) / expectedInterval, 255));
    }
    stats_.fractionLost = fraction;
    block.fractionLost = fraction;
    block.cumulativeLost =
        static_cast<std::int32_t>(std::clamp<std::int64_t>(lost, -0x800000, 0x7FFFFF));
    block.extendedHighestSequence = extendedHighest();
    block.jitter = stats_.jitter;
    if (haveSr_) {
        block.lastSenderReport = lastSrCompact_;
        block.delaySinceLastSenderReport = toCompactDuration(now - lastSrAt_);
    }
    return block;
}

double RtpStreamRecv::jitterMs() const {
    return clockRate_ == 0 ? 0.0 : 1000.0 * stats_.jitter / clockRate_;
}

}  // namespace vp::sfu::router
