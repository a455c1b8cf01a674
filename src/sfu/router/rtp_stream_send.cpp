#include "sfu/router/rtp_stream_send.hpp"

#include <algorithm>

#include "sfu/router/ntp_time.hpp"

namespace vp::sfu::router {

void RtpStreamSend::onPacketSent(std::uint32_t timestamp, std::size_t bytes, TimePoint now) {
    ++stats_.packets;
    stats_.bytes += bytes;
    if (!sentAny_ || static_cast<std::int32_t>(timestamp - lastTimestamp_) >= 0) {
        lastTimestamp_ = timestamp;
        lastSentAt_ = now;
    }
    sentAny_ = true;
}

void RtpStreamSend::onRetransmitted(std::size_t bytes, bool onMediaSsrc) {
    ++stats_.retransmitted;
    stats_.retransmittedBytes += bytes;
    if (onMediaSsrc) {
        ++stats_.packets;
        stats_.bytes += bytes;
    }
}

packet::rtcp::SenderInfo RtpStreamSend::senderInfo(std::uint32_t ssrc,
                                                   std::chrono::system_clock::time_point wall,
                                                   TimePoint now) {
    packet::rtcp::SenderInfo info;
    info.ssrc = ssrc;
    info.ntpTimestamp = toNtp(wall);
    const auto elapsed = now > lastSentAt_ ? now - lastSentAt_ : TimePoint::duration{0};
    const auto micros = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
    info.rtpTimestamp =
        lastTimestamp_ + static_cast<std::uint32_t>(micros * clockRate_ / 1'000'000u);
    info.packetCount = static_cast<std::uint32_t>(stats_.packets);
    info.octetCount = static_cast<std::uint32_t>(stats_.bytes);
    reports_[nextReport_] = SentReport{compactNtp(info.ntpTimestamp), now, true};
    nextReport_ = (nextReport_ + 1) % reports_.size();
    ++stats_.senderReports;
    return info;
}

void RtpStreamSend::onReceiverReport(const packet::rtcp::ReportBlock& block, TimePoint now) {
    ++stats_.receiverReports;
    stats_.remoteFractionLost = block.fractionLost;
    stats_.remotePacketsLost = block.cumulativeLost;
    stats_.remoteJitter = block.jitter;
    if (block.lastSenderReport == 0) {
        return;
    }
    for (const auto& sent : reports_) {
        if (sent.compact == block.lastSenderReport && sent.valid) {
            const auto rtt = std::chrono::duration_cast<std::chrono::microseconds>(now - sent.at) -
                             fromCompactDuration(block.delaySinceLastSenderReport);
            stats_.rttMicros =
                static_cast<std::uint32_t>(std::clamp<std::int64_t>(rtt.count(), 1, 60'000'000));
            return;
        }
    }
}

std::chrono::microseconds RtpStreamSend::rttOr(std::chrono::microseconds fallback) const {
    return stats_.rttMicros == 0 ? fallback : std::chrono::microseconds(stats_.rttMicros);
}

}  // namespace vp::sfu::router
