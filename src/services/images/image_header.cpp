#include "services/images/image_header.hpp"

#include <algorithm>
#include <array>

namespace vp::services::images {
namespace {

using Bytes = std::span<const std::uint8_t>;

constexpr std::array<std::uint8_t, 8> kPngSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

common::Error unsupported() {
    return common::makeError("unsupported_image",
                             "the file is not a JPEG, PNG or WebP image; choose one of those");
}

common::Error invalid(std::string_view why) {
    return common::makeError("invalid_image", "the image cannot be read: " + std::string(why));
}

std::uint32_t be16(Bytes b, std::size_t at) {
    return static_cast<std::uint32_t>(b[at] << 8 | b[at + 1]);
}
std::uint32_t be32(Bytes b, std::size_t at) {
    return static_cast<std::uint32_t>(b[at]) << 24 | static_cast<std::uint32_t>(b[at + 1]) << 16 |
           static_cast<std::uint32_t>(b[at + 2]) << 8 | b[at + 3];
}
std::uint32_t le16(Bytes b, std::size_t at) {
    return static_cast<std::uint32_t>(b[at] | b[at + 1] << 8);
}
std::uint32_t le24(Bytes b, std::size_t at) {
    return le16(b, at) | static_cast<std::uint32_t>(b[at + 2]) << 16;
}
std::uint32_t le32(Bytes b, std::size_t at) {
    return le24(b, at) | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

bool startsWith(Bytes b, std::string_view text, std::size_t at = 0) {
    if (b.size() < at + text.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (b[at + i] != static_cast<std::uint8_t>(text[i])) {
            return false;
        }
    }
    return true;
}

std::uint32_t crc32(Bytes b) {
    std::uint32_t crc = 0xffffffffu;
    for (std::uint8_t byte : b) {
        crc ^= byte;
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

common::Result<ImageHeader> withSize(ImageFormat format, std::uint32_t width,
                                     std::uint32_t height) {
    if (width == 0 || height == 0) {
        return invalid("the header gives a width or height of zero");
    }
    return ImageHeader{format, width, height};
}

// SOFn markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
bool isStartOfFrame(std::uint8_t marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

common::Result<ImageHeader> jpegHeader(Bytes b) {
    std::size_t pos = 2;  // after SOI
    for (;;) {
        if (pos >= b.size()) {
            return invalid("the file ends before the frame header");
        }
        if (b[pos] != 0xff) {
            return invalid("a JPEG segment is malformed");
        }
        while (pos < b.size() && b[pos] == 0xff) {
            ++pos;  // fill bytes
        }
        if (pos >= b.size()) {
            return invalid("the file ends before the frame header");
        }
        const std::uint8_t marker = b[pos++];
        if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
            continue;  // standalone markers
        }
        if (marker == 0x00 || marker == 0xd8 || marker == 0xd9 || marker == 0xda) {
            return invalid("the JPEG has no frame header before its data");
        }
        if (pos + 2 > b.size()) {
            return invalid("the file ends inside a JPEG segment");
        }
        const std::size_t length = be16(b, pos);
        if (length < 2) {
            return invalid("a JPEG segment is malformed");
        }
        if (isStartOfFrame(marker)) {
            if (length < 8 || pos + 7 > b.size()) {
                return invalid("the JPEG frame header is cut short");
            }
            return withSize(ImageFormat::Jpeg, be16(b, pos + 5), be16(b, pos + 3));
        }
        pos += length;
    }
}

common::Result<ImageHeader> pngHeader(Bytes b) {
    // Signature, then IHDR: length 13, "IHDR", width, height, 5 bytes, CRC.
    constexpr std::size_t kIhdrEnd = 8 + 4 + 4 + 13 + 4;
    if (b.size() < kIhdrEnd) {
        return invalid("the file ends inside the PNG header");
    }
    if (be32(b, 8) != 13 || !startsWith(b, "IHDR", 12)) {
        return invalid("the PNG does not start with its IHDR header");
    }
    if (crc32(b.subspan(12, 17)) != be32(b, 29)) {
        return invalid("the PNG header is damaged (checksum)");
    }
    const std::uint32_t width = be32(b, 16);
    const std::uint32_t height = be32(b, 20);
    if (width > 0x7fffffffu || height > 0x7fffffffu) {
        return invalid("the PNG header gives an impossible size");
    }
    return withSize(ImageFormat::Png, width, height);
}

common::Result<ImageHeader> webpHeader(Bytes b) {
    // RIFF size WEBP, then the first chunk: fourcc, size, payload at 20.
    if (b.size() < 20) {
        return invalid("the file ends inside the WebP header");
    }
    if (startsWith(b, "VP8 ", 12)) {
        if (b.size() < 30) {
            return invalid("the file ends inside the WebP header");
        }
        const bool keyFrame = (b[20] & 1u) == 0;
        if (!keyFrame || b[23] != 0x9d || b[24] != 0x01 || b[25] != 0x2a) {
            return invalid("the WebP (lossy) header is malformed");
        }
        return withSize(ImageFormat::Webp, le16(b, 26) & 0x3fffu, le16(b, 28) & 0x3fffu);
    }
    if (startsWith(b, "VP8L", 12)) {
        if (b.size() < 25) {
            return invalid("the file ends inside the WebP header");
        }
        if (b[20] != 0x2f) {
            return invalid("the WebP (lossless) header is malformed");
        }
        const std::uint32_t bits = le32(b, 21);
        return withSize(ImageFormat::Webp, (bits & 0x3fffu) + 1, ((bits >> 14) & 0x3fffu) + 1);
    }
    if (startsWith(b, "VP8X", 12)) {
        if (b.size() < 30) {
            return invalid("the file ends inside the WebP header");
        }
        return withSize(ImageFormat::Webp, le24(b, 24) + 1, le24(b, 27) + 1);
    }
    return invalid("the WebP holds no image chunk the service knows");
}

}  // namespace

std::string_view toString(ImageFormat format) {
    switch (format) {
        case ImageFormat::Jpeg:
            return "jpeg";
        case ImageFormat::Png:
            return "png";
        case ImageFormat::Webp:
            return "webp";
    }
    return "unknown";
}

std::string_view mediaType(ImageFormat format) {
    switch (format) {
        case ImageFormat::Jpeg:
            return "image/jpeg";
        case ImageFormat::Png:
            return "image/png";
        case ImageFormat::Webp:
            return "image/webp";
    }
    return "application/octet-stream";
}

common::Result<ImageFormat> sniffFormat(std::span<const std::uint8_t> bytes) {
    if (bytes.size() >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff) {
        return ImageFormat::Jpeg;
    }
    if (bytes.size() >= kPngSignature.size() &&
        std::equal(kPngSignature.begin(), kPngSignature.end(), bytes.begin())) {
        return ImageFormat::Png;
    }
    if (startsWith(bytes, "RIFF") && startsWith(bytes, "WEBP", 8)) {
        return ImageFormat::Webp;
    }
    return unsupported();
}

common::Result<ImageHeader> readImageHeader(std::span<const std::uint8_t> bytes) {
    auto format = sniffFormat(bytes);
    if (!format) {
        return format.error();
    }
    switch (*format) {
        case ImageFormat::Jpeg:
            return jpegHeader(bytes);
        case ImageFormat::Png:
            return pngHeader(bytes);
        case ImageFormat::Webp:
            return webpHeader(bytes);
    }
    return unsupported();
}

}  // namespace vp::services::images
