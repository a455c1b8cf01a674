// Keyframe requests: PLI/FIR on the wire, throttled with a FakeClock.
#include "sfu/router/keyframe_requester.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "common/clock.hpp"
#include "sfu/packet/rtcp/common_header.hpp"
#include "sfu/packet/rtcp/fir.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/router/sinks.hpp"

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;

struct RecordingRtcpSink final : RtcpSink {
    void sendRtcp(packet::Bytes bytes) override {
        packets.emplace_back(bytes.begin(), bytes.end());
    }
    std::vector<std::vector<std::uint8_t>> packets;
};

std::optional<packet::rtcp::FeedbackSsrcs> pliOf(const std::vector<std::uint8_t>& bytes) {
    auto view = packet::rtcp::RtcpPacketView::parse(bytes);
    return view ? packet::rtcp::parsePli(*view) : std::nullopt;
}

TEST(KeyframeRequester, SendsAPliAndThrottlesToOnePerInterval) {
    common::FakeClock clock;
    RecordingRtcpSink sink;
    KeyframeRequester k(KeyframeMethod::Pli, 1000ms);
    EXPECT_TRUE(k.request(0xABCD, clock.steadyNow(), sink));
    ASSERT_EQ(sink.packets.size(), 1u);
    auto pli = pliOf(sink.packets[0]);
    ASSERT_TRUE(pli);
    EXPECT_EQ(pli->media, 0xABCDu);

    clock.advance(300ms);
    EXPECT_FALSE(k.request(0xABCD, clock.steadyNow(), sink));
    EXPECT_FALSE(k.request(0xABCD, clock.steadyNow(), sink));
    EXPECT_TRUE(k.pending());
    EXPECT_EQ(sink.packets.size(), 1u);
    clock.advance(600ms);
    EXPECT_FALSE(k.flush(0xABCD, clock.steadyNow(), sink));  // 900 ms: still too soon
    clock.advance(100ms);
    EXPECT_TRUE(k.flush(0xABCD, clock.steadyNow(), sink));  // the burst costs one more
    EXPECT_FALSE(k.flush(0xABCD, clock.steadyNow(), sink));
    EXPECT_EQ(sink.packets.size(), 2u);
    EXPECT_EQ(k.sentCount(), 2u);
}

TEST(KeyframeRequester, FirCarriesAnIncreasingSequenceNumber) {
    common::FakeClock clock;
    RecordingRtcpSink sink;
    KeyframeRequester k(KeyframeMethod::Fir, 1000ms);
    ASSERT_TRUE(k.request(77, clock.steadyNow(), sink));
    clock.advance(1s);
    ASSERT_TRUE(k.request(77, clock.steadyNow(), sink));
    ASSERT_EQ(sink.packets.size(), 2u);
    for (std::uint8_t i = 0; i < 2; ++i) {
        auto view = packet::rtcp::RtcpPacketView::parse(sink.packets[i]);
        ASSERT_TRUE(view);
        auto fir = packet::rtcp::FirView::parse(*view);
        ASSERT_TRUE(fir);
        ASSERT_EQ(fir->entryCount(), 1u);
        EXPECT_EQ(fir->entry(0), (packet::rtcp::FirEntry{77, i}));
    }
}

TEST(KeyframeRequester, UnknownSsrcStaysPendingAndNoneNeverSends) {
    common::FakeClock clock;
    RecordingRtcpSink sink;
    KeyframeRequester k(KeyframeMethod::Pli, 1000ms);
    EXPECT_FALSE(k.request(0, clock.steadyNow(), sink));
    EXPECT_TRUE(k.pending());
    EXPECT_TRUE(k.flush(5, clock.steadyNow(), sink));  // the SSRC became known

    KeyframeRequester none(KeyframeMethod::None, 1000ms);
    EXPECT_FALSE(none.request(5, clock.steadyNow(), sink));
    EXPECT_FALSE(none.pending());
    EXPECT_EQ(sink.packets.size(), 1u);
}

TEST(KeyframeRequester, MethodFollowsNegotiatedFeedback) {
    rtp_parameters::RtpCodecParameters codec;
    EXPECT_EQ(keyframeMethodOf(codec), KeyframeMethod::None);
    codec.rtcpFeedback = {{"ccm", "fir"}};
    EXPECT_EQ(keyframeMethodOf(codec), KeyframeMethod::Fir);
    codec.rtcpFeedback.push_back({"nack", "pli"});
    EXPECT_EQ(keyframeMethodOf(codec), KeyframeMethod::Pli);
}

TEST(KeyframeRequester, AnUrgentRequestWaitsOnlyTheShortIntervalAndOnlyOnce) {
    common::FakeClock clock;
    RecordingRtcpSink sink;
    KeyframeRequester k(KeyframeMethod::Pli, 1000ms);
    ASSERT_TRUE(k.request(5, clock.steadyNow(), sink));  // e.g. loss recovery gave up
    // A late joiner 100 ms later: pending until 250 ms have passed, not 1 s.
    clock.advance(100ms);
    EXPECT_FALSE(k.request(5, clock.steadyNow(), sink, true));
    clock.advance(140ms);
    EXPECT_FALSE(k.flush(5, clock.steadyNow(), sink));
    clock.advance(10ms);
    EXPECT_TRUE(k.flush(5, clock.steadyNow(), sink));
    // Once sent, ordinary requests are throttled to the full interval again.
    clock.advance(300ms);
    EXPECT_FALSE(k.request(5, clock.steadyNow(), sink));
    clock.advance(600ms);
    EXPECT_FALSE(k.flush(5, clock.steadyNow(), sink));
    clock.advance(100ms);
    EXPECT_TRUE(k.flush(5, clock.steadyNow(), sink));
    // Joiners in a burst: at most one request per 250 ms reaches the publisher.
    for (int i = 0; i < 10; ++i) {
        clock.advance(50ms);
        (void)k.request(5, clock.steadyNow(), sink, true);
        (void)k.flush(5, clock.steadyNow(), sink);
    }
    EXPECT_EQ(sink.packets.size(), 5u);  // 3 above, then at +250 and +500 ms
}

}  // namespace
}  // namespace vp::sfu::router
