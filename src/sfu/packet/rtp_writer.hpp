#pragma once
// Writes an RTP packet (header, CSRCs, RFC 8285 header extensions, payload,
// padding) into the caller's buffer.
#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::packet {

struct RtpHeaderFields {
    std::uint8_t payloadType = 0;
    bool marker = false;
    std::uint16_t sequenceNumber = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    std::span<const std::uint32_t> csrcs;  // at most 15
};

struct RtpExtensionElement {
    std::uint8_t id = 0;
    Bytes value;
};

// Uses the one-byte form when every id is 1..14 and every value 1..16 bytes,
// the two-byte form otherwise (ids 1..255, values 0..255 bytes).
// paddingSize (0..255) appends RTP padding and sets the P bit.
common::Result<std::size_t> writeRtpPacket(MutableBytes out, const RtpHeaderFields& header,
                                           std::span<const RtpExtensionElement> extensions,
                                           Bytes payload, std::uint8_t paddingSize = 0);

}  // namespace vp::sfu::packet
