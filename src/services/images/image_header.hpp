#pragma once
// The type and size of an uploaded image, read from its first bytes only (R-ACC-4).
// Nothing here decodes pixels: the format comes from the magic bytes (never the
// file name or the Content-Type), and the dimensions from the header, so a
// decompression bomb (a tiny file claiming 20,000 x 20,000 pixels) is refused before
// any decoder sees it. Pure and allocation-free; fuzzed by fuzz/images.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/result.hpp"

namespace vp::services::images {

enum class ImageFormat { Jpeg, Png, Webp };

std::string_view toString(ImageFormat format);   // "jpeg", "png", "webp"
std::string_view mediaType(ImageFormat format);  // "image/jpeg", ...

struct ImageHeader {
    ImageFormat format = ImageFormat::Png;
    std::uint32_t width = 0;   // pixels, > 0
    std::uint32_t height = 0;  // pixels, > 0
};

// The format by magic bytes; "unsupported_image" for anything but JPEG, PNG and
// WebP (a PDF renamed .png included).
common::Result<ImageFormat> sniffFormat(std::span<const std::uint8_t> bytes);

// Format and dimensions from the header. Errors: "unsupported_image" (not one of
// the three formats), "invalid_image" (truncated or malformed header, a zero or
// deferred dimension). Reads at most the header's bytes; never trusts a length
// field beyond the bytes present.
common::Result<ImageHeader> readImageHeader(std::span<const std::uint8_t> bytes);

}  // namespace vp::services::images
