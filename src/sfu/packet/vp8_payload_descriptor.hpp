#pragma once
// The VP8 RTP payload descriptor (RFC 7741 section 4.2) at the start of every
// VP8 RTP payload, and whether the packet starts a keyframe (the VP8 payload
// header's inverse key frame bit, section 4.3). parse() checks every length;
// rewrite() changes the picture id and TL0PICIDX in place, keeping the width
// the sender chose (7 or 15 bits), so the payload size never changes.
//
//    0 1 2 3 4 5 6 7
//   |X|R|N|S|R| PID |     X: extension byte follows, S: start of partition
//   |I|L|T|K|  RSV  |     (if X) I: picture id, L: TL0PICIDX, T/K: TID/KEYIDX
//   |M| PictureID   |     (if I) M: 15-bit picture id, second byte follows
//   |   TL0PICIDX   |     (if L)
//   |TID|Y| KEYIDX  |     (if T or K)
#include <cstdint>
#include <optional>

#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::packet {

struct Vp8PayloadDescriptor {
    bool nonReference = false;      // N
    bool startOfPartition = false;  // S
    std::uint8_t partitionId = 0;
    std::optional<std::uint16_t> pictureId;  // 7 or 15 bits
    bool pictureId15 = false;                // M: two bytes on the wire
    std::optional<std::uint8_t> tl0PicIdx;
    std::optional<std::uint8_t> temporalId;  // TID (when T)
    bool layerSync = false;                  // Y
    std::optional<std::uint8_t> keyIdx;      // (when K)
    std::size_t size = 0;                    // descriptor bytes before the VP8 payload
    // The first packet of a keyframe: S, partition 0 and the payload header's P bit 0.
    bool keyframeStart = false;

    // The largest picture id the descriptor can carry plus one (128 or 32768).
    std::uint32_t pictureIdModulus() const { return pictureId15 ? 0x8000u : 0x80u; }
};

// nullopt when the payload is too short for what its flags announce, or the
// descriptor fills the whole payload (no VP8 data).
std::optional<Vp8PayloadDescriptor> parseVp8PayloadDescriptor(Bytes payload);

// Writes pictureId (masked to the descriptor's width) and tl0PicIdx into a
// payload parse() accepted; fields the descriptor does not carry are left alone.
void rewriteVp8PayloadDescriptor(MutableBytes payload, const Vp8PayloadDescriptor& descriptor,
                                 std::uint16_t pictureId, std::uint8_t tl0PicIdx);

}  // namespace vp::sfu::packet
