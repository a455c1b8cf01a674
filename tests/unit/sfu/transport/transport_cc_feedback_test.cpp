// Transport-cc feedback generation: arrival times recorded per transport-wide
// sequence number come back as RTPFB FMT 15 messages (parsed with the packet
// layer's own view) with the right statuses and deltas, across losses,
// reordering, wrap-around and message splits.
#include "sfu/transport/transport_cc_feedback.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace vp::sfu::transport {
namespace {

using namespace std::chrono_literals;
namespace rtcp = packet::rtcp;

struct Status {
    std::uint16_t seq;
    rtcp::PacketStatus status;
    std::int32_t deltaTicks;
};

struct Message {
    rtcp::TransportCcHeader header;
    std::vector<Status> statuses;
};

std::vector<Message> flush(TransportCcFeedback& feedback) {
    std::vector<Message> out;
    feedback.flush([&](packet::Bytes bytes) {
        auto packet = rtcp::RtcpPacketView::parse(bytes);
        ASSERT_TRUE(packet);
        auto view = rtcp::TransportCcView::parse(*packet);
        ASSERT_TRUE(view);
        Message m{view->header(), {}};
        view->forEachPacket([&](std::uint16_t seq, rtcp::PacketStatus status, std::int32_t delta) {
            m.statuses.push_back({seq, status, delta});
        });
        out.push_back(std::move(m));
    });
    return out;
}

const TransportCcFeedback::TimePoint kStart{std::chrono::seconds(1000)};

TEST(TransportCcFeedback, ReportsArrivalsLossesAndReordering) {
    TransportCcFeedback feedback(1);
    EXPECT_FALSE(feedback.pending());
    // 100..109 every 5 ms; 104 lost, 107 and 108 swapped.
    const std::uint16_t order[] = {100, 101, 102, 103, 105, 106, 108, 107, 109};
    for (std::uint16_t seq : order) {
        feedback.onPacket(seq, 0xABCD, kStart + (seq - 100) * 5ms);
    }
    ASSERT_TRUE(feedback.pending());
    const auto messages = flush(feedback);
    ASSERT_EQ(messages.size(), 1u);
    const auto& m = messages[0];
    EXPECT_EQ(m.header.ssrcs.sender, 1u);
    EXPECT_EQ(m.header.ssrcs.media, 0xABCDu);
    EXPECT_EQ(m.header.baseSequence, 100);
    EXPECT_EQ(m.header.statusCount, 10);
    EXPECT_EQ(m.header.feedbackCount, 0);
    ASSERT_EQ(m.statuses.size(), 10u);
    for (const auto& s : m.statuses) {
        if (s.seq == 104) {
            EXPECT_EQ(s.status, rtcp::PacketStatus::NotReceived);
            continue;
        }
        EXPECT_EQ(s.status, rtcp::PacketStatus::SmallDelta) << s.seq;
        if (s.seq != 100 && s.seq != 105) {
            EXPECT_EQ(s.deltaTicks, 20) << s.seq;  // 5 ms in 250 us ticks
        }
    }
    EXPECT_EQ(m.statuses[5].deltaTicks, 40);  // 105 follows 103 by 10 ms
    EXPECT_FALSE(feedback.pending());

    // The next message continues; a late packet of the first is ignored.
    feedback.onPacket(104, 0xABCD, kStart + 60ms);
    feedback.onPacket(110, 0xABCD, kStart + 60ms);
    const auto next = flush(feedback);
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].header.baseSequence, 110);
    EXPECT_EQ(next[0].header.statusCount, 1);
    EXPECT_EQ(next[0].header.feedbackCount, 1);
    EXPECT_EQ(feedback.messagesSent(), 2u);
}

TEST(TransportCcFeedback, SequenceNumbersWrap) {
    TransportCcFeedback feedback(1);
    for (std::uint16_t i = 0; i < 6; ++i) {
        feedback.onPacket(static_cast<std::uint16_t>(65533 + i), 7, kStart + i * 1ms);
    }
    const auto messages = flush(feedback);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].header.baseSequence, 65533);
    ASSERT_EQ(messages[0].statuses.size(), 6u);
    EXPECT_EQ(messages[0].statuses.back().seq, 2);
}

TEST(TransportCcFeedback, LongIntervalsAreSplitIntoBoundedMessages) {
    TransportCcFeedback feedback(1);
    for (std::uint16_t i = 0; i < 1000; ++i) {
        feedback.onPacket(i, 7, kStart + i * 100us);
    }
    const auto messages = flush(feedback);
    ASSERT_EQ(messages.size(), 3u);  // 400 + 400 + 200
    std::size_t total = 0;
    std::uint16_t expectedBase = 0;
    for (const auto& m : messages) {
        EXPECT_LE(m.header.statusCount, TransportCcFeedback::kMaxStatusesPerMessage);
        EXPECT_EQ(m.header.baseSequence, expectedBase);
        expectedBase = static_cast<std::uint16_t>(expectedBase + m.header.statusCount);
        total += m.header.statusCount;
    }
    EXPECT_EQ(total, 1000u);
}

TEST(TransportCcFeedback, AHugeJumpReportsOnlyTheWindow) {
    TransportCcFeedback feedback(1);
    feedback.onPacket(0, 7, kStart);
    feedback.onPacket(5000, 7, kStart + 1ms);  // 4999 numbers never arrived
    const auto messages = flush(feedback);
    std::size_t total = 0;
    for (const auto& m : messages) {
        total += m.header.statusCount;
    }
    EXPECT_LE(total, TransportCcFeedback::kWindow);
    ASSERT_FALSE(messages.empty());
    EXPECT_EQ(messages.back().statuses.back().seq, 5000);
}

}  // namespace
}  // namespace vp::sfu::transport
