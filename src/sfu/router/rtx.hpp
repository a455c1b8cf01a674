#pragma once
// RTX (RFC 4588) framing: a retransmission travels on its own SSRC, payload
// type and sequence numbers, with the original sequence number (OSN) as the
// first two bytes of its payload. Both directions work on a caller's buffer.
#include <cstdint>
#include <optional>

#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::router {

struct RtxHeader {
    std::uint8_t payloadType = 0;
    std::uint32_t ssrc = 0;
    std::uint16_t sequenceNumber = 0;
};

// Turns the RTP packet in buffer[0, size) into its RTX form in place (the
// buffer must have 2 spare bytes). Returns the new size, or nullopt if the
// packet does not parse or does not fit.
std::optional<std::size_t> wrapRtx(packet::MutableBytes buffer, std::size_t size, RtxHeader rtx);

// Writes the original packet of an RTX packet into out: OSN as its sequence
// number, the media payload type and SSRC. nullopt if malformed (no OSN) or
// out is too small.
std::optional<std::size_t> unwrapRtx(packet::Bytes rtxPacket, packet::MutableBytes out,
                                     std::uint8_t mediaPayloadType, std::uint32_t mediaSsrc);

}  // namespace vp::sfu::router
