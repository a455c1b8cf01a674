#pragma once
// The RTP parameters and capabilities model that mediasoup-client consumes
// (RtpCapabilities, RtpCodecCapability, RtpHeaderExtension, RtpParameters,
// RtpCodecParameters, RtpEncodingParameters, RtcpParameters, RtcpFeedback).
// Plain values; JSON lives in json.hpp, rules in validation.hpp and ortc.hpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace vp::sfu::rtp_parameters {

enum class MediaKind : std::uint8_t { Audio, Video };
std::string_view toString(MediaKind kind);
std::optional<MediaKind> mediaKindFromString(std::string_view text);

// Bounds on everything a browser can send us (checked by the JSON reader).
inline constexpr std::size_t kMaxCodecs = 64;
inline constexpr std::size_t kMaxHeaderExtensions = 32;
inline constexpr std::size_t kMaxEncodings = 8;
inline constexpr std::size_t kMaxRtcpFeedback = 16;
inline constexpr std::size_t kMaxCodecParameters = 16;
inline constexpr std::size_t kMaxStringLength = 256;

// A codec parameter value: sdp-transform turns integer fmtp values into numbers
// and leaves the rest as strings ("profile-level-id": "42e01f"). Fractional
// numbers are refused: no codec we route uses them, and they do not survive a
// JSON round trip exactly.
using ParameterValue = std::variant<std::int64_t, std::string>;
using CodecParameters = std::map<std::string, ParameterValue, std::less<>>;

// The integer value of a parameter, if present and numeric.
std::optional<std::int64_t> intParameter(const CodecParameters& parameters, std::string_view key);
// The string value of a parameter, if present and a string.
std::optional<std::string> stringParameter(const CodecParameters& parameters, std::string_view key);

struct RtcpFeedback {
    std::string type;       // "nack", "ccm", "goog-remb", "transport-cc"
    std::string parameter;  // "", "pli", "fir"
    friend bool operator==(const RtcpFeedback&, const RtcpFeedback&) = default;
};

struct RtpCodecCapability {
    MediaKind kind = MediaKind::Audio;
    std::string mimeType;  // "audio/opus", "video/VP8", "video/rtx"
    std::optional<std::uint8_t> preferredPayloadType;
    std::uint32_t clockRate = 0;
    std::optional<std::uint8_t> channels;  // audio only
    CodecParameters parameters;
    std::vector<RtcpFeedback> rtcpFeedback;
    friend bool operator==(const RtpCodecCapability&, const RtpCodecCapability&) = default;
};

enum class Direction : std::uint8_t { SendRecv, SendOnly, RecvOnly, Inactive };
std::string_view toString(Direction direction);
std::optional<Direction> directionFromString(std::string_view text);

struct RtpHeaderExtension {
    MediaKind kind = MediaKind::Audio;
    std::string uri;
    std::uint8_t preferredId = 0;
    bool preferredEncrypt = false;
    Direction direction = Direction::SendRecv;
    friend bool operator==(const RtpHeaderExtension&, const RtpHeaderExtension&) = default;
};

struct RtpCapabilities {
    std::vector<RtpCodecCapability> codecs;
    std::vector<RtpHeaderExtension> headerExtensions;
    friend bool operator==(const RtpCapabilities&, const RtpCapabilities&) = default;
};

struct RtpCodecParameters {
    std::string mimeType;
    std::uint8_t payloadType = 0;
    std::uint32_t clockRate = 0;
    std::optional<std::uint8_t> channels;
    CodecParameters parameters;
    std::vector<RtcpFeedback> rtcpFeedback;
    friend bool operator==(const RtpCodecParameters&, const RtpCodecParameters&) = default;
};

struct RtpHeaderExtensionParameters {
    std::string uri;
    std::uint8_t id = 0;
    bool encrypt = false;
    CodecParameters parameters;
    friend bool operator==(const RtpHeaderExtensionParameters&,
                           const RtpHeaderExtensionParameters&) = default;
};

struct RtpEncodingParameters {
    std::optional<std::uint32_t> ssrc;
    std::optional<std::string> rid;
    std::optional<std::uint8_t> codecPayloadType;
    std::optional<std::uint32_t> rtxSsrc;  // JSON: "rtx": {"ssrc": N}
    bool dtx = false;
    std::optional<std::string> scalabilityMode;
    std::optional<std::uint32_t> maxBitrate;
    std::optional<double> scaleResolutionDownBy;
    std::optional<double> maxFramerate;
    friend bool operator==(const RtpEncodingParameters&, const RtpEncodingParameters&) = default;
};

struct RtcpParameters {
    std::optional<std::string> cname;
    bool reducedSize = true;
    friend bool operator==(const RtcpParameters&, const RtcpParameters&) = default;
};

struct RtpParameters {
    std::optional<std::string> mid;
    std::vector<RtpCodecParameters> codecs;
    std::vector<RtpHeaderExtensionParameters> headerExtensions;
    std::vector<RtpEncodingParameters> encodings;
    RtcpParameters rtcp;
    friend bool operator==(const RtpParameters&, const RtpParameters&) = default;
};

// How a producer's payload types and streams map onto the router's own
// ("consumable") values. Server-side only; never sent to a browser.
struct RtpMapping {
    struct Codec {
        std::uint8_t payloadType = 0;        // as the producer sends it
        std::uint8_t mappedPayloadType = 0;  // the router's preferred payload type
        friend bool operator==(const Codec&, const Codec&) = default;
    };
    struct Encoding {
        std::optional<std::uint32_t> ssrc;
        std::optional<std::string> rid;
        std::optional<std::string> scalabilityMode;
        std::uint32_t mappedSsrc = 0;
        friend bool operator==(const Encoding&, const Encoding&) = default;
    };
    std::vector<Codec> codecs;
    std::vector<Encoding> encodings;
};

// "video/rtx" (any case).
bool isRtxMimeType(std::string_view mimeType);
// "audio" or "video" from the part of a MIME type before '/'.
std::optional<MediaKind> kindOfMimeType(std::string_view mimeType);
// Case-insensitive equality of MIME types ("video/VP8" == "video/vp8").
bool sameMimeType(std::string_view a, std::string_view b);

}  // namespace vp::sfu::rtp_parameters
