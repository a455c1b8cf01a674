#include "sfu/router/rtx.hpp"

#include <cstring>

#include "sfu/packet/rtp_packet.hpp"

namespace vp::sfu::router {

std::optional<std::size_t> wrapRtx(packet::MutableBytes buffer, std::size_t size, RtxHeader rtx) {
    if (size > buffer.size()) {
        return std::nullopt;
    }
    auto parsed = packet::MutableRtpPacket::parse(buffer.first(size));
    if (!parsed || size + 2 > buffer.size()) {
        return std::nullopt;
    }
    const std::size_t header = parsed->view().headerSize();
    const std::uint16_t osn = parsed->view().sequenceNumber();
    std::memmove(buffer.data() + header + 2, buffer.data() + header, size - header);
    packet::writeU16(buffer.data() + header, osn);
    parsed->setPayloadType(rtx.payloadType);
    parsed->setSsrc(rtx.ssrc);
    parsed->setSequenceNumber(rtx.sequenceNumber);
    return size + 2;
}

std::optional<std::size_t> unwrapRtx(packet::Bytes rtxPacket, packet::MutableBytes out,
                                     std::uint8_t mediaPayloadType, std::uint32_t mediaSsrc) {
    auto view = packet::RtpPacketView::parse(rtxPacket);
    if (!view || view->payload().size() < 2 || rtxPacket.size() - 2 > out.size()) {
        return std::nullopt;
    }
    const std::size_t header = view->headerSize();
    const std::uint16_t osn = packet::readU16(view->payload().data());
    std::memcpy(out.data(), rtxPacket.data(), header);
    std::memcpy(out.data() + header, rtxPacket.data() + header + 2, rtxPacket.size() - header - 2);
    const std::size_t size = rtxPacket.size() - 2;
    auto parsed = packet::MutableRtpPacket::parse(out.first(size));
    if (!parsed) {
        return std::nullopt;
    }
    parsed->setPayloadType(mediaPayloadType);
    parsed->setSsrc(mediaSsrc);
    parsed->setSequenceNumber(osn);
    return size;
}

}  // namespace vp::sfu::router
