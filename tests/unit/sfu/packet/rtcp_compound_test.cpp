// Compound RTCP framing: iteration, padding and every malformed-length case.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "sfu/packet/rtcp/bye.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/packet/rtcp/receiver_report.hpp"
#include "sfu/packet/rtcp/sdes.hpp"

namespace vp::sfu::packet::rtcp {
namespace {

std::vector<std::uint8_t> compound() {
    std::vector<std::uint8_t> out(256);
    std::size_t size = 0;
    const ReportBlock block{0xAAAA, 12, -3, 70000, 5, 6, 7};
    size += *writeReceiverReport(MutableBytes(out).subspan(size), 0x1234, {&block, 1});
    const SdesItem cname{sdes_item::kCname, "user@host"};
    const SdesChunk chunk{0x1234, {&cname, 1}};
    size += *writeSdes(MutableBytes(out).subspan(size), {&chunk, 1});
    size += *writePli(MutableBytes(out).subspan(size), FeedbackSsrcs{0x1234, 0x5678});
    out.resize(size);
    return out;
}

TEST(RtcpCompound, IteratesEverySubPacket) {
    auto d = compound();
    CompoundIterator it(d);
    std::vector<std::uint8_t> types;
    while (auto p = it.next()) {
        types.push_back(p->packetType());
    }
    EXPECT_FALSE(it.failed());
    EXPECT_EQ(types, (std::vector<std::uint8_t>{type::kReceiverReport, type::kSdes,
                                                type::kPayloadFeedback}));
}

TEST(RtcpCompound, TruncationStopsWithAnErrorNeverAnOverRead) {
    auto d = compound();
    std::vector<std::size_t> boundaries;
    CompoundIterator whole(d);
    std::size_t end = 0;
    while (auto p = whole.next()) {
        end += p->bytes().size();
        boundaries.push_back(end);
    }
    for (std::size_t cut = 0; cut < d.size(); ++cut) {
        const bool atBoundary =
            std::find(boundaries.begin(), boundaries.end(), cut) != boundaries.end();
        // Heap copy of exactly `cut` bytes so ASan catches any over-read.
        std::vector<std::uint8_t> part(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(cut));
        CompoundIterator it(part);
        std::size_t seen = 0;
        while (auto p = it.next()) {
            seen += p->bytes().size();
        }
        EXPECT_EQ(it.failed(), !atBoundary) << "cut at " << cut;
        EXPECT_LE(seen, cut);
    }
}

TEST(RtcpCompound, LengthBeyondBufferIsAnError) {
    auto d = compound();
    d[3] = 0xFF;  // first packet claims 1024 bytes
    CompoundIterator it(d);
    EXPECT_FALSE(it.next());
    EXPECT_TRUE(it.failed());
}

TEST(RtcpCompound, BadVersionOrEmptyIsAnError) {
    std::vector<std::uint8_t> d = {0x40, 201, 0, 1, 0, 0, 0, 1};
    CompoundIterator it(d);
    EXPECT_FALSE(it.next());
    EXPECT_TRUE(it.failed());
    CompoundIterator empty(Bytes{});
    EXPECT_FALSE(empty.next());
    EXPECT_TRUE(empty.failed());
}

TEST(RtcpCompound, PaddingIsStrippedFromTheBody) {
    // RR with no blocks, then 4 bytes of padding (P bit, last byte = 4).
    std::vector<std::uint8_t> d = {0xA0, 201, 0, 2, 0, 0, 0, 9, 0, 0, 0, 4};
    auto p = RtcpPacketView::parse(d);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->body().size(), 4u);
    EXPECT_EQ(p->bytes().size(), 12u);
    auto rr = ReceiverReportView::parse(*p);
    ASSERT_TRUE(rr);
    EXPECT_EQ(rr->ssrc(), 9u);
    d.back() = 0;
    EXPECT_FALSE(RtcpPacketView::parse(d));  // zero padding count
    d.back() = 9;
    EXPECT_FALSE(RtcpPacketView::parse(d));  // padding larger than the body
}

TEST(RtcpCompound, ZeroLengthPacketsAreHeaderOnly) {
    std::vector<std::uint8_t> d = {0x80, 203, 0, 0};  // BYE with no SSRC
    auto p = RtcpPacketView::parse(d);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->body().empty());
    auto bye = ByeView::parse(*p);
    ASSERT_TRUE(bye);
    EXPECT_EQ(bye->ssrcCount(), 0u);
    // Report counts that need a body a zero-length packet does not have.
    std::vector<std::uint8_t> rr = {0x81, 201, 0, 0};
    EXPECT_FALSE(ReceiverReportView::parse(*RtcpPacketView::parse(rr)));
    std::vector<std::uint8_t> pli = {0x81, 206, 0, 0};
    EXPECT_FALSE(parsePli(*RtcpPacketView::parse(pli)));
}

}  // namespace
}  // namespace vp::sfu::packet::rtcp
