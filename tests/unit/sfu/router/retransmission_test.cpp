// RTX framing (RFC 4588) and the responder's limits.
#include <gtest/gtest.h>

#include <array>

#include "router_fixture.hpp"
#include "sfu/router/retransmission_limiter.hpp"
#include "sfu/router/rtx.hpp"

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using Decision = RetransmissionLimiter::Decision;

TEST(Rtx, WrapAndUnwrapRoundTrip) {
    auto original = test::rtpPacket(1234, 101, 777, 90000, {{1, {'1'}}}, {9, 8, 7, 6, 5});
    std::array<std::uint8_t, 1600> buffer{};
    std::copy(original.begin(), original.end(), buffer.begin());
    auto size = wrapRtx(buffer, original.size(), RtxHeader{102, 5678, 42});
    ASSERT_TRUE(size);
    ASSERT_EQ(*size, original.size() + 2);
    auto rtx = packet::RtpPacketView::parse(packet::Bytes(buffer.data(), *size));
    ASSERT_TRUE(rtx);
    EXPECT_EQ(rtx->ssrc(), 5678u);
    EXPECT_EQ(rtx->payloadType(), 102);
    EXPECT_EQ(rtx->sequenceNumber(), 42);
    EXPECT_EQ(rtx->timestamp(), 90000u);
    ASSERT_EQ(rtx->payload().size(), 7u);
    EXPECT_EQ(packet::readU16(rtx->payload().data()), 777) << "OSN first";
    EXPECT_TRUE(rtx->extension(1));

    std::array<std::uint8_t, 1600> out{};
    auto back = unwrapRtx(packet::Bytes(buffer.data(), *size), out, 101, 1234);
    ASSERT_TRUE(back);
    EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + *back), original);
}

TEST(Rtx, MalformedOrOversizedIsRefused) {
    auto padding = test::rtpPacket(1, 102, 1, 1, {}, {7});  // one byte: no OSN
    std::array<std::uint8_t, 1600> out{};
    EXPECT_FALSE(unwrapRtx(padding, out, 101, 2));
    auto full = test::rtpPacket(1, 101, 1, 1);
    EXPECT_FALSE(wrapRtx(packet::MutableBytes(full.data(), full.size()), full.size(), {}))
        << "no room for the OSN";
}

TEST(RetransmissionLimiter, APacketIsResentAtMostOncePerRtt) {
    RetransmissionLimiter limiter(RetransmissionLimits{10'000'000, 100'000, 10ms});
    const RetransmissionLimiter::TimePoint t{};
    EXPECT_EQ(limiter.check(5, 1000, t, 40ms), Decision::Allow);
    EXPECT_EQ(limiter.check(5, 1000, t + 39ms, 40ms), Decision::TooSoon);
    EXPECT_EQ(limiter.check(6, 1000, t + 39ms, 40ms), Decision::Allow);
    EXPECT_EQ(limiter.check(5, 1000, t + 40ms, 40ms), Decision::Allow);
    // Never faster than minInterval, whatever the RTT says.
    EXPECT_EQ(limiter.check(7, 1000, t, 1ms), Decision::Allow);
    EXPECT_EQ(limiter.check(7, 1000, t + 5ms, 1ms), Decision::TooSoon);
}

TEST(RetransmissionLimiter, TheBitrateBoundHoldsAgainstAFlood) {
    // 80 kbit/s = 10,000 bytes/s, burst 5,000 bytes.
    RetransmissionLimiter limiter(RetransmissionLimits{80'000, 5'000, 10ms});
    const RetransmissionLimiter::TimePoint t{};
    std::size_t allowed = 0;
    for (std::uint16_t seq = 0; seq < 100; ++seq) {
        allowed += limiter.check(seq, 1000, t, 10ms) == Decision::Allow ? 1u : 0u;
    }
    EXPECT_EQ(allowed, 5u);
    EXPECT_EQ(limiter.check(200, 1000, t + 50ms, 10ms), Decision::OverBudget);
    EXPECT_EQ(limiter.check(201, 1000, t + 100ms, 10ms), Decision::Allow);  // 1,000 bytes refilled
    // One second of flood: about 10 more packets.
    allowed = 0;
    for (int ms = 101; ms <= 1100; ++ms) {
        allowed += limiter.check(static_cast<std::uint16_t>(300 + ms), 1000,
                                 t + std::chrono::milliseconds(ms), 10ms) == Decision::Allow;
    }
    EXPECT_GE(allowed, 9u);
    EXPECT_LE(allowed, 11u);
}

}  // namespace
}  // namespace vp::sfu::router
