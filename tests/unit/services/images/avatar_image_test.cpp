// Avatars re-encoded with libvips: real JPEG, PNG and WebP accepted and shrunk to
// fit 512 x 512 as JPEG; EXIF GPS gone; bombs, fakes, truncated and oversized files refused.
#include <gtest/gtest.h>

#include <chrono>

#include "services/images/avatar_image.hpp"
#include "test_images.hpp"

namespace vp::services::images {
namespace {

using testing::Bytes;
using testing::Kind;

TEST(Avatar, ReencodesRealJpegPngAndWebpAsJpegWithin512) {
    for (Kind kind : {Kind::Jpeg, Kind::Png, Kind::Webp}) {
        auto avatar = makeAvatar(testing::makeImage(kind, 1200, 600));
        ASSERT_TRUE(avatar) << avatar.error().code << ": " << avatar.error().message;
        EXPECT_EQ(avatar->mediaType, "image/jpeg");
        EXPECT_EQ(avatar->width, 512u);
        EXPECT_EQ(avatar->height, 256u);
        const auto seen = testing::inspect(avatar->bytes);
        ASSERT_TRUE(seen.loaded);
        EXPECT_EQ(seen.loader, "jpegload_buffer");
        EXPECT_EQ(seen.width, 512);
        EXPECT_EQ(seen.height, 256);
    }
}

TEST(Avatar, NeverEnlargesASmallImage) {
    auto avatar = makeAvatar(testing::makeImage(Kind::Png, 40, 30));
    ASSERT_TRUE(avatar) << avatar.error().message;
    EXPECT_EQ(avatar->width, 40u);
    EXPECT_EQ(avatar->height, 30u);
}

TEST(Avatar, StripsExifGpsAndEveryOtherMetadata) {
    const auto original = testing::makeJpegWithGps(800, 600);
    const auto before = testing::inspect(original);
    ASSERT_TRUE(before.exif) << "the fixture must carry EXIF";
    ASSERT_TRUE(before.gps) << "the fixture must carry GPS fields";
    ASSERT_TRUE(testing::contains(original, testing::kGpsMarker));

    auto avatar = makeAvatar(original);
    ASSERT_TRUE(avatar) << avatar.error().message;
    const auto after = testing::inspect(avatar->bytes);
    ASSERT_TRUE(after.loaded);
    EXPECT_FALSE(after.exif);
    EXPECT_FALSE(after.gps);
    EXPECT_FALSE(after.xmp);
    EXPECT_FALSE(after.icc);
    EXPECT_FALSE(testing::contains(avatar->bytes, testing::kGpsMarker));
    EXPECT_FALSE(testing::contains(avatar->bytes, "Exif"));
    // No APPn segment at all (EXIF is APP1, XMP APP1, ICC APP2, IPTC APP13).
    const auto& b = avatar->bytes;
    ASSERT_TRUE(b.size() > 4 && b[0] == 0xff && b[1] == 0xd8);
    std::size_t i = 2;
    while (i + 3 < b.size() && b[i] == 0xff && b[i + 1] != 0xda) {  // segments up to the scan
        EXPECT_FALSE(b[i + 1] >= 0xe0 && b[i + 1] <= 0xef) << "APPn segment at " << i;
        i += 2 + static_cast<std::size_t>(b[i + 2] << 8 | b[i + 3]);
    }
    EXPECT_EQ(b[i + 1], 0xda) << "the segment walk did not reach the scan";
}

TEST(Avatar, RefusesAPdfRenamedPng) {
    const std::string_view pdf =
        "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    auto avatar = makeAvatar(Bytes(pdf.begin(), pdf.end()));
    ASSERT_FALSE(avatar);
    EXPECT_EQ(avatar.error().code, "unsupported_image");
}

TEST(Avatar, RefusesA20000By20000PngWithoutDecodingIt) {
    const auto bomb = testing::makePngBomb(20000, 20000);
    const auto started = std::chrono::steady_clock::now();
    auto avatar = makeAvatar(bomb);
    const auto took = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(avatar);
    EXPECT_EQ(avatar.error().code, "image_dimensions_too_large");
    // Decoding 400 megapixels takes seconds; the header check takes microseconds.
    EXPECT_LT(took, std::chrono::milliseconds(200));
}

TEST(Avatar, RefusesTruncatedFiles) {
    for (Kind kind : {Kind::Jpeg, Kind::Png, Kind::Webp}) {
        const auto image = testing::makeImage(kind, 300, 300);
        // Cut inside the header, and cut in the middle of the pixel data.
        for (std::size_t keep : {std::size_t{12}, image.size() / 2}) {
            auto avatar = makeAvatar(Bytes(image.begin(), image.begin() + static_cast<long>(keep)));
            ASSERT_FALSE(avatar) << static_cast<int>(kind) << " kept " << keep;
            EXPECT_EQ(avatar.error().code, "invalid_image")
                << static_cast<int>(kind) << " " << keep;
        }
    }
}

TEST(Avatar, RefusesAnOversizedBodyBeforeLookingAtIt) {
    auto big = testing::makeImage(Kind::Png, 16, 16);
    big.resize(kMaxAvatarBytes + 1, 0);
    auto avatar = makeAvatar(big);
    ASSERT_FALSE(avatar);
    EXPECT_EQ(avatar.error().code, "image_too_large");
}

TEST(Avatar, RefusesAHeaderThatLiesAboutTheSize) {
    // A PNG whose IHDR says 100 x 100 (checksum fixed up) over 10 x 10 pixel data.
    auto png = testing::makeImage(Kind::Png, 10, 10);
    png[19] = 100;
    png[23] = 100;
    // Recompute the IHDR CRC so only the decoder can notice.
    std::uint32_t crc = 0xffffffffu;
    for (std::size_t i = 12; i < 29; ++i) {
        crc ^= png[i];
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
    }
    crc = ~crc;
    for (int i = 0; i < 4; ++i) {
        png[29 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
    }
    auto avatar = makeAvatar(png);
    ASSERT_FALSE(avatar);
    EXPECT_EQ(avatar.error().code, "invalid_image");
}

}  // namespace
}  // namespace vp::services::images
