// RTCP statistics: RFC 3550 loss, jitter (A.8), LSR/DLSR on the receive side;
// the sender report and RTT from the answering report block on the send side.
#include <gtest/gtest.h>

#include "sfu/router/ntp_time.hpp"
#include "sfu/router/rtp_stream_recv.hpp"
#include "sfu/router/rtp_stream_send.hpp"

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using TimePoint = std::chrono::steady_clock::time_point;

TEST(RtpStreamRecv, LossPerIntervalAndCumulativeAcrossTheWrap) {
    RtpStreamRecv recv(90000);
    TimePoint t{};
    std::uint16_t seq = 65500;
    for (int i = 0; i < 100; ++i, ++seq) {
        if (i % 10 != 3) {  // 10 % lost
            recv.onPacket(seq, static_cast<std::uint32_t>(3000 * i), 1000, t, false);
        }
    }
    auto block = recv.reportBlock(42, t);
    EXPECT_EQ(block.ssrc, 42u);
    EXPECT_EQ(block.cumulativeLost, 10);
    EXPECT_EQ(block.fractionLost, 25);  // 10/100 * 256 = 25.6
    EXPECT_EQ(block.extendedHighestSequence, 0x10000u + 63u);
    // A retransmission repairs: the next interval has no loss and one less overall.
    recv.onPacket(65503, 9000, 1000, t, true);
    for (int i = 0; i < 10; ++i, ++seq) {
        recv.onPacket(seq, 0, 1000, t, false);
    }
    block = recv.reportBlock(42, t);
    EXPECT_EQ(block.cumulativeLost, 9);
    EXPECT_EQ(block.fractionLost, 0);
    EXPECT_EQ(recv.stats().retransmissions, 1u);
    EXPECT_EQ(recv.stats().bytes, 101'000u);
}

TEST(RtpStreamRecv, JitterFollowsRfc3550) {
    RtpStreamRecv steady(90000);
    RtpStreamRecv jittery(90000);
    TimePoint t{};
    for (int i = 0; i < 50; ++i) {
        const auto ts = static_cast<std::uint32_t>(3000 * i);  // 33.3 ms frames
        steady.onPacket(static_cast<std::uint16_t>(i), ts, 100, t + i * 33'333us, false);
        // Every other packet 10 ms late: |D| = 900 ticks each time.
        const auto late = (i % 2 == 1) ? 10ms : 0ms;
        jittery.onPacket(static_cast<std::uint16_t>(i), ts, 100, t + i * 33'333us + late, false);
    }
    EXPECT_LE(steady.stats().jitter, 1u);
    // J converges to 900 (J += (|D| - J) / 16 with |D| = 900).
    EXPECT_GT(jittery.stats().jitter, 800u);
    EXPECT_LE(jittery.stats().jitter, 900u);
    EXPECT_NEAR(jittery.jitterMs(), 10.0, 1.2);
}

TEST(RtpStreamRecv, ReportsLsrAndDlsrOfThePublishersSenderReport) {
    RtpStreamRecv recv(90000);
    TimePoint t{};
    recv.onPacket(1, 0, 100, t, false);
    EXPECT_EQ(recv.reportBlock(1, t).lastSenderReport, 0u);
    packet::rtcp::SenderInfo sr;
    sr.ssrc = 1;
    sr.ntpTimestamp = 0x1234'5678'9ABC'DEF0ull;
    recv.onSenderReport(sr, t + 1s);
    const auto block = recv.reportBlock(1, t + 1500ms);
    EXPECT_EQ(block.lastSenderReport, 0x5678'9ABCu);
    EXPECT_EQ(block.delaySinceLastSenderReport, 0x8000u);  // 0.5 s in 1/65536 s
}

TEST(RtpStreamSend, SenderReportExtrapolatesAndTheAnswerGivesTheRtt) {
    RtpStreamSend send(90000);
    TimePoint t{};
    const std::chrono::system_clock::time_point wall{std::chrono::seconds(1'800'000'000)};
    send.onPacketSent(1000, 500, t);
    send.onPacketSent(4000, 700, t + 33ms);
    send.onPacketSent(1000, 500, t + 40ms);  // a late packet does not move the reference
    auto info = send.senderInfo(77, wall, t + 133ms);
    EXPECT_EQ(info.ssrc, 77u);
    EXPECT_EQ(info.rtpTimestamp, 4000u + 9000u);  // 100 ms at 90 kHz
    EXPECT_EQ(info.packetCount, 3u);
    EXPECT_EQ(info.octetCount, 1700u);
    EXPECT_EQ(info.ntpTimestamp >> 32, 1'800'000'000ull + kNtpUnixOffsetSeconds);

    // The subscriber answers 60 ms later, having held the SR for 10 ms: RTT 50 ms.
    packet::rtcp::ReportBlock rr;
    rr.ssrc = 77;
    rr.lastSenderReport = compactNtp(info.ntpTimestamp);
    rr.delaySinceLastSenderReport = toCompactDuration(10ms);
    rr.fractionLost = 12;
    rr.cumulativeLost = 3;
    rr.jitter = 90;
    send.onReceiverReport(rr, t + 193ms);
    EXPECT_NEAR(send.stats().rttMicros, 50'000, 20);
    EXPECT_EQ(send.stats().remoteFractionLost, 12);
    EXPECT_EQ(send.stats().remotePacketsLost, 3);
    EXPECT_EQ(send.stats().remoteJitter, 90u);
    // A block that answers no SR of ours keeps the RTT.
    rr.lastSenderReport = 1;
    send.onReceiverReport(rr, t + 2s);
    EXPECT_NEAR(send.stats().rttMicros, 50'000, 20);
}

}  // namespace
}  // namespace vp::sfu::router
