#include "sfu/packet/vp8_payload_descriptor.hpp"

namespace vp::sfu::packet {

namespace {

constexpr std::uint8_t kX = 0x80, kN = 0x20, kS = 0x10, kPid = 0x07;
constexpr std::uint8_t kI = 0x80, kL = 0x40, kT = 0x20, kK = 0x10;
constexpr std::uint8_t kM = 0x80;

// Byte offsets of the optional fields (0 = absent; offset 0 is the first byte).
struct Layout {
    std::size_t pictureId = 0;
    std::size_t tl0PicIdx = 0;
};

Layout layoutOf(Bytes payload, const Vp8PayloadDescriptor& d) {
    Layout layout;
    std::size_t at = (payload[0] & kX) != 0 ? 2 : 1;
    if (d.pictureId) {
        layout.pictureId = at;
        at += d.pictureId15 ? 2 : 1;
    }
    if (d.tl0PicIdx) {
        layout.tl0PicIdx = at;
    }
    return layout;
}

}  // namespace

std::optional<Vp8PayloadDescriptor> parseVp8PayloadDescriptor(Bytes payload) {
    if (payload.empty()) {
        return std::nullopt;
    }
    Vp8PayloadDescriptor d;
    const std::uint8_t first = payload[0];
    d.nonReference = (first & kN) != 0;
    d.startOfPartition = (first & kS) != 0;
    d.partitionId = first & kPid;
    std::size_t at = 1;
    if ((first & kX) != 0) {
        if (payload.size() < 2) {
            return std::nullopt;
        }
        const std::uint8_t ext = payload[at++];
        if ((ext & kI) != 0) {
            if (at >= payload.size()) {
                return std::nullopt;
            }
            d.pictureId15 = (payload[at] & kM) != 0;
            if (d.pictureId15) {
                if (at + 2 > payload.size()) {
                    return std::nullopt;
                }
                d.pictureId = static_cast<std::uint16_t>(readU16(&payload[at]) & 0x7FFF);
                at += 2;
            } else {
                d.pictureId = static_cast<std::uint16_t>(payload[at++] & 0x7F);
            }
        }
        if ((ext & kL) != 0) {
            if (at >= payload.size()) {
                return std::nullopt;
            }
            d.tl0PicIdx = payload[at++];
        }
        if ((ext & (kT | kK)) != 0) {
            if (at >= payload.size()) {
                return std::nullopt;
            }
            const std::uint8_t tk = payload[at++];
            if ((ext & kT) != 0) {
                d.temporalId = static_cast<std::uint8_t>(tk >> 6);
                d.layerSync = (tk & 0x20) != 0;
            }
            if ((ext & kK) != 0) {
                d.keyIdx = static_cast<std::uint8_t>(tk & 0x1F);
            }
        }
    }
    if (at >= payload.size()) {
        return std::nullopt;
    }
    d.size = at;
    // VP8 payload header, first byte: |Size0|H|VER|P|, P = 0 on a keyframe.
    d.keyframeStart = d.startOfPartition && d.partitionId == 0 && (payload[at] & 0x01) == 0;
    return d;
}

void rewriteVp8PayloadDescriptor(MutableBytes payload, const Vp8PayloadDescriptor& descriptor,
                                 std::uint16_t pictureId, std::uint8_t tl0PicIdx) {
    if (payload.size() < descriptor.size || descriptor.size == 0) {
        return;
    }
    const Layout layout = layoutOf(payload, descriptor);
    if (layout.pictureId != 0) {
        if (descriptor.pictureId15) {
            writeU16(&payload[layout.pictureId],
                     static_cast<std::uint16_t>(0x8000 | (pictureId & 0x7FFF)));
        } else {
            payload[layout.pictureId] = static_cast<std::uint8_t>(pictureId & 0x7F);
        }
    }
    if (layout.tl0PicIdx != 0) {
        payload[layout.tl0PicIdx] = tl0PicIdx;
    }
}

}  // namespace vp::sfu::packet
