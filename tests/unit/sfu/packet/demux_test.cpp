#include "sfu/packet/demux.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace vp::sfu::packet {
namespace {

PacketKind classifyFirst(std::uint8_t first, std::uint8_t second = 96, std::size_t size = 40) {
    std::vector<std::uint8_t> d(size, 0);
    if (size > 0) {
        d[0] = first;
    }
    if (size > 1) {
        d[1] = second;
    }
    return classifyPacket(d);
}

TEST(Demux, FirstByteRangesOfRfc7983) {
    for (int b = 0; b <= 3; ++b) {
        EXPECT_EQ(classifyFirst(static_cast<std::uint8_t>(b)), PacketKind::Stun) << b;
    }
    for (int b = 20; b <= 63; ++b) {
        EXPECT_EQ(classifyFirst(static_cast<std::uint8_t>(b)), PacketKind::Dtls) << b;
    }
    for (int b = 128; b <= 191; ++b) {
        EXPECT_EQ(classifyFirst(static_cast<std::uint8_t>(b)), PacketKind::Rtp) << b;
    }
    for (int b : {4, 16, 19, 64, 79, 127, 192, 255}) {
        EXPECT_EQ(classifyFirst(static_cast<std::uint8_t>(b)), PacketKind::Unknown) << b;
    }
}

TEST(Demux, RtcpPacketTypes192To223) {
    EXPECT_EQ(classifyFirst(0x80, 191), PacketKind::Rtp);
    EXPECT_EQ(classifyFirst(0x80, 192), PacketKind::Rtcp);
    EXPECT_EQ(classifyFirst(0x81, 200), PacketKind::Rtcp);  // SR
    EXPECT_EQ(classifyFirst(0x81, 206), PacketKind::Rtcp);  // PSFB
    EXPECT_EQ(classifyFirst(0x80, 223), PacketKind::Rtcp);
    EXPECT_EQ(classifyFirst(0x80, 224), PacketKind::Rtp);  // marker bit + PT 96
    EXPECT_EQ(classifyFirst(0x80, 0xE0), PacketKind::Rtp);
}

TEST(Demux, TooShortOrEmptyIsUnknown) {
    EXPECT_EQ(classifyPacket({}), PacketKind::Unknown);
    EXPECT_EQ(classifyFirst(0x00, 1, 19), PacketKind::Unknown);   // STUN header is 20
    EXPECT_EQ(classifyFirst(0x80, 96, 11), PacketKind::Unknown);  // RTP header is 12
    EXPECT_EQ(classifyFirst(0x80, 200, 4), PacketKind::Rtcp);
    EXPECT_EQ(classifyFirst(0x80, 200, 3), PacketKind::Unknown);
    EXPECT_EQ(classifyFirst(22, 0, 12), PacketKind::Unknown);  // DTLS record header is 13
}

}  // namespace
}  // namespace vp::sfu::packet
