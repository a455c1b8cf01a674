// The header reader: formats by magic bytes, dimensions without decoding, and every
// malformed or truncated header refused with a clear error, never a crash.
#include <gtest/gtest.h>

#include "services/images/avatar_image.hpp"
#include "services/images/image_header.hpp"
#include "test_images.hpp"

namespace vp::services::images {
namespace {

using namespace std::string_view_literals;
using testing::Bytes;
using testing::Kind;

Bytes bytesOf(std::string_view text) {
    return Bytes(text.begin(), text.end());
}

TEST(ImageHeader, ReadsRealJpegPngAndWebpHeaders) {
    struct Case {
        Kind kind;
        ImageFormat format;
    };
    for (const auto& c : {Case{Kind::Jpeg, ImageFormat::Jpeg}, Case{Kind::Png, ImageFormat::Png},
                          Case{Kind::Webp, ImageFormat::Webp}}) {
        const auto image = testing::makeImage(c.kind, 321, 123);
        auto header = readImageHeader(image);
        ASSERT_TRUE(header) << toString(c.format) << ": " << header.error().message;
        EXPECT_EQ(header->format, c.format);
        EXPECT_EQ(header->width, 321u);
        EXPECT_EQ(header->height, 123u);
    }
}

TEST(ImageHeader, ReadsLosslessAndExtendedWebpHeaders) {
    // VP8L: signature 0x2f, then (w-1) and (h-1) in 14 bits each, little-endian.
    Bytes lossless = bytesOf("RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0"sv);
    const std::uint32_t bits = (640 - 1) | (480 - 1) << 14;
    lossless.push_back(0x2f);
    for (int i = 0; i < 4; ++i) {
        lossless.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
    }
    auto header = readImageHeader(lossless);
    ASSERT_TRUE(header) << header.error().message;
    EXPECT_EQ(header->width, 640u);
    EXPECT_EQ(header->height, 480u);
    // VP8X: canvas (w-1) and (h-1) in 24 bits each.
    Bytes extended = bytesOf("RIFF\x1e\0\0\0WEBPVP8X\x0a\0\0\0"sv);
    extended.insert(extended.end(), {0x10, 0, 0, 0, 0x1f, 0x4e, 0x00, 0x1f, 0x4e, 0x00});
    header = readImageHeader(extended);
    ASSERT_TRUE(header) << header.error().message;
    EXPECT_EQ(header->width, 20000u);
    EXPECT_EQ(header->height, 20000u);
}

TEST(ImageHeader, FindsTheJpegFrameAfterOtherSegmentsAndFillBytes) {
    // SOI, APP0 (JFIF, 16 bytes), fill bytes, SOF2 (progressive) 2000 x 1000.
    Bytes jpeg = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10};
    jpeg.insert(jpeg.end(), 14, 0x41);
    jpeg.insert(jpeg.end(), {0xff, 0xff, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x03, 0xe8, 0x07, 0xd0});
    jpeg.insert(jpeg.end(), 10, 0);
    auto header = readImageHeader(jpeg);
    ASSERT_TRUE(header) << header.error().message;
    EXPECT_EQ(header->format, ImageFormat::Jpeg);
    EXPECT_EQ(header->width, 2000u);
    EXPECT_EQ(header->height, 1000u);
}

TEST(ImageHeader, RefusesAPdfRenamedPngAndOtherFormats) {
    for (std::string_view text :
         {std::string_view("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"),
          "GIF89a\x01\0\x01\0"sv, std::string_view("<svg xmlns=\"\"/>"), "RIFF\x04\0\0\0WAVEfmt "sv,
          std::string_view("")}) {
        auto header = readImageHeader(bytesOf(text));
        ASSERT_FALSE(header) << text;
        EXPECT_EQ(header.error().code, "unsupported_image") << text;
    }
}

TEST(ImageHeader, RefusesZeroAndDeferredDimensions) {
    // A JPEG frame with height 0 (to be given later by DNL) is not accepted.
    Bytes jpeg = {0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x00, 0x01, 0x00};
    jpeg.insert(jpeg.end(), 12, 0);
    auto header = readImageHeader(jpeg);
    ASSERT_FALSE(header);
    EXPECT_EQ(header.error().code, "invalid_image");
    // A scan before any frame header.
    const Bytes scanFirst = {0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0, 0, 0, 0, 0, 0};
    EXPECT_EQ(readImageHeader(scanFirst).error().code, "invalid_image");
}

TEST(ImageHeader, RefusesADamagedPngHeader) {
    auto png = testing::makeImage(Kind::Png, 10, 10);
    png[17] ^= 0x01;  // a bit of the width: the IHDR checksum no longer matches
    auto header = readImageHeader(png);
    ASSERT_FALSE(header);
    EXPECT_EQ(header.error().code, "invalid_image");
    EXPECT_NE(header.error().message.find("checksum"), std::string::npos);
}

TEST(ImageHeader, EveryTruncationOfARealHeaderIsRefusedOrReadCorrectly) {
    for (Kind kind : {Kind::Jpeg, Kind::Png, Kind::Webp}) {
        const auto image = testing::makeImage(kind, 64, 48);
        for (std::size_t n = 0; n < std::min<std::size_t>(image.size(), 700); ++n) {
            const std::span<const std::uint8_t> prefix(image.data(), n);
            auto header = readImageHeader(prefix);
            if (header) {
                EXPECT_EQ(header->width, 64u) << n;
                EXPECT_EQ(header->height, 48u) << n;
            } else {
                EXPECT_TRUE(header.error().code == "invalid_image" ||
                            header.error().code == "unsupported_image")
                    << n << " " << header.error().code;
            }
        }
    }
}

TEST(AvatarLimitsCheck, RefusesA20000By20000PngBombFromItsHeaderAlone) {
    const auto bomb = testing::makePngBomb(20000, 20000);
    ASSERT_LT(bomb.size(), 1u << 20);  // small on the wire, 400 megapixels decoded
    auto checked = checkAvatarUpload(bomb, {});
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code, "image_dimensions_too_large");
    EXPECT_NE(checked.error().message.find("20000 x 20000"), std::string::npos);
}

TEST(AvatarLimitsCheck, BoundsBytesAndEachDimension) {
    EXPECT_EQ(checkAvatarUpload(Bytes(kMaxAvatarBytes + 1, 0xff), {}).error().code,
              "image_too_large");
    EXPECT_TRUE(checkAvatarUpload(testing::makeImage(Kind::Png, 4096, 8), {}));
    EXPECT_EQ(checkAvatarUpload(testing::makeImage(Kind::Png, 4097, 8), {}).error().code,
              "image_dimensions_too_large");
    EXPECT_EQ(checkAvatarUpload(testing::makeImage(Kind::Png, 8, 4097), {}).error().code,
              "image_dimensions_too_large");
}

}  // namespace
}  // namespace vp::services::images
