// Decoding and re-encoding avatars with libvips (the only file that sees it).
#include <vips/vips.h>

#include <memory>
#include <mutex>

#include "common/log.hpp"
#include "services/images/avatar_image.hpp"

namespace vp::services::images {
namespace {

const common::Logger& log() {
    static const common::Logger logger("images");
    return logger;
}

struct Unref {
    void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePtr = std::unique_ptr<VipsImage, Unref>;

struct Free {
    void operator()(void* data) const { g_free(data); }
};

// libvips once per process: one worker thread per operation (the database pool
// already runs several), no operation cache (no user image stays in memory), and
// only the JPEG, PNG and WebP loaders (no ImageMagick, PDF or other untrusted ones).
bool vipsReady() {
    static const bool ready = [] {
        if (vips_init("videopro") != 0) {
            log().error("libvips failed to start", {{"error", vips_error_buffer()}});
            vips_error_clear();
            return false;
        }
        vips_concurrency_set(1);
        vips_cache_set_max(0);
        vips_block_untrusted_set(TRUE);
        vips_operation_block_set("VipsForeignLoad", TRUE);
        vips_operation_block_set("VipsForeignLoadJpeg", FALSE);
        vips_operation_block_set("VipsForeignLoadPng", FALSE);
        vips_operation_block_set("VipsForeignLoadWebp", FALSE);
        return true;
    }();
    return ready;
}

common::Error undecodable(std::string_view stage) {
    const std::string detail = vips_error_buffer();
    vips_error_clear();
    log().warn("image refused by the decoder", {{"stage", std::string(stage)}, {"error", detail}});
    return common::makeError("invalid_image",
                             "the image cannot be read (it may be truncated or damaged); "
                             "choose another");
}

// Reads the header again through libvips and checks that it agrees with ours: the
// loader is the one for the sniffed format and the size is the one we checked.
common::Status sameHeader(std::span<const std::uint8_t> bytes, const ImageHeader& header) {
    ImagePtr probe(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access",
                                              VIPS_ACCESS_SEQUENTIAL, nullptr));
    if (!probe) {
        return undecodable("header");
    }
    const char* loader = nullptr;
    if (vips_image_get_string(probe.get(), "vips-loader", &loader) != 0 || loader == nullptr ||
        !std::string_view(loader).starts_with(toString(header.format))) {
        vips_error_clear();
        return common::makeError("unsupported_image",
                                 "the file is not a JPEG, PNG or WebP image; choose one of those");
    }
    if (static_cast<std::uint32_t>(vips_image_get_width(probe.get())) != header.width ||
        static_cast<std::uint32_t>(vips_image_get_height(probe.get())) != header.height) {
        return common::makeError("invalid_image",
                                 "the image's header is inconsistent; choose another image");
    }
    return {};
}

// The decoded pixels (8-bit sRGB, alpha flattened onto white) copied into a new image that carries
// nothing else: no EXIF (GPS), XMP, IPTC, ICC profile or any other field of the
// upload can reach the saved file, whatever the saver's "strip" does.
common::Result<ImagePtr> pixelsOnly(VipsImage* decoded) {
    VipsImage* raw = nullptr;
    if (vips_colourspace(decoded, &raw, VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
        return undecodable("colour");
    }
    ImagePtr srgb(raw);
    if (vips_image_hasalpha(srgb.get()) != 0) {
        // JPEG has no transparency: transparent parts become white.
        VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
        const int flattened = vips_flatten(srgb.get(), &raw, "background", white, nullptr);
        vips_area_unref(VIPS_AREA(white));
        if (flattened != 0) {
            return undecodable("flatten");
        }
        srgb.reset(raw);
    }
    if (vips_cast_uchar(srgb.get(), &raw, nullptr) != 0) {
        return undecodable("cast");
    }
    ImagePtr bytes(raw);
    std::size_t size = 0;
    std::unique_ptr<void, Free> pixels(vips_image_write_to_memory(bytes.get(), &size));
    if (!pixels) {
        return undecodable("decode");  // the pipeline runs here: truncated data fails
    }
    ImagePtr fresh(vips_image_new_from_memory_copy(
        pixels.get(), size, vips_image_get_width(bytes.get()), vips_image_get_height(bytes.get()),
        vips_image_get_bands(bytes.get()), VIPS_FORMAT_UCHAR));
    if (!fresh) {
        return undecodable("copy");
    }
    if (vips_copy(fresh.get(), &raw, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
        return undecodable("copy");
    }
    return ImagePtr(raw);
}

}  // namespace

common::Result<EncodedImage> makeAvatar(std::span<const std::uint8_t> bytes,
                                        const AvatarLimits& limits) {
    auto header = checkAvatarUpload(bytes, limits);
    if (!header) {
        return header.error();
    }
    if (!vipsReady()) {
        return common::makeError("images.unavailable", "the image library did not start");
    }
    if (auto same = sameHeader(bytes, *header); !same) {
        return same.error();
    }
    // Shrink-on-load where the format allows it; EXIF orientation is applied.
    VipsImage* raw = nullptr;
    if (vips_thumbnail_buffer(const_cast<std::uint8_t*>(bytes.data()), bytes.size(), &raw,
                              limits.outputSize, "height", limits.outputSize, "size",
                              VIPS_SIZE_DOWN, "option_string", "fail_on=truncated", nullptr) != 0) {
        return undecodable("thumbnail");
    }
    ImagePtr thumb(raw);
    auto bare = pixelsOnly(thumb.get());
    if (!bare) {
        return bare.error();
    }
    void* out = nullptr;
    std::size_t length = 0;
    // JPEG, not WebP: libvips 8.14's WebP writer adds an EXIF chunk even when told to
    // strip; its JPEG writer with strip writes no APPn segment at all.
    if (vips_jpegsave_buffer(bare->get(), &out, &length, "Q", 85, "strip", TRUE, "optimize_coding",
                             TRUE, nullptr) != 0) {
        return undecodable("encode");
    }
    std::unique_ptr<void, Free> owned(out);
    const auto* data = static_cast<const std::uint8_t*>(out);
    EncodedImage encoded;
    encoded.bytes.assign(data, data + length);
    encoded.mediaType = std::string(mediaType(ImageFormat::Jpeg));
    encoded.width = static_cast<std::uint32_t>(vips_image_get_width(bare->get()));
    encoded.height = static_cast<std::uint32_t>(vips_image_get_height(bare->get()));
    return encoded;
}

}  // namespace vp::services::images
