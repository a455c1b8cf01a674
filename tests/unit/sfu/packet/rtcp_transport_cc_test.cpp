// Transport-wide congestion control feedback: a hand-decoded packet, builder
// round trips over every chunk kind, and malformed chunk/delta areas.
#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "sfu/packet/rtcp/transport_cc.hpp"

namespace vp::sfu::packet::rtcp {
namespace {

using Entry = std::tuple<std::uint16_t, PacketStatus, std::int32_t>;

std::vector<Entry> entries(const TransportCcView& view) {
    std::vector<Entry> out;
    view.forEachPacket([&](std::uint16_t seq, PacketStatus s, std::int32_t delta) {
        out.emplace_back(seq, s, delta);
    });
    return out;
}

std::optional<TransportCcView> parseOnly(const std::vector<std::uint8_t>& d) {
    auto p = RtcpPacketView::parse(d);
    return p ? TransportCcView::parse(*p) : std::nullopt;
}

TEST(TransportCc, DecodesAHandWrittenPacket) {
    // base 10, 4 packets, ref time -1 (0xFFFFFF), fb count 3;
    // chunk 1: run-length, small delta, run 2; chunk 2: 2-bit vector [large, not received, ...];
    // deltas: 4, 250 (small) then -8 (large).
    const std::vector<std::uint8_t> d = {
        0x8F, 205,  0,    7,                          // header, 8 words
        0,    0,    0,    1,    0,    0,    0,    2,  // SSRCs
        0,    10,   0,    3,    0xFF, 0xFF, 0xFF, 3,  // base, count 3, ref -1, fb 3
        0x20, 0x02, 0xE0, 0x00,                       // chunks
        4,    250,  0xFF, 0xF8,                       // deltas
        0,    0,    0,    0};                         // padding
    auto view = parseOnly(d);
    ASSERT_TRUE(view);
    EXPECT_EQ(view->header().baseSequence, 10);
    EXPECT_EQ(view->header().statusCount, 3);
    EXPECT_EQ(view->header().referenceTime, -1);
    EXPECT_EQ(view->header().feedbackCount, 3);
    EXPECT_EQ(entries(*view), (std::vector<Entry>{{10, PacketStatus::SmallDelta, 4},
                                                  {11, PacketStatus::SmallDelta, 250},
                                                  {12, PacketStatus::LargeDelta, -8}}));
}

TEST(TransportCc, BuilderRoundTripsMixedStatuses) {
    TransportCcBuilder builder(FeedbackSsrcs{7, 8}, 42);
    builder.reset(65530, -2);
    std::vector<std::pair<bool, std::int32_t>> expected;
    auto add = [&](bool got, std::int32_t delta) {
        ASSERT_TRUE(got ? builder.addReceived(delta) : builder.addNotReceived());
        expected.emplace_back(got, got ? delta : 0);
    };
    for (int i = 0; i < 20; ++i)
        add(true, 4);  // run-length of small deltas
    for (int i = 0; i < 2000; ++i)
        add(false, 0);  // long run of losses
    for (int i = 0; i < 10; ++i)
        add(i % 2 == 0, i);  // 1-bit vector material
    add(true, -5);           // large (negative): 2-bit vector
    add(true, 300);
    add(false, 0);
    add(true, 0);
    add(true, 32767);
    add(true, -32768);
    EXPECT_FALSE(builder.addReceived(40000));
    EXPECT_FALSE(builder.addReceived(-40000));

    std::vector<std::uint8_t> buf(4096);
    auto size = builder.write(buf);
    ASSERT_TRUE(size.ok()) << size.error().message;
    buf.resize(*size);
    EXPECT_EQ(buf.size() % 4, 0u);
    auto view = parseOnly(buf);
    ASSERT_TRUE(view);
    EXPECT_EQ(view->header(),
              (TransportCcHeader{FeedbackSsrcs{7, 8}, 65530,
                                 static_cast<std::uint16_t>(expected.size()), -2, 42}));
    std::vector<std::pair<bool, std::int32_t>> got;
    std::uint16_t nextSeq = 65530;
    view->forEachPacket([&](std::uint16_t seq, PacketStatus s, std::int32_t delta) {
        EXPECT_EQ(seq, nextSeq++);
        got.emplace_back(s != PacketStatus::NotReceived, delta);
    });
    EXPECT_EQ(got, expected);
}

TEST(TransportCc, ArrivalTimesBecomeDeltasAndGapsBecomeLosses) {
    TransportCcBuilder builder(FeedbackSsrcs{1, 2}, 0);
    const std::int64_t t0 = 64'000 * 1000 + 10'000;  // 10 ms after a reference tick
    ASSERT_TRUE(builder.addReceivedPacket(100, t0));
    ASSERT_TRUE(builder.addReceivedPacket(101, t0 + 1'000));  // +4 ticks
    ASSERT_TRUE(builder.addReceivedPacket(104, t0 + 500));    // gap of 2, -2 ticks (reordered)
    EXPECT_FALSE(builder.addReceivedPacket(103, t0));         // before the last one
    EXPECT_FALSE(builder.addReceivedPacket(105, t0 + 10'000'000));  // delta too large
    std::vector<std::uint8_t> buf(128);
    auto size = builder.write(buf);
    ASSERT_TRUE(size.ok());
    buf.resize(*size);
    auto view = parseOnly(buf);
    ASSERT_TRUE(view);
    EXPECT_EQ(view->header().referenceTime, 1000);
    EXPECT_EQ(entries(*view), (std::vector<Entry>{{100, PacketStatus::SmallDelta, 40},
                                                  {101, PacketStatus::SmallDelta, 4},
                                                  {102, PacketStatus::NotReceived, 0},
                                                  {103, PacketStatus::NotReceived, 0},
                                                  {104, PacketStatus::LargeDelta, -2}}));
}

TEST(TransportCc, BuilderIsBounded) {
    TransportCcBuilder builder(FeedbackSsrcs{1, 2}, 0);
    builder.reset(0, 0);
    for (std::size_t i = 0; i < TransportCcBuilder::kMaxStatusCount; ++i) {
        ASSERT_TRUE(builder.addNotReceived());
    }
    EXPECT_FALSE(builder.addNotReceived());
    EXPECT_FALSE(builder.addReceived(1));
    TransportCcBuilder empty(FeedbackSsrcs{1, 2}, 0);
    std::vector<std::uint8_t> buf(64);
    EXPECT_FALSE(empty.write(buf).ok());
}

TEST(TransportCc, RejectsMissingChunksDeltasAndReservedSymbols) {
    std::vector<std::uint8_t> d = {0x8F, 205, 0, 5, 0, 0, 0, 1, 0,    0,    0, 2,
                                   0,    10,  0, 2, 0, 0, 0, 0, 0x20, 0x02, 4, 5};
    ASSERT_TRUE(parseOnly(d));
    d[15] = 3;  // three statuses, the run covers two and no further chunk fits
    EXPECT_FALSE(parseOnly(d));
    d[21] = 0x03;  // run of three small deltas but only two delta bytes
    EXPECT_FALSE(parseOnly(d));
    d[20] = 0x60;  // run of the reserved symbol 3
    EXPECT_FALSE(parseOnly(d));
    d[20] = 0x00;  // run of "not received": no deltas needed
    EXPECT_TRUE(parseOnly(d));
    std::vector<std::uint8_t> shortBody = {0x8F, 205, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 10, 0, 0};
    EXPECT_FALSE(parseOnly(shortBody));  // no reference time / fb count
}

}  // namespace
}  // namespace vp::sfu::packet::rtcp
