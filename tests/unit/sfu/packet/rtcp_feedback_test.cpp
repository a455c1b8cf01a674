// NACK, PLI, FIR and REMB: round trips, PID+BLP expansion, malformed FCI.
#include <gtest/gtest.h>

#include "rtcp_test_support.hpp"

#include <array>
#include <vector>

#include "sfu/packet/rtcp/fir.hpp"
#include "sfu/packet/rtcp/nack.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/packet/rtcp/remb.hpp"

namespace vp::sfu::packet::rtcp {
namespace {

using test::only;
using test::written;

TEST(RtcpNack, ExpandsPidAndBitmask) {
    // PID 100, BLP 0x8005: 100, 101, 103, 116.
    const std::vector<std::uint8_t> d = {0x81, 205, 0, 3, 0, 0,   0,    1,
                                         0,    0,   0, 2, 0, 100, 0x80, 0x05};
    auto nack = NackView::parse(only(d));
    ASSERT_TRUE(nack);
    EXPECT_EQ(nack->ssrcs(), (FeedbackSsrcs{1, 2}));
    std::vector<std::uint16_t> lost;
    nack->forEachLostSequence([&](std::uint16_t s) { lost.push_back(s); });
    EXPECT_EQ(lost, (std::vector<std::uint16_t>{100, 101, 103, 116}));
}

TEST(RtcpNack, PacksAndRoundTripsAcrossTheWrap) {
    const std::vector<std::uint16_t> lost = {65530, 65531, 65535, 0, 10, 11, 40};
    std::array<NackItem, 8> items{};
    auto used = packNackItems(lost, items);
    ASSERT_TRUE(used);
    EXPECT_EQ(*used, 3u);  // 65530..10 fit one item (distance 16); 11 and 40 start new ones
    std::vector<std::uint8_t> buf(100);
    auto size = writeNack(buf, FeedbackSsrcs{5, 6}, std::span(items).first(*used));
    ASSERT_TRUE(size.ok());
    buf.resize(*size);
    auto nack = NackView::parse(only(buf));
    ASSERT_TRUE(nack);
    std::vector<std::uint16_t> expanded;
    nack->forEachLostSequence([&](std::uint16_t s) { expanded.push_back(s); });
    EXPECT_EQ(expanded, (std::vector<std::uint16_t>{65530, 65531, 65535, 0, 10, 11, 40}));
}

TEST(RtcpNack, RejectsEmptyOrPartialFci) {
    const std::vector<std::uint8_t> empty = {0x81, 205, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2};
    EXPECT_FALSE(NackView::parse(only(empty)));
    const std::vector<std::uint8_t> wrongFmt = {0x82, 205, 0, 3, 0, 0, 0, 1,
                                                0,    0,   0, 2, 0, 1, 0, 0};
    EXPECT_FALSE(NackView::parse(only(wrongFmt)));
    std::array<NackItem, 1> one{};
    const std::vector<std::uint16_t> far = {1, 100};
    EXPECT_FALSE(packNackItems(far, one));
    std::vector<std::uint8_t> buf(64);
    EXPECT_FALSE(writeNack(buf, FeedbackSsrcs{}, {}).ok());
}

TEST(RtcpPli, RoundTrips) {
    std::vector<std::uint8_t> buf(64);
    auto d = written(writePli(buf, FeedbackSsrcs{0xA, 0xB}), buf);
    EXPECT_EQ(d.size(), 12u);
    EXPECT_EQ(parsePli(only(d)), (FeedbackSsrcs{0xA, 0xB}));
    d[0] = 0x84;  // FMT 4 is FIR, not PLI
    EXPECT_FALSE(parsePli(only(d)));
    std::array<std::uint8_t, 11> small{};
    EXPECT_FALSE(writePli(small, FeedbackSsrcs{}).ok());
}

TEST(RtcpFir, RoundTripsEntries) {
    const std::array<FirEntry, 2> entries = {FirEntry{0x1111, 7}, FirEntry{0x2222, 255}};
    std::vector<std::uint8_t> buf(64);
    auto d = written(writeFir(buf, 0x99, entries), buf);
    auto fir = FirView::parse(only(d));
    ASSERT_TRUE(fir);
    EXPECT_EQ(fir->senderSsrc(), 0x99u);
    ASSERT_EQ(fir->entryCount(), 2u);
    EXPECT_EQ(fir->entry(0), entries[0]);
    EXPECT_EQ(fir->entry(1), entries[1]);
    const std::vector<std::uint8_t> partial = {0x84, 206, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 5};
    EXPECT_FALSE(FirView::parse(only(partial)));  // half an entry
}

TEST(RtcpRemb, RoundTripsBitrateAndSsrcs) {
    const std::array<std::uint32_t, 2> ssrcs = {0xAAAA, 0xBBBB};
    std::vector<std::uint8_t> buf(64);
    for (std::uint64_t bitrate :
         {0ULL, 1ULL, 262143ULL, 262144ULL, 2'500'000ULL, (262143ULL << 40)}) {
        auto d = written(writeRemb(buf, 0x42, bitrate, ssrcs), buf);
        auto remb = RembView::parse(only(d));
        ASSERT_TRUE(remb);
        EXPECT_EQ(remb->senderSsrc(), 0x42u);
        EXPECT_EQ(remb->bitrate(), bitrate) << bitrate;  // all exactly representable
        ASSERT_EQ(remb->ssrcCount(), 2u);
        EXPECT_EQ(remb->ssrc(1), 0xBBBBu);
    }
    auto d = written(writeRemb(buf, 1, 1'000'001, ssrcs), buf);
    EXPECT_EQ(RembView::parse(only(d))->bitrate(), 1'000'000u);  // rounded down to 18 bits
}

TEST(RtcpRemb, ParsesAKnownEncodingAndRejectsBadOnes) {
    // exp 2, mantissa 0x3FFFF -> 1048572 bps, one SSRC.
    std::vector<std::uint8_t> d = {0x8F, 206, 0,   5,   0, 0,    0,    1,    0, 0, 0, 0,
                                   'R',  'E', 'M', 'B', 1, 0x0B, 0xFF, 0xFF, 0, 0, 0, 9};
    auto remb = RembView::parse(only(d));
    ASSERT_TRUE(remb);
    EXPECT_EQ(remb->bitrate(), 0x3FFFFu << 2);
    EXPECT_EQ(remb->ssrc(0), 9u);
    d[16] = 2;  // two SSRCs announced, one present
    EXPECT_FALSE(RembView::parse(only(d)));
    d[16] = 1;
    d[12] = 'X';
    EXPECT_FALSE(RembView::parse(only(d)));
    d[12] = 'R';
    d[17] = 0xFF;  // exponent 63: saturates instead of overflowing
    EXPECT_EQ(RembView::parse(only(d))->bitrate(), UINT64_MAX);
}

}  // namespace
}  // namespace vp::sfu::packet::rtcp
