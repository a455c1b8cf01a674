#pragma once
// RFC 7983 demultiplexing of one UDP port: the first byte tells STUN, DTLS and
// RTP/RTCP apart; RFC 5761 tells RTCP from RTP by the second byte (192..223).
#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::packet {

enum class PacketKind { Stun, Dtls, Rtp, Rtcp, Unknown };

// Classifies a datagram. Too-short datagrams (below the fixed header of their
// kind) are Unknown, so callers can drop them without parsing.
PacketKind classifyPacket(Bytes datagram);

// True when the second byte of an RTP/RTCP packet is an RTCP packet type.
constexpr bool isRtcpPacketType(std::uint8_t secondByte) {
    return secondByte >= 192 && secondByte <= 223;
}

}  // namespace vp::sfu::packet
