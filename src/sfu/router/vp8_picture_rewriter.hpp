#pragma once
// Keeps a consumer's VP8 picture ids and TL0PICIDX continuous across the
// segments of its output (simulcast layer switches, pauses, a new source):
// within a segment output = input + offset (so reordering passes through); the
// first packet of a new segment gets the id right after the highest one sent.
// Arithmetic is modulo the descriptor's picture id width (7 or 15 bits).
#include <cstdint>

#include "sfu/packet/vp8_payload_descriptor.hpp"

namespace vp::sfu::router {

class Vp8PictureRewriter {
  public:
    // The next packet starts a new segment.
    void sync() { syncPending_ = true; }
    // Rewrites the descriptor at the start of `payload` (parsed as `descriptor`).
    // retransmission: an old packet of the current segment; never starts a
    // segment or moves the highest ids.
    void rewrite(packet::MutableBytes payload, const packet::Vp8PayloadDescriptor& descriptor,
                 bool retransmission = false);

  private:
    bool syncPending_ = true;
    bool sentAny_ = false;
    std::uint16_t pictureOffset_ = 0;
    std::uint8_t tl0Offset_ = 0;
    std::uint16_t maxPicture_ = 0;
    std::uint8_t maxTl0_ = 0;
};

}  // namespace vp::sfu::router
