#pragma once
// Avatars (R-ACC-4): an upload is checked from its header first (size in bytes,
// format sniffed from the bytes, at most 4096 x 4096 pixels), and only then decoded
// by libvips (JPEG, PNG and WebP loaders only; untrusted loaders blocked), turned
// the right way up, scaled to fit 512 x 512 and written as a new JPEG with every
// piece of metadata (EXIF, GPS, XMP, IPTC, ICC) left behind. libvips is used in
// this component only.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "services/images/image_header.hpp"

namespace vp::services::images {

inline constexpr std::size_t kMaxAvatarBytes = 5u * 1024u * 1024u;

struct AvatarLimits {
    std::size_t maxBytes = kMaxAvatarBytes;
    std::uint32_t maxWidth = 4096;
    std::uint32_t maxHeight = 4096;
    int outputSize = 512;  // the avatar fits in outputSize x outputSize
};

struct EncodedImage {
    std::vector<std::uint8_t> bytes;
    std::string mediaType;  // "image/jpeg"
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

// The checks made before any decoding. Errors: "image_too_large" (bytes),
// "image_dimensions_too_large", and readImageHeader's "unsupported_image" and
// "invalid_image". Pure: no libvips.
common::Result<ImageHeader> checkAvatarUpload(std::span<const std::uint8_t> bytes,
                                              const AvatarLimits& limits);

// checkAvatarUpload, then decode and re-encode. Errors: those of checkAvatarUpload,
// and "invalid_image" when the decoder refuses the data (truncated or damaged).
// Safe to call from several threads at once.
common::Result<EncodedImage> makeAvatar(std::span<const std::uint8_t> bytes,
                                        const AvatarLimits& limits = {});

}  // namespace vp::services::images
