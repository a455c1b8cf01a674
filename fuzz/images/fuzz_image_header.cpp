// Fuzzes the avatar upload checks that run before any decoder (R-ACC-4): format
// sniffing and header dimensions of JPEG, PNG and WebP. No crash, no read beyond the
// input, and the answers agree with each other: a header read means the sniffer
// recognised the format, with non-zero dimensions, and the avatar check accepts it
// exactly when those dimensions are within 4096 x 4096.
#include <cstddef>
#include <cstdint>
#include <span>

#include "../sfu/fuzz_check.hpp"
#include "services/images/avatar_image.hpp"
#include "services/images/image_header.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vp::services::images;
    const std::span<const std::uint8_t> bytes(data, size);
    auto format = sniffFormat(bytes);
    auto header = readImageHeader(bytes);
    auto checked = checkAvatarUpload(bytes, {});
    if (header) {
        FUZZ_CHECK(format && *format == header->format);
        FUZZ_CHECK(header->width > 0 && header->height > 0);
        const bool fits =
            header->width <= 4096 && header->height <= 4096 && size <= kMaxAvatarBytes;
        FUZZ_CHECK(checked.ok() == fits);
        if (checked) {
            FUZZ_CHECK(checked->width == header->width && checked->height == header->height);
        }
    } else {
        FUZZ_CHECK(!checked);
        FUZZ_CHECK(header.error().code == "invalid_image" ||
                   header.error().code == "unsupported_image");
        FUZZ_CHECK(format.ok() == (header.error().code == "invalid_image"));
    }
    return 0;
}
