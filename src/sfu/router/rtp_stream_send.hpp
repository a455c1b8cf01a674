#pragma once
// RtpStreamSend: what one consumer sent on its SSRC, the sender report that
// describes it (NTP from the wall clock, the RTP timestamp extrapolated from
// the last packet at the stream's clock rate, packet and octet counts), and what
// the subscriber's receiver reports say back: RTT (RFC 3550 6.4.1, from LSR and
// DLSR answering one of our last SRs), loss and jitter.
#include <array>
#include <chrono>
#include <cstdint>

#include "sfu/packet/rtcp/report_block.hpp"
#include "sfu/packet/rtcp/sender_report.hpp"

namespace vp::sfu::router {

struct RtpStreamSendStats {
    std::uint64_t packets = 0;  // on the media SSRC (plain retransmissions included)
    std::uint64_t bytes = 0;
    std::uint64_t retransmitted = 0;  // packets resent (RTX or plain)
    std::uint64_t retransmittedBytes = 0;
    std::uint64_t nackPackets = 0;          // NACK messages received
    std::uint64_t nackedSequences = 0;      // sequence numbers asked for
    std::uint64_t retransmitMissed = 0;     // asked for but no longer (or never) held
    std::uint64_t retransmitThrottled = 0;  // refused by the per-packet or bitrate limit
    std::uint64_t senderReports = 0;
    std::uint64_t receiverReports = 0;
    std::uint8_t remoteFractionLost = 0;  // from the subscriber's last RR, /256
    std::int32_t remotePacketsLost = 0;
    std::uint32_t remoteJitter = 0;  // RTP units
    std::uint32_t rttMicros = 0;     // 0 until an RR answered one of our SRs
};

class RtpStreamSend {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit RtpStreamSend(std::uint32_t clockRate) : clockRate_(clockRate) {}

    void onPacketSent(std::uint32_t timestamp, std::size_t bytes, TimePoint now);
    // A retransmission; plain ones (no RTX) count on the media SSRC too.
    void onRetransmitted(std::size_t bytes, bool onMediaSsrc);

    bool sentAny() const { return sentAny_; }
    // The sender info of our next SR; remembers it to time the RR answering it.
    packet::rtcp::SenderInfo senderInfo(std::uint32_t ssrc,
                                        std::chrono::system_clock::time_point wall, TimePoint now);
    void onReceiverReport(const packet::rtcp::ReportBlock& block, TimePoint now);

    RtpStreamSendStats& stats() { return stats_; }
    const RtpStreamSendStats& stats() const { return stats_; }
    // The RTT if measured, else the fallback.
    std::chrono::microseconds rttOr(std::chrono::microseconds fallback) const;

  private:
    struct SentReport {
        std::uint32_t compact = 0;
        TimePoint at{};
        bool valid = false;
    };

    std::uint32_t clockRate_;
    bool sentAny_ = false;
    std::uint32_t lastTimestamp_ = 0;
    TimePoint lastSentAt_{};
    std::array<SentReport, 4> reports_{};
    std::size_t nextReport_ = 0;
    RtpStreamSendStats stats_;
};

}  // namespace vp::sfu::router
