#include "sfu/packet/rtcp/common_header.hpp"

namespace vp::sfu::packet::rtcp {

std::optional<RtcpPacketView> RtcpPacketView::parse(Bytes data) {
    if (data.size() < kHeaderSize || (data[0] >> 6) != 2) {
        return std::nullopt;
    }
    const std::size_t total = (std::size_t{readU16(data.data() + 2)} + 1) * 4;
    if (total > data.size()) {
        return std::nullopt;
    }
    Bytes packet = data.first(total);
    std::size_t bodySize = total - kHeaderSize;
    if ((data[0] & 0x20) != 0) {
        const std::size_t padding = packet.back();
        if (padding == 0 || padding > bodySize) {
            return std::nullopt;
        }
        bodySize -= padding;
    }
    return RtcpPacketView(packet, bodySize);
}

std::optional<RtcpPacketView> CompoundIterator::next() {
    if (failed_ || rest_.empty()) {
        return std::nullopt;
    }
    auto packet = RtcpPacketView::parse(rest_);
    if (!packet) {
        failed_ = true;
        return std::nullopt;
    }
    rest_ = rest_.subspan(packet->bytes().size());
    return packet;
}

common::Status checkRoom(const char* what, std::size_t totalSize, MutableBytes out) {
    if (totalSize > (std::size_t{0xFFFF} + 1) * 4) {
        return common::makeError(
            "rtcp.packet_too_large",
            std::string(what) + " would exceed the RTCP length field; split it");
    }
    if (totalSize > out.size()) {
        return bufferTooSmall(what, totalSize, out.size());
    }
    return {};
}

void writeHeader(std::uint8_t* p, std::uint8_t count, std::uint8_t packetType,
                 std::size_t totalSize) {
    p[0] = static_cast<std::uint8_t>(0x80 | (count & 0x1F));
    p[1] = packetType;
    writeU16(p + 2, static_cast<std::uint16_t>(totalSize / 4 - 1));
}

std::optional<FeedbackSsrcs> parseFeedbackSsrcs(const RtcpPacketView& packet,
                                                std::uint8_t packetType, std::uint8_t format) {
    if (packet.packetType() != packetType || packet.count() != format || packet.body().size() < 8) {
        return std::nullopt;
    }
    return FeedbackSsrcs{readU32(packet.body().data()), readU32(packet.body().data() + 4)};
}

void writeFeedbackHeader(std::uint8_t* p, std::uint8_t packetType, std::uint8_t format,
                         FeedbackSsrcs ssrcs, std::size_t totalSize) {
    writeHeader(p, format, packetType, totalSize);
    writeU32(p + 4, ssrcs.sender);
    writeU32(p + 8, ssrcs.media);
}

}  // namespace vp::sfu::packet::rtcp
