#include "test_images.hpp"

#include <vips/vips.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

namespace vp::services::images::testing {
namespace {

void ensureVips() {
    static const bool ready = vips_init("videopro-tests") == 0;
    if (!ready) {
        throw std::runtime_error("libvips did not start");
    }
}

struct Image {
    VipsImage* p = nullptr;
    ~Image() {
        if (p != nullptr) {
            g_object_unref(p);
        }
    }
};

void check(int rc, const char* what) {
    if (rc != 0) {
        std::string error = vips_error_buffer();
        vips_error_clear();
        throw std::runtime_error(std::string(what) + ": " + error);
    }
}

// A three-band 8-bit gradient (x, y, x+y).
void gradient(int width, int height, Image& out) {
    Image xy;
    check(vips_xyz(&xy.p, width, height, nullptr), "xyz");
    Image sum;
    check(vips_bandjoin_const1(xy.p, &sum.p, 64.0, nullptr), "bandjoin");
    check(vips_cast_uchar(sum.p, &out.p, nullptr), "cast");
}

Bytes take(void* buffer, std::size_t length) {
    const auto* data = static_cast<const std::uint8_t*>(buffer);
    Bytes bytes(data, data + length);
    g_free(buffer);
    return bytes;
}

Bytes save(VipsImage* image, Kind kind) {
    void* buffer = nullptr;
    std::size_t length = 0;
    switch (kind) {
        case Kind::Jpeg:
            check(vips_jpegsave_buffer(image, &buffer, &length, "Q", 90, nullptr), "jpegsave");
            break;
        case Kind::Png:
            check(vips_pngsave_buffer(image, &buffer, &length, nullptr), "pngsave");
            break;
        case Kind::Webp:
            check(vips_webpsave_buffer(image, &buffer, &length, nullptr), "webpsave");
            break;
    }
    return take(buffer, length);
}

void put16(Bytes& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v & 0xff));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
}
void put32(Bytes& b, std::uint32_t v) {
    put16(b, static_cast<std::uint16_t>(v & 0xffff));
    put16(b, static_cast<std::uint16_t>(v >> 16));
}
void entry(Bytes& b, std::uint16_t tag, std::uint16_t type, std::uint32_t count,
           std::uint32_t value) {
    put16(b, tag);
    put16(b, type);
    put32(b, count);
    put32(b, value);
}

// "Exif\0\0" + a little-endian TIFF: IFD0 with ImageDescription and a GPS pointer,
// and a GPS IFD with latitude N 48/1 51/1 30/1. Offsets count from the TIFF header.
Bytes exifWithGps() {
    const std::string description(kGpsMarker);
    const auto descLength = static_cast<std::uint32_t>(description.size() + 1);
    const std::uint32_t ifd0 = 8;
    const std::uint32_t ifd0Size = 2 + 2 * 12 + 4;
    const std::uint32_t gpsIfd = ifd0 + ifd0Size;
    const std::uint32_t gpsSize = 2 + 2 * 12 + 4;
    const std::uint32_t rationals = gpsIfd + gpsSize;
    const std::uint32_t text = rationals + 24;
    Bytes b = {'I', 'I', 0x2a, 0x00};
    put32(b, ifd0);
    put16(b, 2);
    entry(b, 0x010e, 2, descLength, text);  // ImageDescription, ASCII
    entry(b, 0x8825, 4, 1, gpsIfd);         // GPS IFD pointer, LONG
    put32(b, 0);
    put16(b, 2);
    entry(b, 0x0001, 2, 2, 'N');        // GPSLatitudeRef "N"
    entry(b, 0x0002, 5, 3, rationals);  // GPSLatitude, RATIONAL x3
    put32(b, 0);
    for (std::uint32_t v : {48u, 1u, 51u, 1u, 30u, 1u}) {
        put32(b, v);
    }
    b.insert(b.end(), description.begin(), description.end());
    b.push_back(0);
    Bytes out = {'E', 'x', 'i', 'f', 0, 0};
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

void putBe32(Bytes& b, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        b.push_back(static_cast<std::uint8_t>(v >> shift));
    }
}

void chunk(Bytes& png, std::string_view type, const Bytes& data) {
    putBe32(png, static_cast<std::uint32_t>(data.size()));
    Bytes typed(type.begin(), type.end());
    typed.insert(typed.end(), data.begin(), data.end());
    png.insert(png.end(), typed.begin(), typed.end());
    putBe32(png, static_cast<std::uint32_t>(
                     crc32(0, typed.data(), static_cast<unsigned>(typed.size()))));
}

}  // namespace

Bytes makeImage(Kind kind, int width, int height) {
    ensureVips();
    Image image;
    gradient(width, height, image);
    return save(image.p, kind);
}

Bytes makeJpegWithGps(int width, int height) {
    ensureVips();
    Image image;
    gradient(width, height, image);
    Image copy;
    check(vips_copy(image.p, &copy.p, nullptr), "copy");
    const Bytes exif = exifWithGps();
    vips_image_set_blob_copy(copy.p, VIPS_META_EXIF_NAME, exif.data(), exif.size());
    return save(copy.p, Kind::Jpeg);
}

Bytes makePngBomb(std::uint32_t width, std::uint32_t height) {
    Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    Bytes ihdr;
    putBe32(ihdr, width);
    putBe32(ihdr, height);
    ihdr.insert(ihdr.end(), {1, 0, 0, 0, 0});  // 1 bit, greyscale
    chunk(png, "IHDR", ihdr);
    const std::size_t row = 1 + (width + 7) / 8;
    Bytes zeros(row, 0);
    z_stream z{};
    deflateInit(&z, Z_BEST_COMPRESSION);
    Bytes idat;
    std::uint8_t out[65536];
    for (std::uint32_t y = 0; y < height; ++y) {
        z.next_in = zeros.data();
        z.avail_in = static_cast<uInt>(zeros.size());
        const int flush = y + 1 == height ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = out;
            z.avail_out = sizeof out;
            deflate(&z, flush);
            idat.insert(idat.end(), out, out + (sizeof out - z.avail_out));
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    chunk(png, "IDAT", idat);
    chunk(png, "IEND", {});
    return png;
}

Metadata inspect(const Bytes& bytes) {
    ensureVips();
    Metadata m;
    Image image;
    image.p = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
    if (image.p == nullptr) {
        vips_error_clear();
        return m;
    }
    m.loaded = true;
    m.width = vips_image_get_width(image.p);
    m.height = vips_image_get_height(image.p);
    m.exif = vips_image_get_typeof(image.p, VIPS_META_EXIF_NAME) != 0;
    m.xmp = vips_image_get_typeof(image.p, VIPS_META_XMP_NAME) != 0;
    m.icc = vips_image_get_typeof(image.p, VIPS_META_ICC_NAME) != 0;
    gchar** fields = vips_image_get_fields(image.p);
    for (gchar** f = fields; *f != nullptr; ++f) {
        m.gps = m.gps || std::string_view(*f).starts_with("exif-ifd3-");
    }
    g_strfreev(fields);
    const char* loader = nullptr;
    if (vips_image_get_string(image.p, "vips-loader", &loader) == 0 && loader != nullptr) {
        static const std::string_view known[] = {"jpegload_buffer", "pngload_buffer",
                                                 "webpload_buffer"};
        for (auto k : known) {
            if (k == loader) {
                m.loader = k;
            }
        }
    }
    return m;
}

bool contains(const Bytes& haystack, std::string_view needle) {
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
           haystack.end();
}

}  // namespace vp::services::images::testing
