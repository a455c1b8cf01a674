#include "sfu/rtp_parameters/supported_capabilities.hpp"

namespace vp::sfu::rtp_parameters {

namespace {

std::vector<RtcpFeedback> videoFeedback() {
    return {{"nack", ""}, {"nack", "pli"}, {"ccm", "fir"}, {"goog-remb", ""}, {"transport-cc", ""}};
}

RtpCodecCapability video(std::string mimeType, CodecParameters parameters) {
    RtpCodecCapability c;
    c.kind = MediaKind::Video;
    c.mimeType = std::move(mimeType);
    c.clockRate = 90000;
    c.parameters = std::move(parameters);
    c.rtcpFeedback = videoFeedback();
    return c;
}

CodecParameters h264(const char* profileLevelId) {
    return {{"packetization-mode", std::int64_t{1}},
            {"profile-level-id", std::string(profileLevelId)},
            {"level-asymmetry-allowed", std::int64_t{1}}};
}

// Media codecs in order of preference; payload types are assigned below.
std::vector<RtpCodecCapability> mediaCodecs() {
    RtpCodecCapability opus;
    opus.kind = MediaKind::Audio;
    opus.mimeType = "audio/opus";
    opus.clockRate = 48000;
    opus.channels = 2;
    opus.parameters = {{"minptime", std::int64_t{10}}, {"useinbandfec", std::int64_t{1}}};
    opus.rtcpFeedback = {{"transport-cc", ""}};
    return {
        opus,
        video("video/VP8", {}),
        video("video/VP9", {{"profile-id", std::int64_t{0}}}),
        video("video/VP9", {{"profile-id", std::int64_t{2}}}),
        video("video/H264", h264("42e01f")),
        video("video/H264", h264("4d001f")),
        video("video/H264", h264("640032")),
    };
}

RtpHeaderExtension ext(MediaKind kind, const char* uri, std::uint8_t id, Direction direction) {
    return RtpHeaderExtension{kind, uri, id, false, direction};
}

std::vector<RtpHeaderExtension> headerExtensions() {
    using enum MediaKind;
    using enum Direction;
    const char* mid = "urn:ietf:params:rtp-hdrext:sdes:mid";
    const char* absSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    const char* transportCc =
        "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    return {
        ext(Audio, mid, 1, SendRecv),
        ext(Video, mid, 1, SendRecv),
        ext(Video, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", 2, RecvOnly),
        ext(Video, "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id", 3, RecvOnly),
        ext(Audio, absSendTime, 4, SendRecv),
        ext(Video, absSendTime, 4, SendRecv),
        // Audio only receives transport-cc: the send side estimates on video.
        ext(Audio, transportCc, 5, RecvOnly),
        ext(Video, transportCc, 5, SendRecv),
        ext(Audio, "urn:ietf:params:rtp-hdrext:ssrc-audio-level", 10, SendRecv),
        ext(Video, "urn:3gpp:video-orientation", 11, SendRecv),
    };
}

RtpCapabilities build() {
    RtpCapabilities caps;
    std::uint8_t nextPayloadType = 100;
    for (auto& codec : mediaCodecs()) {
        codec.preferredPayloadType = nextPayloadType++;
        const MediaKind kind = codec.kind;
        const std::uint8_t apt = *codec.preferredPayloadType;
        const std::uint32_t clockRate = codec.clockRate;
        caps.codecs.push_back(std::move(codec));
        if (kind == MediaKind::Video) {
            RtpCodecCapability rtx;
            rtx.kind = MediaKind::Video;
            rtx.mimeType = "video/rtx";
            rtx.preferredPayloadType = nextPayloadType++;
            rtx.clockRate = clockRate;
            rtx.parameters = {{"apt", std::int64_t{apt}}};
            caps.codecs.push_back(std::move(rtx));
        }
    }
    caps.headerExtensions = headerExtensions();
    return caps;
}

}  // namespace

const RtpCapabilities& routerRtpCapabilities() {
    static const RtpCapabilities caps = build();
    return caps;
}

}  // namespace vp::sfu::rtp_parameters
