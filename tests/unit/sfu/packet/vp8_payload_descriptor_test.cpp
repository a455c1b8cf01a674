// VP8 payload descriptor (RFC 7741 4.2): every optional field, keyframe
// detection, truncated descriptors, and in-place rewriting of picture id / TL0PICIDX.
#include "sfu/packet/vp8_payload_descriptor.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace vp::sfu::packet {
namespace {

// X=1 S=1 PID=0; I L T K; M=1 picture id 0x1234; TL0PICIDX 0x56; TID=2 Y=1 KEYIDX=5;
// VP8 payload header with P=0 (keyframe).
const std::vector<std::uint8_t> kFull = {0x90, 0xF0, 0x92, 0x34, 0x56, 0xA5, 0x10, 0x02, 0x00};

TEST(Vp8PayloadDescriptor, ParsesEveryOptionalField) {
    auto d = parseVp8PayloadDescriptor(kFull);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->startOfPartition);
    EXPECT_FALSE(d->nonReference);
    EXPECT_EQ(d->partitionId, 0);
    ASSERT_TRUE(d->pictureId);
    EXPECT_TRUE(d->pictureId15);
    EXPECT_EQ(*d->pictureId, 0x1234);
    EXPECT_EQ(d->tl0PicIdx, 0x56);
    EXPECT_EQ(d->temporalId, 2);
    EXPECT_TRUE(d->layerSync);
    EXPECT_EQ(d->keyIdx, 5);
    EXPECT_EQ(d->size, 6u);
    EXPECT_TRUE(d->keyframeStart);
    EXPECT_EQ(d->pictureIdModulus(), 0x8000u);
}

TEST(Vp8PayloadDescriptor, MinimalDescriptorAndSevenBitPictureId) {
    const std::vector<std::uint8_t> minimal = {0x10, 0x00};
    auto d = parseVp8PayloadDescriptor(minimal);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->size, 1u);
    EXPECT_FALSE(d->pictureId);
    EXPECT_TRUE(d->keyframeStart);

    const std::vector<std::uint8_t> shortId = {0x80, 0x80, 0x7F, 0x01};  // M=0, id 127, P=1
    d = parseVp8PayloadDescriptor(shortId);
    ASSERT_TRUE(d);
    EXPECT_FALSE(d->pictureId15);
    EXPECT_EQ(d->pictureId, 127);
    EXPECT_EQ(d->pictureIdModulus(), 0x80u);
    EXPECT_FALSE(d->keyframeStart);  // not S, and P=1
}

TEST(Vp8PayloadDescriptor, KeyframeOnlyOnTheFirstPacketOfPartitionZero) {
    // Delta frame: P=1.
    EXPECT_FALSE(parseVp8PayloadDescriptor(std::vector<std::uint8_t>{0x10, 0x01})->keyframeStart);
    // Continuation packet of a keyframe (S=0): P bit is payload data, not a header.
    EXPECT_FALSE(parseVp8PayloadDescriptor(std::vector<std::uint8_t>{0x00, 0x00})->keyframeStart);
    // Start of partition 1.
    EXPECT_FALSE(parseVp8PayloadDescriptor(std::vector<std::uint8_t>{0x11, 0x00})->keyframeStart);
}

TEST(Vp8PayloadDescriptor, RejectsTruncatedDescriptors) {
    const std::vector<std::vector<std::uint8_t>> bad = {
        {},
        {0x90},                                // X without the extension byte
        {0x90, 0x80},                          // I without picture id
        {0x90, 0x80, 0x92},                    // M without the second byte
        {0x90, 0x40},                          // L without TL0PICIDX
        {0x90, 0x20},                          // T without TID byte
        {0x90, 0x10},                          // K without KEYIDX byte
        {0x90, 0xF0, 0x92, 0x34, 0x56, 0xA5},  // complete descriptor, no VP8 data
    };
    for (const auto& payload : bad) {
        EXPECT_FALSE(parseVp8PayloadDescriptor(payload)) << payload.size();
    }
}

TEST(Vp8PayloadDescriptor, RewritesPictureIdAndTl0InPlaceKeepingTheWidth) {
    auto payload = kFull;
    auto d = parseVp8PayloadDescriptor(payload);
    ASSERT_TRUE(d);
    rewriteVp8PayloadDescriptor(payload, *d, 0x7FFE, 0x01);
    auto again = parseVp8PayloadDescriptor(payload);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->pictureId, 0x7FFE);
    EXPECT_EQ(again->tl0PicIdx, 0x01);
    EXPECT_EQ(again->temporalId, 2);
    EXPECT_EQ(again->size, d->size);
    EXPECT_EQ(payload.back(), kFull.back());

    std::vector<std::uint8_t> shortId = {0x80, 0x80, 0x05, 0x01};
    d = parseVp8PayloadDescriptor(shortId);
    ASSERT_TRUE(d);
    rewriteVp8PayloadDescriptor(shortId, *d, 0x0181, 0x99);  // masked to 7 bits, no TL0 field
    EXPECT_EQ(shortId, (std::vector<std::uint8_t>{0x80, 0x80, 0x01, 0x01}));
}

}  // namespace
}  // namespace vp::sfu::packet
