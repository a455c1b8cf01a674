#include "sfu/router/producer.hpp"

#include <algorithm>

#include "sfu/packet/rtp_header_extensions.hpp"

namespace vp::sfu::router {

namespace rp = rtp_parameters;

namespace {

std::uint8_t extensionIdOf(const std::vector<rp::RtpHeaderExtensionParameters>& list,
                           packet::RtpExtensionType type) {
    for (const auto& e : list) {
        if (e.uri == packet::rtpExtensionUri(type)) {
            return e.id;
        }
    }
    return 0;
}

KeyframeMethod firstCodecMethod(const rp::RtpParameters& parameters, rp::MediaKind kind) {
    if (kind != rp::MediaKind::Video || parameters.codecs.empty()) {
        return KeyframeMethod::None;
    }
    return keyframeMethodOf(parameters.codecs.front());
}

}  // namespace

Producer::Producer(std::string id, std::string transportId, rp::MediaKind kind,
                   rp::RtpParameters parameters, rp::RtpMapping mapping,
                   rp::RtpParameters consumable, std::chrono::milliseconds keyframeInterval)
    : id_(std::move(id)),
      transportId_(std::move(transportId)),
      kind_(kind),
      parameters_(std::move(parameters)),
      mapping_(std::move(mapping)),
      consumable_(std::move(consumable)),
      keyframes_(firstCodecMethod(parameters_, kind), keyframeInterval) {
    // Producer extension ids -> router ids, by URI.
    for (const auto& ext : parameters_.headerExtensions) {
        for (const auto& routerExt : consumable_.headerExtensions) {
            if (routerExt.uri == ext.uri) {
                extensionToRouter_[ext.id] = routerExt.id;
            }
        }
    }
    midId_ = extensionIdOf(parameters_.headerExtensions, packet::RtpExtensionType::Mid);
    ridId_ = extensionIdOf(parameters_.headerExtensions, packet::RtpExtensionType::RtpStreamId);
    // Media payload types only: RTX needs unwrapping, which comes with retransmission.
    for (const auto& codec : parameters_.codecs) {
        auto m = std::find_if(mapping_.codecs.begin(), mapping_.codecs.end(),
                              [&](const auto& c) { return c.payloadType == codec.payloadType; });
        if (!rp::isRtxMimeType(codec.mimeType) && m != mapping_.codecs.end()) {
            payloadMap_[codec.payloadType & 0x7F] =
                static_cast<std::uint8_t>(m->mappedPayloadType + 1);
            clockRates_[codec.payloadType & 0x7F] = codec.clockRate;
        }
    }
    for (const auto& e : parameters_.encodings) {
        encodingSsrcs_.push_back(e.ssrc.value_or(0));
    }
}

std::optional<std::string_view> Producer::extensionText(const packet::RtpPacketView& packet,
                                                        std::uint8_t id) const {
    if (id == 0) {
        return std::nullopt;
    }
    auto value = packet.extension(id);
    return value ? packet::decodeSdesText(*value) : std::nullopt;
}

bool Producer::claims(const packet::RtpPacketView& packet) {
    if (parameters_.mid) {
        auto mid = extensionText(packet, midId_);
        if (!mid || *mid != *parameters_.mid) {
            return false;
        }
    }
    auto rid = extensionText(packet, ridId_);
    for (std::size_t i = 0; i < parameters_.encodings.size(); ++i) {
        const auto& e = parameters_.encodings[i];
        if (e.ssrc == packet.ssrc() || e.rtxSsrc == packet.ssrc()) {
            return true;
        }
        if (!e.ssrc && e.rid && rid && *rid == *e.rid && encodingSsrcs_[i] == 0) {
            encodingSsrcs_[i] = packet.ssrc();
            return true;
        }
    }
    return false;
}

std::vector<std::uint32_t> Producer::signalledSsrcs() const {
    std::vector<std::uint32_t> out;
    for (const auto& e : parameters_.encodings) {
        for (auto ssrc : {e.ssrc, e.rtxSsrc}) {
            if (ssrc) {
                out.push_back(*ssrc);
            }
        }
    }
    return out;
}

std::optional<IncomingStream> Producer::receive(const packet::RtpPacketView& packet) {
    ++stats_.packetsReceived;
    const std::uint8_t pt = packet.payloadType();
    auto encoding = std::find(encodingSsrcs_.begin(), encodingSsrcs_.end(), packet.ssrc());
    if (encoding == encodingSsrcs_.end() || payloadMap_[pt] == 0) {
        ++stats_.packetsDropped;  // RTX streams land here too: retransmission comes later
        return std::nullopt;
    }
    return IncomingStream{static_cast<std::size_t>(encoding - encodingSsrcs_.begin()),
                          static_cast<std::uint8_t>(payloadMap_[pt] - 1), clockRates_[pt]};
}

void Producer::requestKeyframe(std::chrono::steady_clock::time_point now, RtcpSink& sink) {
    keyframes_.request(encodingSsrcs_.empty() ? 0 : encodingSsrcs_[0], now, sink);
}

void Producer::flushKeyframeRequest(std::chrono::steady_clock::time_point now, RtcpSink& sink) {
    if (keyframes_.pending()) {
        keyframes_.flush(encodingSsrcs_.empty() ? 0 : encodingSsrcs_[0], now, sink);
    }
}

}  // namespace vp::sfu::router
