#include "sfu/packet/demux.hpp"

namespace vp::sfu::packet {

namespace {
constexpr std::size_t kStunHeaderSize = 20;
constexpr std::size_t kDtlsRecordHeaderSize = 13;
constexpr std::size_t kRtpHeaderSize = 12;
constexpr std::size_t kRtcpHeaderSize = 4;
}  // namespace

PacketKind classifyPacket(Bytes datagram) {
    if (datagram.empty()) {
        return PacketKind::Unknown;
    }
    const std::uint8_t first = datagram[0];
    if (first <= 3) {
        return datagram.size() >= kStunHeaderSize ? PacketKind::Stun : PacketKind::Unknown;
    }
    if (first >= 20 && first <= 63) {
        return datagram.size() >= kDtlsRecordHeaderSize ? PacketKind::Dtls : PacketKind::Unknown;
    }
    if (first >= 128 && first <= 191) {
        if (datagram.size() >= kRtcpHeaderSize && isRtcpPacketType(datagram[1])) {
            return PacketKind::Rtcp;
        }
        return datagram.size() >= kRtpHeaderSize ? PacketKind::Rtp : PacketKind::Unknown;
    }
    return PacketKind::Unknown;
}

}  // namespace vp::sfu::packet
