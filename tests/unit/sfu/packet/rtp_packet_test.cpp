// RTP views, the writer and in-place rewriting; every malformed length case.
#include "sfu/packet/rtp_packet.hpp"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <vector>

#include "sfu/packet/rtp_writer.hpp"

namespace vp::sfu::packet {
namespace {

std::vector<std::uint8_t> build(const RtpHeaderFields& h, std::vector<RtpExtensionElement> ext,
                                std::vector<std::uint8_t> payload, std::uint8_t padding = 0) {
    std::vector<std::uint8_t> buf(1500);
    auto size = writeRtpPacket(buf, h, ext, payload, padding);
    EXPECT_TRUE(size.ok());
    buf.resize(size.ok() ? *size : 0);
    return buf;
}

TEST(RtpPacket, ParsesAHandWrittenPacket) {
    const std::vector<std::uint8_t> d = {
        0x90, 0xE0, 0x12, 0x34, 0x00, 0x00, 0x10, 0x00, 0xDE, 0xAD, 0xBE, 0xEF,  // V=2 X M PT=96
        0xBE, 0xDE, 0x00, 0x01, 0x22, 0xAA, 0xBB, 0xCC,  // one-byte ext: id 2, 3 bytes
        0x01, 0x02, 0x03};
    auto p = RtpPacketView::parse(d);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->version(), 2);
    EXPECT_TRUE(p->marker());
    EXPECT_EQ(p->payloadType(), 96);
    EXPECT_EQ(p->sequenceNumber(), 0x1234);
    EXPECT_EQ(p->timestamp(), 0x1000u);
    EXPECT_EQ(p->ssrc(), 0xDEADBEEFu);
    EXPECT_EQ(p->headerSize(), 20u);
    ASSERT_TRUE(p->extension(2));
    EXPECT_EQ(p->extension(2)->size(), 3u);
    EXPECT_EQ((*p->extension(2))[0], 0xAA);
    EXPECT_FALSE(p->extension(3));
    EXPECT_EQ(p->payload().size(), 3u);
    EXPECT_EQ(p->paddingSize(), 0u);
}

TEST(RtpPacket, OneByteExtensionsRoundTrip) {
    const std::uint32_t csrcs[] = {11, 22};
    RtpHeaderFields h{111, true, 65535, 0xFFFFFFFF, 0x01020304, csrcs};
    const std::uint8_t mid[] = {'0'};
    const std::uint8_t tcc[] = {0x12, 0x34};
    const std::uint8_t big[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    auto d = build(h, {{1, mid}, {3, tcc}, {14, big}}, {9, 8, 7}, 5);
    auto p = RtpPacketView::parse(d);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->extensionProfile(), kOneByteExtensionProfile);
    EXPECT_EQ(p->csrcCount(), 2u);
    EXPECT_EQ(p->csrc(1), 22u);
    EXPECT_EQ(p->sequenceNumber(), 65535);
    EXPECT_TRUE(p->marker());
    EXPECT_EQ(p->payloadType(), 111);
    EXPECT_EQ(std::vector<std::uint8_t>(p->extension(3)->begin(), p->extension(3)->end()),
              std::vector<std::uint8_t>({0x12, 0x34}));
    EXPECT_EQ(p->extension(14)->size(), 16u);
    EXPECT_EQ(p->extension(1)->size(), 1u);
    EXPECT_EQ(p->paddingSize(), 5u);
    EXPECT_EQ(std::vector<std::uint8_t>(p->payload().begin(), p->payload().end()),
              std::vector<std::uint8_t>({9, 8, 7}));
    EXPECT_EQ(p->extensionBlock().size() % 4, 0u);
}

TEST(RtpPacket, TwoByteFormUsedForLargeIdsEmptyAndLongValues) {
    std::vector<std::uint8_t> longValue(200, 0x5A);
    RtpHeaderFields h{96, false, 1, 2, 3, {}};
    auto d = build(h, {{1, {}}, {15, longValue}, {200, std::vector<std::uint8_t>{7}}}, {1});
    auto p = RtpPacketView::parse(d);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->extensionProfile() & 0xFFF0, kTwoByteExtensionProfile);
    ASSERT_TRUE(p->extension(1));
    EXPECT_TRUE(p->extension(1)->empty());
    EXPECT_EQ(p->extension(15)->size(), 200u);
    EXPECT_EQ((*p->extension(200))[0], 7);
    std::map<int, std::size_t> seen;
    EXPECT_TRUE(p->forEachExtension([&](std::uint8_t id, Bytes v) { seen[id] = v.size(); }));
    EXPECT_EQ(seen, (std::map<int, std::size_t>{{1, 0}, {15, 200}, {200, 1}}));
}

TEST(RtpPacket, OneByteStopsAtReservedId15AndSkipsPadding) {
    const std::vector<std::uint8_t> d = {0x90, 96,   0,    1,    0,    0,    0,    1,
                                         0,    0,    0,    1,     //
                                         0xBE, 0xDE, 0x00, 0x02,  //
                                         0x00, 0x10, 0xAB, 0xF0, 0x20, 0x11, 0x22, 0x33};
    auto p = RtpPacketView::parse(d);
    ASSERT_TRUE(p);
    ASSERT_TRUE(p->extension(1));  // after one padding byte
    EXPECT_EQ((*p->extension(1))[0], 0xAB);
    EXPECT_FALSE(p->extension(2));  // after id 15: not processed
}

TEST(RtpPacket, UnknownProfileHasNoElements) {
    const std::vector<std::uint8_t> d = {0x90, 96, 0,    1,    0,    0,    0,    1,    0, 0,
                                         0,    1,  0x12, 0x34, 0x00, 0x01, 0x10, 0xAA, 0, 0};
    auto p = RtpPacketView::parse(d);
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->extension(1));
    EXPECT_FALSE(p->forEachExtension([](std::uint8_t, Bytes) {}));
    EXPECT_TRUE(p->payload().empty());
}

TEST(RtpMalformed, TruncatedHeaderAndWrongVersion) {
    std::vector<std::uint8_t> d = {0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
    EXPECT_TRUE(RtpPacketView::parse(d));
    EXPECT_FALSE(RtpPacketView::parse(Bytes(d).first(11)));
    EXPECT_FALSE(RtpPacketView::parse({}));
    d[0] = 0x40;
    EXPECT_FALSE(RtpPacketView::parse(d));
}

TEST(RtpMalformed, CsrcCountPastEnd) {
    std::vector<std::uint8_t> d = {0x82, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 5};
    EXPECT_FALSE(RtpPacketView::parse(d));  // 2 CSRCs announced, 1 present
}

TEST(RtpMalformed, ExtensionLengthPastEnd) {
    std::vector<std::uint8_t> d = {0x90, 96, 0,    1,    0,    0,    0,    1,    0, 0,
                                   0,    1,  0xBE, 0xDE, 0x00, 0x02, 0x10, 0xAA, 0, 0};
    EXPECT_FALSE(RtpPacketView::parse(d));                   // 8 bytes announced, 4 present
    EXPECT_FALSE(RtpPacketView::parse(Bytes(d).first(14)));  // extension header cut
    d[15] = 0x01;
    EXPECT_TRUE(RtpPacketView::parse(d));
}

TEST(RtpMalformed, ExtensionElementPastBlockIsNotRead) {
    // id 1 claims 16 bytes within a 4-byte block; payload bytes follow.
    std::vector<std::uint8_t> d = {0x90, 96,   0,    1,    0,    0,    0,    1,    0,    0, 0,
                                   1,    0xBE, 0xDE, 0x00, 0x01, 0x1F, 0xAA, 0xBB, 0xCC, 1, 2,
                                   3,    4,    5,    6,    7,    8,    9,    10,   11,   12};
    auto p = RtpPacketView::parse(d);
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->extension(1));
    EXPECT_FALSE(p->forEachExtension([](std::uint8_t, Bytes) {}));
    // Two-byte form: length byte itself missing.
    std::vector<std::uint8_t> t = {0x90, 96, 0,    1,    0,    0,    0,    1,    0,    0,
                                   0,    1,  0x10, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05};
    auto q = RtpPacketView::parse(t);
    ASSERT_TRUE(q);
    EXPECT_FALSE(q->extension(5));
}

TEST(RtpMalformed, PaddingLargerThanPayloadOrZero) {
    std::vector<std::uint8_t> d = {0xA0, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xAA, 0x00, 0x03};
    auto ok = RtpPacketView::parse(d);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->payload().size(), 0u);
    EXPECT_EQ(ok->paddingSize(), 3u);
    d.back() = 4;
    EXPECT_FALSE(RtpPacketView::parse(d));
    d.back() = 0;
    EXPECT_FALSE(RtpPacketView::parse(d));
    std::vector<std::uint8_t> onlyHeader = {0xA0, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
    EXPECT_FALSE(RtpPacketView::parse(onlyHeader));  // padding byte would be in the header
}

TEST(MutableRtpPacket, RewritesHeaderFieldsAndExtensionsInPlace) {
    const std::uint8_t tcc[] = {0, 1};
    auto d = build(RtpHeaderFields{96, false, 10, 1000, 0x1111, {}}, {{5, tcc}}, {1, 2, 3});
    auto p = MutableRtpPacket::parse(d);
    ASSERT_TRUE(p);
    p->setSsrc(0x2222);
    p->setSequenceNumber(20);
    p->setTimestamp(2000);
    p->setPayloadType(100);
    p->setMarker(true);
    const std::uint8_t newTcc[] = {0xAB, 0xCD};
    EXPECT_TRUE(p->setExtension(5, newTcc));
    const std::uint8_t wrongSize[] = {1, 2, 3};
    EXPECT_FALSE(p->setExtension(5, wrongSize));
    EXPECT_FALSE(p->setExtension(6, newTcc));
    EXPECT_TRUE(p->extension(9).empty());
    auto v = RtpPacketView::parse(d);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->ssrc(), 0x2222u);
    EXPECT_EQ(v->sequenceNumber(), 20);
    EXPECT_EQ(v->timestamp(), 2000u);
    EXPECT_EQ(v->payloadType(), 100);
    EXPECT_TRUE(v->marker());
    EXPECT_EQ((*v->extension(5))[0], 0xAB);
    EXPECT_EQ(v->payload()[2], 3);
}

TEST(RtpWriter, RejectsBadInputAndSmallBuffers) {
    std::array<std::uint8_t, 16> small{};
    RtpHeaderFields h{96, false, 1, 2, 3, {}};
    auto r = writeRtpPacket(small, h, {}, std::vector<std::uint8_t>(10));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "packet.buffer_too_small");
    std::array<std::uint8_t, 1500> buf{};
    const std::uint32_t csrcs[16] = {};
    h.csrcs = csrcs;
    EXPECT_FALSE(writeRtpPacket(buf, h, {}, {}).ok());
    h.csrcs = {};
    std::vector<RtpExtensionElement> bad = {{0, {}}};
    EXPECT_FALSE(writeRtpPacket(buf, h, bad, {}).ok());
}

}  // namespace
}  // namespace vp::sfu::packet
