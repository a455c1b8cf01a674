#include "sfu/packet/rtp_writer.hpp"

#include <cstring>

#include "sfu/packet/rtp_packet.hpp"

namespace vp::sfu::packet {

namespace {

bool fitsOneByteForm(std::span<const RtpExtensionElement> extensions) {
    for (const auto& e : extensions) {
        if (e.id < 1 || e.id > 14 || e.value.empty() || e.value.size() > 16) {
            return false;
        }
    }
    return true;
}

// Size of the element list before padding, or nullopt when an element is invalid.
std::optional<std::size_t> elementsSize(std::span<const RtpExtensionElement> extensions,
                                        bool oneByte) {
    std::size_t size = 0;
    for (const auto& e : extensions) {
        if (e.id == 0 || e.value.size() > 255) {
            return std::nullopt;
        }
        size += (oneByte ? 1 : 2) + e.value.size();
    }
    return size;
}

std::size_t writeElements(std::uint8_t* p, std::span<const RtpExtensionElement> extensions,
                          bool oneByte) {
    std::size_t n = 0;
    for (const auto& e : extensions) {
        if (oneByte) {
            p[n++] = static_cast<std::uint8_t>((std::size_t{e.id} << 4) | (e.value.size() - 1));
        } else {
            p[n++] = e.id;
            p[n++] = static_cast<std::uint8_t>(e.value.size());
        }
        if (!e.value.empty()) {
            std::memcpy(p + n, e.value.data(), e.value.size());
        }
        n += e.value.size();
    }
    return n;
}

}  // namespace

common::Result<std::size_t> writeRtpPacket(MutableBytes out, const RtpHeaderFields& header,
                                           std::span<const RtpExtensionElement> extensions,
                                           Bytes payload, std::uint8_t paddingSize) {
    if (header.csrcs.size() > 15) {
        return common::makeError("rtp.too_many_csrcs", "an RTP packet carries at most 15 CSRCs");
    }
    const bool oneByte = fitsOneByteForm(extensions);
    const auto listSize = elementsSize(extensions, oneByte);
    if (!listSize) {
        return common::makeError(
            "rtp.bad_extension",
            "header extension ids must be 1..255 and values at most 255 bytes");
    }
    const std::size_t extensionBlock = extensions.empty() ? 0 : 4 + padTo4(*listSize);
    if (extensionBlock > 4 + 4 * std::size_t{0xFFFF}) {
        return common::makeError("rtp.extension_too_large",
                                 "the header extension block exceeds 65535 words; send fewer");
    }
    const std::size_t headerSize = kRtpHeaderSize + 4 * header.csrcs.size() + extensionBlock;
    const std::size_t total = headerSize + payload.size() + paddingSize;
    if (total > out.size()) {
        return bufferTooSmall("RTP packet", total, out.size());
    }
    std::uint8_t* p = out.data();
    p[0] = static_cast<std::uint8_t>(0x80 | (paddingSize > 0 ? 0x20 : 0) |
                                     (extensions.empty() ? 0 : 0x10) | header.csrcs.size());
    p[1] = static_cast<std::uint8_t>((header.marker ? 0x80 : 0) | (header.payloadType & 0x7F));
    writeU16(p + 2, header.sequenceNumber);
    writeU32(p + 4, header.timestamp);
    writeU32(p + 8, header.ssrc);
    std::size_t offset = kRtpHeaderSize;
    for (std::uint32_t csrc : header.csrcs) {
        writeU32(p + offset, csrc);
        offset += 4;
    }
    if (!extensions.empty()) {
        writeU16(p + offset, oneByte ? kOneByteExtensionProfile : kTwoByteExtensionProfile);
        writeU16(p + offset + 2, static_cast<std::uint16_t>((extensionBlock - 4) / 4));
        std::memset(p + offset + 4, 0, extensionBlock - 4);
        writeElements(p + offset + 4, extensions, oneByte);
        offset += extensionBlock;
    }
    if (!payload.empty()) {
        std::memcpy(p + offset, payload.data(), payload.size());
    }
    offset += payload.size();
    if (paddingSize > 0) {
        std::memset(p + offset, 0, paddingSize);
        p[offset + paddingSize - 1] = paddingSize;
    }
    return total;
}

}  // namespace vp::sfu::packet
