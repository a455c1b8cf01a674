#include "sfu/router/producer.hpp"

#include <algorithm>

#include "sfu/packet/rtcp/nack.hpp"
#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/router/rtx.hpp"
#include "sfu/router/sinks.hpp"

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

bool negotiatedNack(const rp::RtpParameters& parameters) {
    return !parameters.codecs.empty() &&
           std::any_of(parameters.codecs.front().rtcpFeedback.begin(),
                       parameters.codecs.front().rtcpFeedback.end(),
                       [](const auto& fb) { return fb.type == "nack" && fb.parameter.empty(); });
}

}  // namespace

Producer::Producer(std::string id, std::string transportId, rp::MediaKind kind,
                   rp::RtpParameters parameters, rp::RtpMapping mapping,
                   rp::RtpParameters consumable, std::chrono::milliseconds keyframeInterval,
                   const ProducerRecoveryOptions& recovery)
    : id_(std::move(id)),
      transportId_(std::move(transportId)),
      kind_(kind),
      parameters_(std::move(parameters)),
      mapping_(std::move(mapping)),
      consumable_(std::move(consumable)),
      policer_(IngressPolicer::announcedBitrate(kind_, parameters_)),
      keyframes_(std::max<std::size_t>(parameters_.encodings.size(), 1),
                 KeyframeRequester(firstCodecMethod(parameters_, kind), keyframeInterval)) {
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
    repairedRidId_ =
        extensionIdOf(parameters_.headerExtensions, packet::RtpExtensionType::RepairedRtpStreamId);
    audioLevelId_ =
        extensionIdOf(parameters_.headerExtensions, packet::RtpExtensionType::AudioLevel);
    for (const auto& codec : parameters_.codecs) {
        const auto apt = rp::intParameter(codec.parameters, "apt");
        if (rp::isRtxMimeType(codec.mimeType) && apt && *apt >= 0 && *apt < 128) {
            rtxApt_[codec.payloadType & 0x7F] = static_cast<std::uint8_t>(*apt + 1);
        }
        auto m = std::find_if(mapping_.codecs.begin(), mapping_.codecs.end(),
                              [&](const auto& c) { return c.payloadType == codec.payloadType; });
        if (!rp::isRtxMimeType(codec.mimeType) && m != mapping_.codecs.end()) {
            payloadMap_[codec.payloadType & 0x7F] =
                static_cast<std::uint8_t>(m->mappedPayloadType + 1);
            clockRates_[codec.payloadType & 0x7F] = codec.clockRate;
            vp8PayloadTypes_[codec.payloadType & 0x7F] =
                rp::sameMimeType(codec.mimeType, "video/VP8");
        }
    }
    const std::uint32_t clockRate =
        parameters_.codecs.empty() ? 0 : parameters_.codecs[0].clockRate;
    const bool nack = negotiatedNack(parameters_);
    switchableLayers_ = kind_ == rp::MediaKind::Video && parameters_.encodings.size() > 1 &&
                        !parameters_.codecs.empty() &&
                        rp::sameMimeType(parameters_.codecs.front().mimeType, "video/VP8");
    streams_.reserve(parameters_.encodings.size());
    for (const auto& e : parameters_.encodings) {
        ProducerStream& stream = streams_.emplace_back(clockRate);
        stream.ssrc = e.ssrc.value_or(0);
        stream.rtxSsrc = e.rtxSsrc.value_or(0);
        if (nack) {
            stream.nack = std::make_unique<NackGenerator>(recovery.nack);
        }
        if (kind_ == rp::MediaKind::Video && recovery.packetCacheSize > 0) {
            stream.cache =
                std::make_unique<PacketCache>(recovery.packetCacheSize, recovery.packetCacheMaxAge);
        }
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
    auto repairedRid = extensionText(packet, repairedRidId_);
    for (std::size_t i = 0; i < parameters_.encodings.size(); ++i) {
        const auto& e = parameters_.encodings[i];
        ProducerStream& stream = streams_[i];
        if (e.ssrc == packet.ssrc() || e.rtxSsrc == packet.ssrc()) {
            return true;
        }
        if (!e.ssrc && e.rid && rid && *rid == *e.rid && stream.ssrc == 0) {
            stream.ssrc = packet.ssrc();
            return true;
        }
        if (!e.rtxSsrc && e.rid && repairedRid && *repairedRid == *e.rid && stream.rtxSsrc == 0) {
            stream.rtxSsrc = packet.ssrc();
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

ProducerStream* Producer::streamOf(std::uint32_t ssrc, bool& rtx) {
    for (ProducerStream& stream : streams_) {
        if (stream.ssrc == ssrc && ssrc != 0) {
            rtx = false;
            return &stream;
        }
        if (stream.rtxSsrc == ssrc && ssrc != 0) {
            rtx = true;
            return &stream;
        }
    }
    return nullptr;
}

std::optional<packet::RtpPacketView> Producer::unwrap(const packet::RtpPacketView& packet,
                                                      const ProducerStream& stream) {
    const std::uint8_t apt = rtxApt_[packet.payloadType()];
    if (apt == 0 || stream.ssrc == 0) {
        return std::nullopt;
    }
    auto size =
        unwrapRtx(packet.bytes(), unwrapped_, static_cast<std::uint8_t>(apt - 1), stream.ssrc);
    if (!size) {
        return std::nullopt;
    }
    return packet::RtpPacketView::parse(packet::Bytes(unwrapped_.data(), *size));
}

std::optional<IncomingStream> Producer::classify(const packet::RtpPacketView& packet) const {
    const std::uint8_t pt = packet.payloadType();
    for (std::size_t i = 0; i < streams_.size(); ++i) {
        if (streams_[i].ssrc == packet.ssrc() && packet.ssrc() != 0 && payloadMap_[pt] != 0) {
            return IncomingStream{
                i, static_cast<std::uint8_t>(payloadMap_[pt] - 1), clockRates_[pt],
                vp8PayloadTypes_[pt] ? packet::parseVp8PayloadDescriptor(packet.payload())
                                     : std::nullopt};
        }
    }
    return std::nullopt;
}

std::optional<IncomingPacket> Producer::receive(const packet::RtpPacketView& packet,
                                                std::chrono::steady_clock::time_point now) {
    ++stats_.packetsReceived;
    bool rtx = false;
    ProducerStream* stream = streamOf(packet.ssrc(), rtx);
    std::optional<packet::RtpPacketView> original =
        stream == nullptr ? std::nullopt : (rtx ? unwrap(packet, *stream) : packet);
    std::optional<IncomingStream> incoming = original ? classify(*original) : std::nullopt;
    if (!incoming) {
        ++stats_.packetsDropped;
        return std::nullopt;
    }
    const std::uint16_t seq = original->sequenceNumber();
    const bool repaired = stream->nack && stream->nack->onPacket(seq, now, rtx);
    if (rtx && stream->nack && !repaired) {
        ++stats_.packetsDropped;  // already received (or too old to matter): no duplicate out
        return std::nullopt;
    }
    stream->recv.onPacket(seq, original->timestamp(), original->bytes().size(), now,
                          rtx || repaired);
    if (stream->cache) {
        stream->cache->store(seq, original->bytes(), now);
    }
    if (!rtx && !repaired) {
        stream->rate.add(original->bytes().size(), now);
    }
    stream->lastPacketAt = now;
    stream->receivedAny = true;
    return IncomingPacket{*incoming, *original, rtx || repaired};
}

std::optional<packet::Bytes> Producer::cachedPacket(
    std::uint32_t ssrc, std::uint16_t seq, std::chrono::steady_clock::time_point now) const {
    for (const ProducerStream& stream : streams_) {
        if (stream.ssrc == ssrc && stream.cache) {
            return stream.cache->find(seq, now);
        }
    }
    return std::nullopt;
}

void Producer::sendFeedback(std::size_t encoding, std::chrono::steady_clock::time_point now,
                            RtcpSink& sink) {
    if (encoding >= streams_.size() || !streams_[encoding].nack) {
        return;
    }
    ProducerStream& stream = streams_[encoding];
    if (!stream.nack->shouldCollect(now)) {
        return;
    }
    std::array<std::uint16_t, 64> lost{};
    const auto batch = stream.nack->collect(now, lost);
    if (batch.count > 0) {
        std::array<packet::rtcp::NackItem, 64> items{};
        auto used = packet::rtcp::packNackItems(std::span(lost.data(), batch.count), items);
        std::array<std::uint8_t, packet::rtcp::kFeedbackHeaderSize + 4 * 64> buffer{};
        auto size =
            used ? packet::rtcp::writeNack(buffer, {0, stream.ssrc}, std::span(items.data(), *used))
                 : common::Result<std::size_t>(std::size_t{0});
        if (size.ok() && *size > 0) {
            sink.sendRtcp(packet::Bytes(buffer.data(), *size));
            ++stats_.nackPacketsSent;
        }
    }
    if (batch.keyframeNeeded) {
        ++stats_.keyframesForLoss;
        keyframes_[encoding].request(stream.ssrc, now, sink);
    }
}

void Producer::onSenderReport(const packet::rtcp::SenderInfo& info,
                              std::chrono::steady_clock::time_point now) {
    for (ProducerStream& stream : streams_) {
        if (stream.ssrc == info.ssrc && info.ssrc != 0) {
            stream.recv.onSenderReport(info, now);
        }
    }
}

std::size_t Producer::reportBlocks(std::chrono::steady_clock::time_point now,
                                   std::span<packet::rtcp::ReportBlock> out) {
    std::size_t count = 0;
    for (ProducerStream& stream : streams_) {
        if (count < out.size() && stream.recv.started()) {
            out[count++] = stream.recv.reportBlock(stream.ssrc, now);
        }
    }
    return count;
}

void Producer::requestKeyframe(std::chrono::steady_clock::time_point now, RtcpSink& sink,
                               std::size_t encoding, bool urgent) {
    if (encoding < keyframes_.size()) {
        keyframes_[encoding].request(encoding < streams_.size() ? streams_[encoding].ssrc : 0, now,
                                     sink, urgent);
    }
}

void Producer::flushKeyframeRequest(std::chrono::steady_clock::time_point now, RtcpSink& sink) {
    for (std::size_t i = 0; i < keyframes_.size(); ++i) {
        if (keyframes_[i].pending()) {
            keyframes_[i].flush(i < streams_.size() ? streams_[i].ssrc : 0, now, sink);
        }
    }
}

std::uint32_t Producer::activeEncodings(std::chrono::steady_clock::time_point now) const {
    std::uint32_t mask = 0;
    for (std::size_t i = 0; i < streams_.size() && i < 32; ++i) {
        if (streams_[i].receivedAny && now - streams_[i].lastPacketAt < kEncodingInactiveAfter) {
            mask |= 1u << i;
        }
    }
    return mask;
}

}  // namespace vp::sfu::router
