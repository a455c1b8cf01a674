#include "sfu/rtp_parameters/ortc.hpp"

#include <algorithm>

#include "sfu/rtp_parameters/h264_profile.hpp"

namespace vp::sfu::rtp_parameters {

namespace {

constexpr std::string_view kTransportCcUri =
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
constexpr std::string_view kAbsSendTimeUri =
    "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

std::uint8_t channelsOf(std::string_view mimeType, std::optional<std::uint8_t> channels) {
    return kindOfMimeType(mimeType) == MediaKind::Audio ? channels.value_or(1) : 0;
}

std::int64_t intOr(const CodecParameters& p, std::string_view key, std::int64_t fallback) {
    return intParameter(p, key).value_or(fallback);
}

template <typename A, typename B>
bool match(const A& a, const B& b, bool strict) {
    if (!sameMimeType(a.mimeType, b.mimeType) || a.clockRate != b.clockRate ||
        channelsOf(a.mimeType, a.channels) != channelsOf(b.mimeType, b.channels)) {
        return false;
    }
    if (!strict) {
        return true;
    }
    if (sameMimeType(a.mimeType, "video/H264")) {
        return intOr(a.parameters, "packetization-mode", 0) ==
                   intOr(b.parameters, "packetization-mode", 0) &&
               isSameH264Profile(a.parameters, b.parameters);
    }
    if (sameMimeType(a.mimeType, "video/VP9")) {
        return intOr(a.parameters, "profile-id", 0) == intOr(b.parameters, "profile-id", 0);
    }
    return true;
}

const RtpCodecCapability* findRtxFor(const RtpCapabilities& caps, std::uint8_t apt) {
    for (const auto& c : caps.codecs) {
        if (isRtxMimeType(c.mimeType) && intParameter(c.parameters, "apt") == apt) {
            return &c;
        }
    }
    return nullptr;
}

RtpCodecParameters fromCapability(const RtpCodecCapability& cap) {
    RtpCodecParameters codec;
    codec.mimeType = cap.mimeType;
    codec.payloadType = cap.preferredPayloadType.value_or(0);
    codec.clockRate = cap.clockRate;
    codec.channels = cap.channels;
    codec.parameters = cap.parameters;
    codec.rtcpFeedback = cap.rtcpFeedback;
    return codec;
}

std::string describe(const RtpCodecParameters& c) {
    std::string text = c.mimeType + " (payloadType " + std::to_string(c.payloadType) + ", " +
                       std::to_string(c.clockRate) + " Hz";
    if (auto plid = stringParameter(c.parameters, "profile-level-id")) {
        text += ", profile-level-id " + *plid;
    }
    return text + ")";
}

// Keeps the bandwidth-estimation feedback that the negotiated extensions support.
void reduceFeedback(RtpParameters& consumer) {
    auto has = [&](std::string_view uri) {
        return std::any_of(consumer.headerExtensions.begin(), consumer.headerExtensions.end(),
                           [&](const auto& e) { return e.uri == uri; });
    };
    const bool transportCc = has(kTransportCcUri);
    const bool absSendTime = has(kAbsSendTimeUri);
    for (auto& codec : consumer.codecs) {
        std::erase_if(codec.rtcpFeedback, [&](const RtcpFeedback& fb) {
            if (fb.type == "goog-remb") {
                return transportCc || !absSendTime;
            }
            if (fb.type == "transport-cc") {
                return !transportCc;
            }
            return false;
        });
    }
}

}  // namespace

bool matchCodecs(const RtpCodecParameters& a, const RtpCodecCapability& b, bool strict) {
    return match(a, b, strict);
}

bool matchCodecs(const RtpCodecCapability& a, const RtpCodecCapability& b, bool strict) {
    return match(a, b, strict);
}

common::Result<RtpMapping> mapProducerParameters(const RtpParameters& producer,
                                                 const RtpCapabilities& router,
                                                 std::uint32_t firstMappedSsrc) {
    RtpMapping mapping;
    for (const auto& codec : producer.codecs) {
        if (isRtxMimeType(codec.mimeType)) {
            continue;
        }
        auto cap = std::find_if(router.codecs.begin(), router.codecs.end(),
                                [&](const RtpCodecCapability& c) { return match(codec, c, true); });
        if (cap == router.codecs.end()) {
            return common::makeError("rtp.unknown_codec",
                                     "the router does not support " + describe(codec) +
                                         "; offer one of the codecs in the router's capabilities");
        }
        mapping.codecs.push_back({codec.payloadType, cap->preferredPayloadType.value_or(0)});
    }
    for (const auto& codec : producer.codecs) {
        if (!isRtxMimeType(codec.mimeType)) {
            continue;
        }
        const auto apt = intParameter(codec.parameters, "apt");
        auto media = std::find_if(mapping.codecs.begin(), mapping.codecs.end(),
                                  [&](const RtpMapping::Codec& m) { return m.payloadType == apt; });
        const RtpCodecCapability* rtx =
            media == mapping.codecs.end() ? nullptr : findRtxFor(router, media->mappedPayloadType);
        if (rtx == nullptr) {
            return common::makeError("rtp.unknown_codec",
                                     "no router RTX codec for " + describe(codec) +
                                         "; its apt must name a supported video codec");
        }
        mapping.codecs.push_back({codec.payloadType, rtx->preferredPayloadType.value_or(0)});
    }
    std::uint32_t mappedSsrc = firstMappedSsrc;
    for (const auto& e : producer.encodings) {
        mapping.encodings.push_back({e.ssrc, e.rid, e.scalabilityMode, mappedSsrc++});
    }
    return mapping;
}

RtpParameters consumableParameters(MediaKind kind, const RtpParameters& producer,
                                   const RtpCapabilities& router, const RtpMapping& mapping) {
    RtpParameters out;
    for (const auto& codec : producer.codecs) {
        if (isRtxMimeType(codec.mimeType)) {
            continue;
        }
        auto m = std::find_if(mapping.codecs.begin(), mapping.codecs.end(),
                              [&](const auto& e) { return e.payloadType == codec.payloadType; });
        auto cap = std::find_if(router.codecs.begin(), router.codecs.end(), [&](const auto& c) {
            return m != mapping.codecs.end() && c.preferredPayloadType == m->mappedPayloadType;
        });
        if (cap == router.codecs.end()) {
            continue;  // not mapped: mapProducerParameters() would have refused it
        }
        RtpCodecParameters consumable = fromCapability(*cap);
        consumable.parameters = codec.parameters;  // the producer's fmtp describe its stream
        out.codecs.push_back(std::move(consumable));
        if (const RtpCodecCapability* rtx = findRtxFor(router, *cap->preferredPayloadType)) {
            out.codecs.push_back(fromCapability(*rtx));
        }
    }
    for (const auto& ext : router.headerExtensions) {
        if (ext.kind == kind &&
            (ext.direction == Direction::SendRecv || ext.direction == Direction::SendOnly)) {
            out.headerExtensions.push_back({ext.uri, ext.preferredId, ext.preferredEncrypt, {}});
        }
    }
    for (std::size_t i = 0; i < producer.encodings.size() && i < mapping.encodings.size(); ++i) {
        RtpEncodingParameters e = producer.encodings[i];
        e.rid.reset();
        e.rtxSsrc.reset();
        e.codecPayloadType.reset();
        e.ssrc = mapping.encodings[i].mappedSsrc;
        out.encodings.push_back(std::move(e));
    }
    out.rtcp.cname = producer.rtcp.cname;
    out.rtcp.reducedSize = true;
    return out;
}

bool canConsume(const RtpParameters& consumable, const RtpCapabilities& device) {
    for (const auto& codec : consumable.codecs) {
        if (isRtxMimeType(codec.mimeType)) {
            continue;
        }
        for (const auto& cap : device.codecs) {
            if (match(codec, cap, true)) {
                return true;
            }
        }
    }
    return false;
}

common::Result<RtpParameters> consumerParameters(const RtpParameters& consumable,
                                                 const RtpCapabilities& device,
                                                 const ConsumerParametersOptions& options) {
    RtpParameters out;
    out.rtcp = consumable.rtcp;
    for (const auto& codec : consumable.codecs) {
        if (!options.enableRtx && isRtxMimeType(codec.mimeType)) {
            continue;
        }
        auto cap = std::find_if(device.codecs.begin(), device.codecs.end(),
                                [&](const RtpCodecCapability& c) { return match(codec, c, true); });
        if (cap == device.codecs.end()) {
            continue;
        }
        RtpCodecParameters chosen = codec;
        chosen.rtcpFeedback.clear();
        for (const auto& fb : cap->rtcpFeedback) {
            if (options.enableRtx || fb.type != "nack" || !fb.parameter.empty()) {
                chosen.rtcpFeedback.push_back(fb);
            }
        }
        out.codecs.push_back(std::move(chosen));
    }
    // An RTX codec whose media codec did not survive is useless.
    std::erase_if(out.codecs, [&](const RtpCodecParameters& c) {
        if (!isRtxMimeType(c.mimeType)) {
            return false;
        }
        const auto apt = intParameter(c.parameters, "apt");
        return std::none_of(out.codecs.begin(), out.codecs.end(), [&](const auto& m) {
            return !isRtxMimeType(m.mimeType) && m.payloadType == apt;
        });
    });
    if (out.codecs.empty() || isRtxMimeType(out.codecs.front().mimeType)) {
        return common::makeError("rtp.cannot_consume",
                                 "the device supports none of the producer's codecs; it cannot "
                                 "receive this stream");
    }
    const bool rtx = std::any_of(out.codecs.begin(), out.codecs.end(),
                                 [](const auto& c) { return isRtxMimeType(c.mimeType); });
    for (const auto& ext : consumable.headerExtensions) {
        const bool known =
            std::any_of(device.headerExtensions.begin(), device.headerExtensions.end(),
                        [&](const RtpHeaderExtension& d) {
                            return d.preferredId == ext.id && d.uri == ext.uri;
                        });
        if (known) {
            out.headerExtensions.push_back(ext);
        }
    }
    reduceFeedback(out);
    RtpEncodingParameters encoding;
    encoding.ssrc = options.ssrc;
    if (rtx) {
        encoding.rtxSsrc = options.ssrc + 1;
    }
    for (const auto& e : consumable.encodings) {
        if (e.scalabilityMode && !encoding.scalabilityMode) {
            encoding.scalabilityMode = e.scalabilityMode;
        }
        if (e.maxBitrate && e.maxBitrate > encoding.maxBitrate.value_or(0)) {
            encoding.maxBitrate = e.maxBitrate;
        }
    }
    out.encodings.push_back(std::move(encoding));
    return out;
}

}  // namespace vp::sfu::rtp_parameters
