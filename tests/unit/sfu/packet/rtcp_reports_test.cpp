// SR, RR, SDES and BYE: round trips and malformed counts.
#include <gtest/gtest.h>

#include "rtcp_test_support.hpp"

#include <array>
#include <string>
#include <vector>

#include "sfu/packet/rtcp/bye.hpp"
#include "sfu/packet/rtcp/receiver_report.hpp"
#include "sfu/packet/rtcp/sdes.hpp"
#include "sfu/packet/rtcp/sender_report.hpp"

namespace vp::sfu::packet::rtcp {
namespace {

using test::only;
using test::written;

TEST(RtcpSenderReport, RoundTripsWithBlocks) {
    const SenderInfo info{0x11223344, 0xE1234567'89ABCDEFULL, 90000, 100, 123456};
    const std::array<ReportBlock, 2> blocks = {
        ReportBlock{1, 255, 0x7FFFFF, 0x0001FFFF, 10, 0xAABBCCDD, 65536},
        ReportBlock{2, 0, -0x800000, 0, 0, 0, 0}};
    std::vector<std::uint8_t> buf(200);
    auto d = written(writeSenderReport(buf, info, blocks), buf);
    EXPECT_EQ(d.size(), 4u + 24u + 48u);
    auto sr = SenderReportView::parse(only(d));
    ASSERT_TRUE(sr);
    EXPECT_EQ(sr->senderInfo(), info);
    ASSERT_EQ(sr->reportCount(), 2u);
    EXPECT_EQ(sr->reportBlock(0), blocks[0]);
    EXPECT_EQ(sr->reportBlock(1), blocks[1]);
}

TEST(RtcpSenderReport, RejectsMissingBlocksAndWrongType) {
    std::vector<std::uint8_t> buf(200);
    auto d = written(writeSenderReport(buf, SenderInfo{}, {}), buf);
    d[0] |= 0x01;  // announce one block that is not there
    EXPECT_FALSE(SenderReportView::parse(only(d)));
    d[0] &= 0xE0;
    d[1] = type::kReceiverReport;
    EXPECT_FALSE(SenderReportView::parse(only(d)));
    std::array<std::uint8_t, 20> small{};
    EXPECT_FALSE(writeSenderReport(small, SenderInfo{}, {}).ok());
    std::vector<ReportBlock> tooMany(32);
    EXPECT_FALSE(writeSenderReport(buf, SenderInfo{}, tooMany).ok());
}

TEST(RtcpReportBlock, CumulativeLostIsSigned24BitAndClamped) {
    std::array<std::uint8_t, kReportBlockSize> b{};
    writeReportBlock(b.data(), ReportBlock{1, 0, -1, 0, 0, 0, 0});
    EXPECT_EQ(b[5], 0xFF);
    EXPECT_EQ(readReportBlock(b.data()).cumulativeLost, -1);
    writeReportBlock(b.data(), ReportBlock{1, 0, 50'000'000, 0, 0, 0, 0});
    EXPECT_EQ(readReportBlock(b.data()).cumulativeLost, 0x7FFFFF);
}

TEST(RtcpReceiverReport, RoundTrips) {
    const std::vector<ReportBlock> blocks(31, ReportBlock{7, 1, 2, 3, 4, 5, 6});
    std::vector<std::uint8_t> buf(1000);
    auto d = written(writeReceiverReport(buf, 0xCAFE, blocks), buf);
    auto rr = ReceiverReportView::parse(only(d));
    ASSERT_TRUE(rr);
    EXPECT_EQ(rr->ssrc(), 0xCAFEu);
    ASSERT_EQ(rr->reportCount(), 31u);
    EXPECT_EQ(rr->reportBlock(30), blocks[30]);
}

TEST(RtcpSdes, RoundTripsChunksAndItems) {
    const std::array<SdesItem, 2> items1 = {SdesItem{1, "cname-1"}, SdesItem{6, "videopro"}};
    const std::array<SdesItem, 1> items2 = {SdesItem{1, "abc"}};
    const std::string longText(255, 'x');
    const std::array<SdesItem, 1> items3 = {SdesItem{2, longText}};
    const std::array<SdesChunk, 4> chunks = {SdesChunk{10, items1}, SdesChunk{20, items2},
                                             SdesChunk{30, {}}, SdesChunk{40, items3}};
    std::vector<std::uint8_t> buf(600);
    auto d = written(writeSdes(buf, chunks), buf);
    EXPECT_EQ(d.size() % 4, 0u);
    auto sdes = SdesView::parse(only(d));
    ASSERT_TRUE(sdes);
    EXPECT_EQ(sdes->chunkCount(), 4u);
    std::vector<std::string> seen;
    sdes->forEachItem([&](std::uint32_t ssrc, std::uint8_t itemType, std::string_view text) {
        seen.push_back(std::to_string(ssrc) + ":" + std::to_string(itemType) + ":" +
                       std::string(text));
    });
    EXPECT_EQ(seen, (std::vector<std::string>{"10:1:cname-1", "10:6:videopro", "20:1:abc",
                                              "40:2:" + longText}));
}

TEST(RtcpSdes, RejectsItemPastEndAndMissingTerminator) {
    // One chunk: SSRC, CNAME claiming 10 bytes with only 2 present.
    std::vector<std::uint8_t> d = {0x81, 202, 0, 2, 0, 0, 0, 1, 1, 10, 'a', 'b'};
    EXPECT_FALSE(SdesView::parse(only(d)));
    // One chunk with an item that fills the packet and no null terminator.
    std::vector<std::uint8_t> e = {0x81, 202, 0, 2, 0, 0, 0, 1, 1, 2, 'a', 'b'};
    EXPECT_FALSE(SdesView::parse(only(e)));
    // Two chunks announced, one present.
    std::vector<std::uint8_t> f = {0x82, 202, 0, 2, 0, 0, 0, 1, 1, 1, 'a', 0};
    EXPECT_FALSE(SdesView::parse(only(f)));
    f[0] = 0x81;
    EXPECT_TRUE(SdesView::parse(only(f)));
    const SdesItem end{sdes_item::kEnd, "x"};
    const SdesChunk bad{1, {&end, 1}};
    std::vector<std::uint8_t> buf(64);
    EXPECT_FALSE(writeSdes(buf, {&bad, 1}).ok());
}

TEST(RtcpBye, RoundTripsWithAndWithoutReason) {
    const std::array<std::uint32_t, 3> ssrcs = {1, 2, 0xFFFFFFFF};
    std::vector<std::uint8_t> buf(100);
    auto d = written(writeBye(buf, ssrcs, "camera off"), buf);
    auto bye = ByeView::parse(only(d));
    ASSERT_TRUE(bye);
    ASSERT_EQ(bye->ssrcCount(), 3u);
    EXPECT_EQ(bye->ssrc(2), 0xFFFFFFFFu);
    EXPECT_EQ(bye->reason(), "camera off");
    auto e = written(writeBye(buf, ssrcs), buf);
    auto bye2 = ByeView::parse(only(e));
    ASSERT_TRUE(bye2);
    EXPECT_FALSE(bye2->reason());
}

TEST(RtcpBye, RejectsReasonPastEndAndMissingSsrcs) {
    std::vector<std::uint8_t> d = {0x81, 203, 0, 2, 0, 0, 0, 1, 9, 'a', 'b', 'c'};
    EXPECT_FALSE(ByeView::parse(only(d)));
    d[8] = 3;
    EXPECT_EQ(ByeView::parse(only(d))->reason(), "abc");
    d[0] = 0x83;  // three SSRCs announced, room for two words
    EXPECT_FALSE(ByeView::parse(only(d)));
}

}  // namespace
}  // namespace vp::sfu::packet::rtcp
