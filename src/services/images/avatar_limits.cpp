// The pre-decoding checks of an avatar upload (no libvips here: fuzzed).
#include "services/images/avatar_image.hpp"

namespace vp::services::images {

common::Result<ImageHeader> checkAvatarUpload(std::span<const std::uint8_t> bytes,
                                              const AvatarLimits& limits) {
    if (bytes.size() > limits.maxBytes) {
        return common::makeError("image_too_large",
                                 "the image is larger than " +
                                     std::to_string(limits.maxBytes / (1024 * 1024)) +
                                     " MB; choose a smaller one");
    }
    auto header = readImageHeader(bytes);
    if (!header) {
        return header.error();
    }
    if (header->width > limits.maxWidth || header->height > limits.maxHeight) {
        return common::makeError("image_dimensions_too_large",
                                 "the image is " + std::to_string(header->width) + " x " +
                                     std::to_string(header->height) + " pixels; at most " +
                                     std::to_string(limits.maxWidth) + " x " +
                                     std::to_string(limits.maxHeight) + " are accepted");
    }
    return header;
}

}  // namespace vp::services::images
