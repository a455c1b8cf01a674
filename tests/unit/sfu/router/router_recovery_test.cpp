// Loss recovery and RTCP through the Router (real producer, consumer, cache,
// generator and limiter; the transports are recording sinks; FakeClock):
// subscriber NACK -> RTX from the cache, publisher gaps -> NACK, RTX from the
// publisher unwrapped and forwarded, failed recovery -> PLI, SR/RR and RTT.
#include <gtest/gtest.h>

#include <array>

#include "router_fixture.hpp"
#include "sfu/packet/rtcp/common_header.hpp"
#include "sfu/packet/rtcp/nack.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/packet/rtcp/receiver_report.hpp"
#include "sfu/packet/rtcp/sender_report.hpp"
#include "sfu/router/ntp_time.hpp"

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using test::RouterTest;

constexpr std::uint32_t kRtxSsrc = 3829382710u;  // the Chrome fixture's RTX SSRC

packet::RtpPacketView parsed(const std::vector<std::uint8_t>& bytes) {
    auto view = packet::RtpPacketView::parse(bytes);
    EXPECT_TRUE(view);
    return *view;
}

std::vector<std::uint8_t> nack(std::uint32_t mediaSsrc, std::vector<std::uint16_t> lost) {
    std::array<packet::rtcp::NackItem, 32> items{};
    auto used = packet::rtcp::packNackItems(lost, items);
    std::vector<std::uint8_t> out(200);
    auto size = packet::rtcp::writeNack(out, {1, mediaSsrc}, std::span(items.data(), *used));
    out.resize(*size);
    return out;
}

std::optional<packet::rtcp::NackView> parseNack(const std::vector<std::uint8_t>& bytes) {
    auto p = packet::rtcp::RtcpPacketView::parse(bytes);
    return p ? packet::rtcp::NackView::parse(*p) : std::nullopt;
}

std::vector<std::uint16_t> lostIn(const std::vector<std::uint8_t>& bytes) {
    std::vector<std::uint16_t> lost;
    if (auto n = parseNack(bytes)) {
        n->forEachLostSequence([&](std::uint16_t s) { lost.push_back(s); });
    }
    return lost;
}

class RecoveryTest : public RouterTest {
  protected:
    void sendNack(const std::string& transportId, std::uint32_t ssrc,
                  std::vector<std::uint16_t> lost) {
        auto bytes = nack(ssrc, std::move(lost));
        auto p = packet::rtcp::RtcpPacketView::parse(bytes);
        router_.onNack(transportId, *packet::rtcp::NackView::parse(*p));
    }
    // Publisher packet `seq` with a payload naming it.
    void publish(std::uint16_t seq) {
        send("pub", test::rtpPacket(test::kVp8Ssrc, 101, seq, 3000u * seq, {{1, {'1'}}},
                                    {static_cast<std::uint8_t>(seq), 0xAA}));
    }
    void publishRtx(std::uint16_t rtxSeq, std::uint16_t osn) {
        send("pub",
             test::rtpPacket(kRtxSsrc, 102, rtxSeq, 3000u * osn, {{1, {'1'}}},
                             {static_cast<std::uint8_t>(osn >> 8), static_cast<std::uint8_t>(osn),
                              static_cast<std::uint8_t>(osn), 0xAA}));
    }
};

TEST_F(RecoveryTest, ConsumersNegotiateRtxAndNack) {
    ASSERT_NE(produceVp8(), nullptr);
    const Consumer* c = consume("sub", "c1", "cam");
    const auto& params = c->rtpParameters();
    ASSERT_EQ(params.codecs.size(), 2u);
    EXPECT_EQ(params.codecs[1].mimeType, "video/rtx");
    EXPECT_EQ(params.encodings[0].rtxSsrc, c->ssrc() + 1);
    EXPECT_EQ(c->rtxSsrc(), c->ssrc() + 1);
    EXPECT_TRUE(c->nackEnabled());
    ASSERT_NE(produce("pub", "mic", rtp_parameters::MediaKind::Audio, "chrome_opus_producer.json"),
              nullptr);
    EXPECT_FALSE(consume("sub", "c2", "mic")->nackEnabled()) << "the router offers no audio NACK";
}

TEST_F(RecoveryTest, ASubscribersNackIsAnsweredFromTheCacheAsRtx) {
    ASSERT_NE(produceVp8(), nullptr);
    const Consumer* c = consume("sub", "c1", "cam");
    for (std::uint16_t seq = 10; seq < 20; ++seq) {
        clock_.advance(10ms);
        publish(seq);
    }
    auto& out = transports_["sub"]->rtp;
    ASSERT_EQ(out.size(), 10u);
    const auto lostOriginal = parsed(out[4]);  // publisher seq 14
    const auto lostOut = lostOriginal.sequenceNumber();
    const auto before = out.size();
    sendNack("sub", c->ssrc(), {lostOut, static_cast<std::uint16_t>(lostOut + 2)});
    ASSERT_EQ(out.size(), before + 2);
    const auto rtx = parsed(out[before]);
    EXPECT_EQ(rtx.ssrc(), c->rtxSsrc());
    EXPECT_EQ(rtx.payloadType(), 102);
    EXPECT_EQ(rtx.timestamp(), lostOriginal.timestamp());
    ASSERT_EQ(rtx.payload().size(), 4u);
    EXPECT_EQ(packet::readU16(rtx.payload().data()), lostOut) << "OSN";
    EXPECT_EQ(rtx.payload()[2], 14) << "the payload of publisher packet 14";
    EXPECT_EQ(
        static_cast<std::uint16_t>(parsed(out[before + 1]).sequenceNumber() - rtx.sequenceNumber()),
        1u)
        << "RTX has its own sequence numbers";
    EXPECT_EQ(c->sendStats().retransmitted, 2u);
    EXPECT_EQ(c->sendStats().nackedSequences, 2u);

    // Asked again within the RTT: refused; later: resent. Unknown: missed.
    sendNack("sub", c->ssrc(), {lostOut});
    EXPECT_EQ(out.size(), before + 2);
    EXPECT_EQ(c->sendStats().retransmitThrottled, 1u);
    clock_.advance(30ms);
    sendNack("sub", c->ssrc(), {lostOut, static_cast<std::uint16_t>(lostOut + 100)});
    EXPECT_EQ(out.size(), before + 3);
    EXPECT_EQ(c->sendStats().retransmitMissed, 1u);
    // A NACK for an SSRC that is not this transport's consumer does nothing.
    sendNack("other", c->ssrc(), {lostOut});
    sendNack("sub", 12345, {lostOut});
    EXPECT_EQ(out.size(), before + 3);
}

TEST_F(RecoveryTest, PublisherGapsAreNackedAndItsRtxIsUnwrappedAndForwarded) {
    ASSERT_NE(produceVp8(), nullptr);
    const Consumer* c = consume("sub", "c1", "cam");
    auto& pubRtcp = transports_["pub"]->rtcp;
    pubRtcp.clear();  // the consumer's first keyframe request
    publish(100);
    publish(101);
    publish(104);  // 102, 103 lost
    ASSERT_EQ(pubRtcp.size(), 1u);
    EXPECT_EQ(parseNack(pubRtcp[0])->ssrcs().media, test::kVp8Ssrc);
    EXPECT_EQ(lostIn(pubRtcp[0]), (std::vector<std::uint16_t>{102, 103}));

    auto& out = transports_["sub"]->rtp;
    const auto first = parsed(out[0]).sequenceNumber();
    clock_.advance(15ms);
    publishRtx(7, 103);
    publishRtx(8, 103);  // a duplicate: dropped
    ASSERT_EQ(out.size(), 4u);
    const auto repaired = parsed(out[3]);
    EXPECT_EQ(repaired.ssrc(), c->ssrc());
    EXPECT_EQ(repaired.payloadType(), 101);
    EXPECT_EQ(repaired.sequenceNumber(), static_cast<std::uint16_t>(first + 3));
    EXPECT_EQ(repaired.payload()[0], 103);
    const auto& stream = router_.producer("cam")->streams()[0];
    EXPECT_EQ(stream.nack->stats().recovered, 1u);
    EXPECT_EQ(stream.nack->rtt(), 15ms);
    EXPECT_EQ(stream.recv.stats().retransmissions, 1u);
    EXPECT_EQ(router_.producer("cam")->stats().packetsDropped, 1u);

    // The cache holds the repaired packet for subscribers too.
    sendNack("sub", c->ssrc(), {static_cast<std::uint16_t>(first + 3)});
    EXPECT_EQ(out.size(), 5u);

    // 102 is retried on the timer once max(RTT, 20 ms) has passed.
    pubRtcp.clear();
    router_.onTimer();
    EXPECT_TRUE(pubRtcp.empty());
    clock_.advance(20ms);
    router_.onTimer();
    ASSERT_EQ(pubRtcp.size(), 1u);
    EXPECT_EQ(lostIn(pubRtcp[0]), (std::vector<std::uint16_t>{102}));
}

TEST_F(RecoveryTest, WhenRecoveryFailsThePublisherIsAskedForAKeyframe) {
    ASSERT_NE(produceVp8(), nullptr);
    consume("sub", "c1", "cam");
    clock_.advance(2s);  // past the keyframe throttle of the consumer's first request
    auto& pubRtcp = transports_["pub"]->rtcp;
    pubRtcp.clear();
    publish(1);
    publish(3);
    for (int i = 0; i < 60; ++i) {
        clock_.advance(20ms);
        router_.onTimer();
    }
    std::size_t nacks = 0;
    std::size_t plis = 0;
    for (const auto& bytes : pubRtcp) {
        auto p = packet::rtcp::RtcpPacketView::parse(bytes);
        nacks += p && packet::rtcp::NackView::parse(*p) ? 1u : 0u;
        plis += p && packet::rtcp::parsePli(*p) ? 1u : 0u;
    }
    EXPECT_EQ(nacks, 10u) << "maxRetries";
    EXPECT_EQ(plis, 1u);
    EXPECT_EQ(router_.producer("cam")->stats().keyframesForLoss, 1u);
}

TEST_F(RecoveryTest, ReportsSrForConsumersRrForProducersAndMeasuresTheRtt) {
    ASSERT_NE(produceVp8(), nullptr);
    const Consumer* c = consume("sub", "c1", "cam");
    router_.sendRtcpReports("sub");
    EXPECT_TRUE(transports_["sub"]->rtcp.empty()) << "nothing sent yet: no SR";
    for (std::uint16_t seq = 1; seq <= 10; ++seq) {
        clock_.advance(10ms);
        if (seq != 5) {
            publish(seq);
        }
    }
    // The publisher's SR, then our RR to it.
    packet::rtcp::SenderInfo publisherSr{test::kVp8Ssrc, toNtp(clock_.now()), 0, 9, 900};
    router_.onSenderReport("pub", publisherSr);
    clock_.advance(250ms);
    auto& pubRtcp = transports_["pub"]->rtcp;
    pubRtcp.clear();
    router_.sendRtcpReports("pub");
    ASSERT_EQ(pubRtcp.size(), 1u);
    auto rrPacket = packet::rtcp::RtcpPacketView::parse(pubRtcp[0]);
    auto rr = packet::rtcp::ReceiverReportView::parse(*rrPacket);
    ASSERT_TRUE(rr);
    ASSERT_EQ(rr->reportCount(), 1u);
    const auto block = rr->reportBlock(0);
    EXPECT_EQ(block.ssrc, test::kVp8Ssrc);
    EXPECT_EQ(block.cumulativeLost, 1);
    EXPECT_EQ(block.extendedHighestSequence, 10u);
    EXPECT_EQ(block.lastSenderReport, compactNtp(publisherSr.ntpTimestamp));
    EXPECT_EQ(block.delaySinceLastSenderReport, toCompactDuration(250ms));

    // Our SR to the subscriber; its RR answers 80 ms later after holding it 30 ms.
    auto& subRtcp = transports_["sub"]->rtcp;
    router_.sendRtcpReports("sub");
    ASSERT_EQ(subRtcp.size(), 1u);
    auto srPacket = packet::rtcp::RtcpPacketView::parse(subRtcp[0]);
    auto sr = packet::rtcp::SenderReportView::parse(*srPacket);
    ASSERT_TRUE(sr);
    const auto info = sr->senderInfo();
    EXPECT_EQ(info.ssrc, c->ssrc());
    EXPECT_EQ(info.packetCount, 9u);
    clock_.advance(80ms);
    packet::rtcp::ReportBlock answer;
    answer.ssrc = c->ssrc();
    answer.lastSenderReport = compactNtp(info.ntpTimestamp);
    answer.delaySinceLastSenderReport = toCompactDuration(30ms);
    answer.fractionLost = 5;
    router_.onReceiverReport("sub", answer);
    EXPECT_NEAR(c->sendStats().rttMicros, 50'000, 20);
    EXPECT_EQ(c->sendStats().remoteFractionLost, 5);
    EXPECT_EQ(c->sendStats().senderReports, 1u);
}

}  // namespace
}  // namespace vp::sfu::router
