// Transport-cc feedback from a subscriber matched to what we sent: arrival
// times, losses, unknown/duplicate/old numbers, wrap-around, malformed input.
#include "sfu/bwe/feedback_adapter.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace vp::sfu::bwe {
namespace {

namespace rtcp = packet::rtcp;

struct Written {
    std::array<std::uint8_t, 1500> bytes{};
    std::size_t size = 0;
    rtcp::RtcpPacketView view() const {
        return *rtcp::RtcpPacketView::parse(packet::Bytes(bytes.data(), size));
    }
};

// Feedback for (seq, arrival micros or -1 = lost) in order.
Written feedbackFor(const std::vector<std::pair<std::uint16_t, std::int64_t>>& packets) {
    rtcp::TransportCcBuilder builder(rtcp::FeedbackSsrcs{1, 2}, 0);
    for (const auto& [seq, arrival] : packets) {
        if (arrival >= 0) {
            EXPECT_TRUE(builder.addReceivedPacket(seq, arrival));
        }
    }
    Written w;
    auto size = builder.write(w.bytes);
    EXPECT_TRUE(size.ok());
    w.size = *size;
    return w;
}

std::span<const PacketResult> adapt(FeedbackAdapter& adapter, SendHistory& history,
                                    const Written& w) {
    auto view = rtcp::TransportCcView::parse(w.view());
    EXPECT_TRUE(view.has_value());
    return view ? adapter.onFeedback(*view, history) : std::span<const PacketResult>{};
}

TEST(SendHistory, NumbersPacketsOnePerSendAndForgetsBeyondItsCapacity) {
    SendHistory history;
    EXPECT_EQ(history.nextSequence(), 0);
    history.onSent(1000, 1200);
    history.onSent(2000, 300, 7);
    EXPECT_EQ(history.nextSequence(), 2);
    SentPacket* second = history.take(1);
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(second->sendMicros, 2000);
    EXPECT_EQ(second->size, 300u);
    EXPECT_EQ(second->probeCluster, 7);
    EXPECT_EQ(history.take(1), nullptr) << "reported once";
    EXPECT_EQ(history.take(2), nullptr) << "not sent yet";
    for (std::size_t i = 0; i < SendHistory::kCapacity; ++i) {
        history.onSent(3000, 100);
    }
    EXPECT_EQ(history.take(0), nullptr) << "overwritten";
}

TEST(FeedbackAdapter, MatchesArrivalsAndLossesToSendTimesInOrder) {
    SendHistory history;
    for (int i = 0; i < 5; ++i) {
        history.onSent(10'000 * i, 1000 + static_cast<std::uint32_t>(i));
    }
    FeedbackAdapter adapter;
    // seq 2 lost: the builder reports it as not received.
    const auto w =
        feedbackFor({{0, 5'000'000}, {1, 5'010'000}, {2, -1}, {3, 5'031'000}, {4, 5'040'250}});
    const auto results = adapt(adapter, history, w);
    ASSERT_EQ(results.size(), 5u);
    EXPECT_EQ(results[0].sendMicros, 0);
    EXPECT_EQ(results[1].arrivalMicros - results[0].arrivalMicros, 10'000);
    EXPECT_FALSE(results[2].received());
    EXPECT_EQ(results[2].size, 1002u);
    EXPECT_EQ(results[3].arrivalMicros - results[0].arrivalMicros, 31'000);
    EXPECT_EQ(results[4].arrivalMicros - results[0].arrivalMicros, 40'250);
    // The same feedback again matches nothing: every packet was reported.
    EXPECT_TRUE(adapt(adapter, history, w).empty());
    EXPECT_EQ(adapter.unmatched(), 5u);
}

TEST(FeedbackAdapter, NumbersWeNeverSentAreSkipped) {
    SendHistory history;
    history.onSent(0, 100);
    FeedbackAdapter adapter;
    const auto results =
        adapt(adapter, history, feedbackFor({{0, 64'000}, {1, 65'000}, {2, 66'000}}));
    EXPECT_EQ(results.size(), 1u);
    EXPECT_EQ(adapter.unmatched(), 2u);
}

TEST(FeedbackAdapter, SequenceNumbersAndReferenceTimesWrap) {
    SendHistory history;
    for (int i = 0; i < 65'534; ++i) {
        history.onSent(i, 100);
    }
    FeedbackAdapter adapter;
    // The 24-bit reference time (64 ms units) wraps between the two messages.
    const std::int64_t wrap = std::int64_t{0x1000000} * rtcp::kReferenceTimeMicros;
    EXPECT_EQ(adapt(adapter, history, feedbackFor({{65'533, wrap - 64'000}})).size(), 1u);
    history.onSent(100'000, 100);  // 65534
    history.onSent(100'001, 100);  // 65535
    history.onSent(100'002, 100);  // 0 again
    const auto results =
        adapt(adapter, history,
              feedbackFor({{65'534, wrap + 1'000}, {65'535, wrap + 2'000}, {0, wrap + 3'000}}));
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[2].sendMicros, 100'002);
    EXPECT_GT(results[0].arrivalMicros, 0) << "unwrapped past the 24-bit reference time";
    EXPECT_EQ(results[2].arrivalMicros - results[0].arrivalMicros, 2'000);
}

TEST(FeedbackAdapter, MalformedFeedbackNeverReachesTheAdapter) {
    auto w = feedbackFor({{0, 1000}, {1, 2000}, {2, 3000}});
    // A status count larger than the chunks cover (the deltas are missing).
    auto lying = w;
    lying.bytes[14] = 0x10;
    EXPECT_FALSE(rtcp::TransportCcView::parse(lying.view()).has_value());
    // Truncated right after the fixed part: the length field is honest, the chunks are gone.
    auto truncated = w;
    truncated.size = 20;
    truncated.bytes[2] = 0;
    truncated.bytes[3] = 4;  // 5 words
    EXPECT_FALSE(rtcp::TransportCcView::parse(truncated.view()).has_value());
    // A reserved 2-bit symbol (3).
    auto reserved = w;
    reserved.bytes[20] = 0xFF;
    reserved.bytes[21] = 0xFF;
    EXPECT_FALSE(rtcp::TransportCcView::parse(reserved.view()).has_value());
}

TEST(FeedbackAdapter, AHugeStatusCountIsCutAtTheBound) {
    SendHistory history;
    for (std::size_t i = 0; i < SendHistory::kCapacity; ++i) {
        history.onSent(static_cast<std::int64_t>(i), 100);
    }
    rtcp::TransportCcBuilder builder(rtcp::FeedbackSsrcs{1, 2}, 0);
    for (std::uint16_t seq = 0; seq < SendHistory::kCapacity; ++seq) {
        ASSERT_TRUE(builder.addReceivedPacket(seq, 1000 + seq));
    }
    Written w;
    w.size = *builder.write(w.bytes);
    FeedbackAdapter adapter;
    EXPECT_EQ(adapt(adapter, history, w).size(), FeedbackAdapter::kMaxResults);
}

}  // namespace
}  // namespace vp::sfu::bwe
