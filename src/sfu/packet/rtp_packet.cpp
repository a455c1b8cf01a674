#include "sfu/packet/rtp_packet.hpp"

#include <cstring>

namespace vp::sfu::packet {

std::optional<RtpPacketView> RtpPacketView::parse(Bytes packet) {
    if (packet.size() < kRtpHeaderSize || (packet[0] >> 6) != 2) {
        return std::nullopt;
    }
    RtpPacketView view(packet);
    std::size_t header = kRtpHeaderSize + 4 * view.csrcCount();
    if (header > packet.size()) {
        return std::nullopt;
    }
    if (view.hasExtension()) {
        if (packet.size() - header < 4) {
            return std::nullopt;
        }
        view.extensionProfile_ = readU16(packet.data() + header);
        const std::size_t extensionSize = 4 * std::size_t{readU16(packet.data() + header + 2)};
        if (extensionSize > packet.size() - header - 4) {
            return std::nullopt;
        }
        view.extensionOffset_ = header + 4;
        view.extensionSize_ = extensionSize;
        header += 4 + extensionSize;
    } else {
        view.extensionOffset_ = header;
    }
    std::size_t padding = 0;
    if (view.hasPadding()) {
        padding = packet.back();
        if (padding == 0 || padding > packet.size() - header) {
            return std::nullopt;
        }
    }
    view.headerSize_ = header;
    view.payloadSize_ = packet.size() - header - padding;
    return view;
}

bool RtpPacketView::nextElement(std::size_t& cursor, std::uint8_t& id, std::size_t& valueOffset,
                                std::size_t& valueSize) const {
    const std::size_t end = extensionOffset_ + extensionSize_;
    if (extensionProfile_ == kOneByteExtensionProfile) {
        id = static_cast<std::uint8_t>(data_[cursor] >> 4);
        if (id == 0) {
            ++cursor;
            return true;
        }
        valueSize = (data_[cursor] & 0x0Fu) + 1;
        valueOffset = cursor + 1;
    } else if ((extensionProfile_ & 0xFFF0) == kTwoByteExtensionProfile) {
        id = data_[cursor];
        if (id == 0) {
            ++cursor;
            return true;
        }
        if (end - cursor < 2) {
            return false;
        }
        valueSize = data_[cursor + 1];
        valueOffset = cursor + 2;
    } else {
        return false;  // not an RFC 8285 block: no elements to look up
    }
    if (id == 15 && extensionProfile_ == kOneByteExtensionProfile) {
        cursor = end;
        return true;
    }
    if (valueSize > end - valueOffset) {
        return false;
    }
    cursor = valueOffset + valueSize;
    return true;
}

std::optional<Bytes> RtpPacketView::extension(std::uint8_t id) const {
    if (id == 0) {
        return std::nullopt;
    }
    std::optional<Bytes> found;
    forEachExtension([&](std::uint8_t elementId, Bytes value) {
        if (elementId == id && !found) {
            found = value;
        }
    });
    return found;
}

std::optional<MutableRtpPacket> MutableRtpPacket::parse(MutableBytes packet) {
    auto view = RtpPacketView::parse(packet);
    if (!view) {
        return std::nullopt;
    }
    return MutableRtpPacket(packet, *view);
}

void MutableRtpPacket::setMarker(bool marker) {
    data_[1] = static_cast<std::uint8_t>((data_[1] & 0x7F) | (marker ? 0x80 : 0));
}

void MutableRtpPacket::setPayloadType(std::uint8_t payloadType) {
    data_[1] = static_cast<std::uint8_t>((data_[1] & 0x80) | (payloadType & 0x7F));
}

MutableBytes MutableRtpPacket::extension(std::uint8_t id) {
    auto value = view_.extension(id);
    if (!value) {
        return {};
    }
    const auto offset = static_cast<std::size_t>(value->data() - data_.data());
    return data_.subspan(offset, value->size());
}

bool MutableRtpPacket::setExtension(std::uint8_t id, Bytes value) {
    auto target = view_.extension(id);
    if (!target || target->size() != value.size()) {
        return false;
    }
    const auto offset = static_cast<std::size_t>(target->data() - data_.data());
    if (!value.empty()) {
        std::memmove(data_.data() + offset, value.data(), value.size());
    }
    return true;
}

}  // namespace vp::sfu::packet
