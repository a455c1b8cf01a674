#pragma once
// Real images for the tests, made with libvips (JPEG, PNG, WebP; a JPEG carrying
// EXIF GPS coordinates), and a PNG decompression bomb made with zlib.
#include <cstdint>
#include <string_view>
#include <vector>

namespace vp::services::images::testing {

using Bytes = std::vector<std::uint8_t>;

enum class Kind { Jpeg, Png, Webp };

// A w x h colour gradient in the given format.
Bytes makeImage(Kind kind, int width, int height);
// A JPEG whose EXIF holds GPS latitude 48°51'30" N and the marker text below.
Bytes makeJpegWithGps(int width, int height);
inline constexpr std::string_view kGpsMarker = "VP-TEST-GPS-SECRET";

// A well-formed 1-bit greyscale PNG of width x height whose pixel data (all zero)
// is deflated: a few dozen KB that would decode to width*height pixels.
Bytes makePngBomb(std::uint32_t width, std::uint32_t height);

// Metadata fields libvips finds when it loads the bytes: whether any EXIF block,
// any GPS field (exif-ifd3-*), XMP or ICC profile is present.
struct Metadata {
    bool loaded = false;
    bool exif = false;
    bool gps = false;
    bool xmp = false;
    bool icc = false;
    int width = 0;
    int height = 0;
    std::string_view loader;  // "webpload_buffer", ... (static storage)
};
Metadata inspect(const Bytes& bytes);

bool contains(const Bytes& haystack, std::string_view needle);

}  // namespace vp::services::images::testing
