#pragma once
// The header extensions the SFU understands: negotiated id <-> URI mapping and
// typed codecs for each value. Readers take the element value found by
// RtpPacketView::extension(); writers fill a caller buffer or rewrite in place.
#include <array>
#include <optional>
#include <string_view>

#include "sfu/packet/rtp_packet.hpp"

namespace vp::sfu::packet {

enum class RtpExtensionType : std::uint8_t {
    Mid,
    RtpStreamId,
    RepairedRtpStreamId,
    AbsSendTime,
    TransportWideCc,
    AudioLevel,
    VideoOrientation,
};
inline constexpr std::size_t kRtpExtensionTypeCount = 7;

std::string_view rtpExtensionUri(RtpExtensionType type);
std::optional<RtpExtensionType> rtpExtensionTypeFromUri(std::string_view uri);

class RtpHeaderExtensionMap {
  public:
    // ids are 1..255 (1..14 for the one-byte form); false for id 0, an unknown
    // URI, or an id already bound to another type.
    bool add(std::uint8_t id, RtpExtensionType type);
    bool add(std::uint8_t id, std::string_view uri);
    std::optional<std::uint8_t> idOf(RtpExtensionType type) const;
    std::optional<RtpExtensionType> typeOf(std::uint8_t id) const;

    // Value of the negotiated extension in this packet, if present.
    std::optional<Bytes> find(const RtpPacketView& packet, RtpExtensionType type) const;

  private:
    std::array<std::uint8_t, kRtpExtensionTypeCount> ids_{};  // 0 = not negotiated
};

// ssrc-audio-level (RFC 6464): voice activity flag and level in -dBov (0..127).
struct AudioLevel {
    bool voiceActivity = false;
    std::uint8_t level = 127;
    friend bool operator==(const AudioLevel&, const AudioLevel&) = default;
};

// urn:3gpp:video-orientation (3GPP TS 26.114): camera, flip, rotation.
struct VideoOrientation {
    bool backCamera = false;
    bool horizontalFlip = false;
    std::uint16_t rotationDegrees = 0;  // 0, 90, 180, 270
    friend bool operator==(const VideoOrientation&, const VideoOrientation&) = default;
};

// mid / rid / repaired-rid: 1..255 bytes of text (RFC 8852, RFC 9143).
std::optional<std::string_view> decodeSdesText(Bytes value);
// abs-send-time: 24-bit 6.18 fixed-point seconds.
std::optional<std::uint32_t> decodeAbsSendTime(Bytes value);
// transport-wide-cc: 16-bit transport sequence number.
std::optional<std::uint16_t> decodeTransportSequenceNumber(Bytes value);
std::optional<AudioLevel> decodeAudioLevel(Bytes value);
std::optional<VideoOrientation> decodeVideoOrientation(Bytes value);

// Encoders return the value size written, 0 if out is too small or the value invalid.
std::size_t encodeSdesText(MutableBytes out, std::string_view text);
std::size_t encodeAbsSendTime(MutableBytes out, std::uint32_t sixDotEighteen);
std::size_t encodeTransportSequenceNumber(MutableBytes out, std::uint16_t seq);
std::size_t encodeAudioLevel(MutableBytes out, AudioLevel level);
std::size_t encodeVideoOrientation(MutableBytes out, VideoOrientation orientation);

// abs-send-time from a time in microseconds (wraps every 64 s).
std::uint32_t absSendTimeFromMicros(std::uint64_t micros);

// In-place rewrites on the forwarding path; false when the extension is not
// negotiated, not in the packet, or of a different size.
bool rewriteTransportSequenceNumber(MutableRtpPacket& packet, const RtpHeaderExtensionMap& map,
                                    std::uint16_t seq);
bool rewriteAbsSendTime(MutableRtpPacket& packet, const RtpHeaderExtensionMap& map,
                        std::uint32_t sixDotEighteen);

}  // namespace vp::sfu::packet
