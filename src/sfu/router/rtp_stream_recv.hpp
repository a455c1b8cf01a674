#pragma once
// RtpStreamRecv: reception statistics of one incoming media stream as RFC 3550
// defines them (A.1 extended sequence numbers, A.3 expected/lost, A.8 interarrival
// jitter), the publisher's last sender report, and the report block of our
// receiver reports (fraction lost per interval, cumulative lost, LSR/DLSR).
#include <chrono>
#include <cstdint>

#include "sfu/packet/rtcp/report_block.hpp"
#include "sfu/packet/rtcp/sender_report.hpp"

namespace vp::sfu::router {

struct RtpStreamRecvStats {
    std::uint64_t packets = 0;  // media packets, retransmissions that repaired a hole included
    std::uint64_t bytes = 0;
    std::uint64_t retransmissions = 0;  // RTX packets (unwrapped) received
    std::int64_t packetsLost = 0;       // expected - received, cumulative (may be < 0: duplicates)
    std::uint8_t fractionLost = 0;      // in the last report interval, /256
    std::uint32_t jitter = 0;           // RTP timestamp units
    std::uint32_t extendedHighestSequence = 0;
};

class RtpStreamRecv {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit RtpStreamRecv(std::uint32_t clockRate) : clockRate_(clockRate) {}

    // A packet of the stream; retransmissions do not count towards jitter.
    void onPacket(std::uint16_t seq, std::uint32_t timestamp, std::size_t bytes, TimePoint now,
                  bool retransmission);
    // The publisher's sender report for this stream.
    void onSenderReport(const packet::rtcp::SenderInfo& info, TimePoint now);

    bool started() const { return started_; }
    // The report block for our next RR; starts a new interval for fractionLost.
    packet::rtcp::ReportBlock reportBlock(std::uint32_t ssrc, TimePoint now);

    const RtpStreamRecvStats& stats() const { return stats_; }
    std::uint32_t clockRate() const { return clockRate_; }
    // Jitter in milliseconds (0 before the first two packets).
    double jitterMs() const;

  private:
    std::uint32_t extendedHighest() const { return cycles_ + maxSeq_; }

    std::uint32_t clockRate_;
    bool started_ = false;
    std::uint16_t baseSeq_ = 0;
    std::uint16_t maxSeq_ = 0;
    std::uint32_t cycles_ = 0;  // count of wraps << 16
    std::uint64_t received_ = 0;
    std::uint64_t expectedPrior_ = 0;
    std::uint64_t receivedPrior_ = 0;
    bool haveTransit_ = false;
    std::int64_t lastTransit_ = 0;
    std::int64_t jitterQ4_ = 0;  // jitter x 16, as RFC 3550 A.8 keeps it
    std::uint32_t lastSrCompact_ = 0;
    TimePoint lastSrAt_{};
    bool haveSr_ = false;
    RtpStreamRecvStats stats_;
};

}  // namespace vp::sfu::router
