#include "sfu/packet/rtp_header_extensions.hpp"

#include <cstring>

namespace vp::sfu::packet {

namespace {

constexpr std::array<std::string_view, kRtpExtensionTypeCount> kUris = {
    "urn:ietf:params:rtp-hdrext:sdes:mid",
    "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
    "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
    "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
    "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
    "urn:3gpp:video-orientation",
};

std::size_t index(RtpExtensionType type) {
    return static_cast<std::size_t>(type);
}

}  // namespace

std::string_view rtpExtensionUri(RtpExtensionType type) {
    return kUris[index(type)];
}

std::optional<RtpExtensionType> rtpExtensionTypeFromUri(std::string_view uri) {
    for (std::size_t i = 0; i < kUris.size(); ++i) {
        if (kUris[i] == uri) {
            return static_cast<RtpExtensionType>(i);
        }
    }
    return std::nullopt;
}

bool RtpHeaderExtensionMap::add(std::uint8_t id, RtpExtensionType type) {
    if (id == 0) {
        return false;
    }
    if (auto existing = typeOf(id); existing && *existing != type) {
        return false;
    }
    ids_[index(type)] = id;
    return true;
}

bool RtpHeaderExtensionMap::add(std::uint8_t id, std::string_view uri) {
    auto type = rtpExtensionTypeFromUri(uri);
    return type && add(id, *type);
}

std::optional<std::uint8_t> RtpHeaderExtensionMap::idOf(RtpExtensionType type) const {
    const std::uint8_t id = ids_[index(type)];
    return id == 0 ? std::nullopt : std::optional<std::uint8_t>(id);
}

std::optional<RtpExtensionType> RtpHeaderExtensionMap::typeOf(std::uint8_t id) const {
    for (std::size_t i = 0; i < ids_.size(); ++i) {
        if (id != 0 && ids_[i] == id) {
            return static_cast<RtpExtensionType>(i);
        }
    }
    return std::nullopt;
}

std::optional<Bytes> RtpHeaderExtensionMap::find(const RtpPacketView& packet,
                                                 RtpExtensionType type) const {
    auto id = idOf(type);
    return id ? packet.extension(*id) : std::nullopt;
}

std::optional<std::string_view> decodeSdesText(Bytes value) {
    if (value.empty()) {
        return std::nullopt;
    }
    // Senders may pad with trailing NULs; they are not part of the identifier.
    std::size_t size = value.size();
    while (size > 0 && value[size - 1] == 0) {
        --size;
    }
    if (size == 0) {
        return std::nullopt;
    }
    return std::string_view(reinterpret_cast<const char*>(value.data()), size);
}

std::optional<std::uint32_t> decodeAbsSendTime(Bytes value) {
    if (value.size() != 3) {
        return std::nullopt;
    }
    return readU24(value.data());
}

std::optional<std::uint16_t> decodeTransportSequenceNumber(Bytes value) {
    if (value.size() != 2) {
        return std::nullopt;
    }
    return readU16(value.data());
}

std::optional<AudioLevel> decodeAudioLevel(Bytes value) {
    if (value.empty()) {
        return std::nullopt;
    }
    return AudioLevel{(value[0] & 0x80) != 0, static_cast<std::uint8_t>(value[0] & 0x7F)};
}

std::optional<VideoOrientation> decodeVideoOrientation(Bytes value) {
    if (value.empty()) {
        return std::nullopt;
    }
    VideoOrientation o;
    o.backCamera = (value[0] & 0x08) != 0;
    o.horizontalFlip = (value[0] & 0x04) != 0;
    o.rotationDegrees = static_cast<std::uint16_t>((value[0] & 0x03) * 90);
    return o;
}

std::size_t encodeSdesText(MutableBytes out, std::string_view text) {
    if (text.empty() || text.size() > 255 || out.size() < text.size()) {
        return 0;
    }
    std::memcpy(out.data(), text.data(), text.size());
    return text.size();
}

std::size_t encodeAbsSendTime(MutableBytes out, std::uint32_t sixDotEighteen) {
    if (out.size() < 3) {
        return 0;
    }
    writeU24(out.data(), sixDotEighteen & 0xFFFFFFu);
    return 3;
}

std::size_t encodeTransportSequenceNumber(MutableBytes out, std::uint16_t seq) {
    if (out.size() < 2) {
        return 0;
    }
    writeU16(out.data(), seq);
    return 2;
}

std::size_t encodeAudioLevel(MutableBytes out, AudioLevel level) {
    if (out.empty() || level.level > 127) {
        return 0;
    }
    out[0] = static_cast<std::uint8_t>((level.voiceActivity ? 0x80 : 0) | level.level);
    return 1;
}

std::size_t encodeVideoOrientation(MutableBytes out, VideoOrientation orientation) {
    if (out.empty() || orientation.rotationDegrees % 90 != 0 || orientation.rotationDegrees > 270) {
        return 0;
    }
    out[0] = static_cast<std::uint8_t>((orientation.backCamera ? 0x08 : 0) |
                                       (orientation.horizontalFlip ? 0x04 : 0) |
                                       (orientation.rotationDegrees / 90));
    return 1;
}

std::uint32_t absSendTimeFromMicros(std::uint64_t micros) {
    // 6.18 fixed point: seconds << 18, rounded, modulo 2^24 (64 s).
    const std::uint64_t withinWrap = micros % 64'000'000u;
    return static_cast<std::uint32_t>(((withinWrap << 18) + 500'000) / 1'000'000) & 0xFFFFFFu;
}

bool rewriteTransportSequenceNumber(MutableRtpPacket& packet, const RtpHeaderExtensionMap& map,
                                    std::uint16_t seq) {
    auto id = map.idOf(RtpExtensionType::TransportWideCc);
    if (!id) {
        return false;
    }
    MutableBytes value = packet.extension(*id);
    return value.size() == 2 && encodeTransportSequenceNumber(value, seq) == 2;
}

bool rewriteAbsSendTime(MutableRtpPacket& packet, const RtpHeaderExtensionMap& map,
                        std::uint32_t sixDotEighteen) {
    auto id = map.idOf(RtpExtensionType::AbsSendTime);
    if (!id) {
        return false;
    }
    MutableBytes value = packet.extension(*id);
    return value.size() == 3 && encodeAbsSendTime(value, sixDotEighteen) == 3;
}

}  // namespace vp::sfu::packet
