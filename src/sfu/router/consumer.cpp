#include "sfu/router/consumer.hpp"

#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/packet/rtp_writer.hpp"
#include "sfu/packet/vp8_payload_descriptor.hpp"
#include "sfu/router/sinks.hpp"

namespace vp::sfu::router {

namespace {

constexpr std::size_t kMaxExtensions = 16;
const std::optional<packet::Vp8PayloadDescriptor> kNoVp8;
const std::array<std::uint8_t, 2> kTransportCcSlot{};

}  // namespace

Consumer::Consumer(ConsumerInit init, RtpSink& sink)
    : init_(std::move(init)),
      sink_(sink),
      rewriter_(init_.firstSequenceNumber, init_.firstTimestamp),
      send_(init_.rtpParameters.codecs.empty() ? 0 : init_.rtpParameters.codecs.front().clockRate),
      limiter_(init_.retransmission),
      rtxSeq_(init_.firstRtxSequenceNumber) {
    const auto& params = init_.rtpParameters;
    vp8_ = !params.codecs.empty() &&
           rtp_parameters::sameMimeType(params.codecs.front().mimeType, "video/VP8");
    if (init_.switchableLayers && init_.producerEncodings > 1) {
        layers_.emplace(init_.producerEncodings);
        if (init_.preferredSpatialLayer) {
            layers_->setPreferred(*init_.preferredSpatialLayer);
        }
    }
    if (!params.encodings.empty()) {
        ssrc_ = params.encodings.front().ssrc.value_or(0);
        rtxSsrc_ = params.encodings.front().rtxSsrc.value_or(0);
    }
    // The consumer negotiated the router's ids (consumerParameters keeps them),
    // so the map is the identity over the negotiated set.
    for (const auto& ext : params.headerExtensions) {
        if (ext.uri == packet::rtpExtensionUri(packet::RtpExtensionType::Mid)) {
            routerMidId_ = ext.id;
            consumerMidId_ = ext.id;
        } else if (ext.uri == packet::rtpExtensionUri(packet::RtpExtensionType::TransportWideCc)) {
            transportCcId_ = ext.id;  // the publisher's numbers mean nothing here
        } else {
            routerToConsumer_[ext.id] = ext.id;
        }
    }
    for (const auto& codec : params.codecs) {
        if (!rtp_parameters::isRtxMimeType(codec.mimeType)) {
            payloadMap_[codec.payloadType & 0x7F] =
                static_cast<std::uint8_t>(codec.payloadType + 1);
            for (const auto& fb : codec.rtcpFeedback) {
                nackEnabled_ = nackEnabled_ || (fb.type == "nack" && fb.parameter.empty());
            }
            continue;
        }
        const auto apt = rtp_parameters::intParameter(codec.parameters, "apt");
        if (apt && *apt >= 0 && *apt < 128 && rtxSsrc_ != 0) {
            rtxPayloadTypes_[static_cast<std::size_t>(*apt)] =
                static_cast<std::uint8_t>(codec.payloadType + 1);
        }
    }
}

void Consumer::startNewSegment() {
    rewriter_.sync();
    vp8Rewriter_.sync();
}

void Consumer::setPaused(bool paused) {
    if (init_.paused && !paused) {
        startNewSegment();
        if (layers_) {
            layers_->reset();
        }
    }
    init_.paused = paused;
}

void Consumer::setProducerPaused(bool paused) {
    if (init_.producerPaused && !paused) {
        startNewSegment();
        if (layers_) {
            layers_->reset();
        }
    }
    init_.producerPaused = paused;
}

void Consumer::setSelected(bool selected) {
    if (!init_.selected && selected) {
        startNewSegment();
    }
    init_.selected = selected;
}

bool Consumer::setPreferredLayer(std::size_t spatialLayer) {
    return layers_ && layers_->setPreferred(spatialLayer);
}

bool Consumer::setMaxLayer(std::size_t spatialLayer) {
    return layers_ && layers_->setCap(spatialLayer);
}

bool Consumer::setActiveEncodings(std::uint32_t activeMask) {
    return layers_ && layers_->setActive(activeMask);
}

std::size_t Consumer::keyframeEncoding() const {
    return layers_ && layers_->target() >= 0 ? static_cast<std::size_t>(layers_->target()) : 0;
}

bool Consumer::admit(std::size_t encoding, const std::optional<packet::Vp8PayloadDescriptor>& vp8) {
    if (!layers_) {
        return encoding == 0;
    }
    switch (layers_->onPacket(encoding, vp8 && vp8->keyframeStart)) {
        case SimulcastLayers::Verdict::Switch:
            startNewSegment();
            return true;
        case SimulcastLayers::Verdict::Forward:
            return true;
        case SimulcastLayers::Verdict::Drop:
            break;
    }
    return false;
}

void Consumer::rewriteVp8(const packet::RtpPacketView& in, std::size_t size,
                          const std::optional<packet::Vp8PayloadDescriptor>& vp8,
                          bool retransmission) {
    if (!vp8) {
        return;
    }
    const std::size_t payloadEnd = size - in.paddingSize();
    const std::size_t payloadStart = payloadEnd - in.payload().size();
    vp8Rewriter_.rewrite(packet::MutableBytes(scratch_.data() + payloadStart, in.payload().size()),
                         *vp8, retransmission);
}

bool Consumer::forward(const packet::RtpPacketView& in, const IncomingStream& stream,
                       const ExtensionIdMap& producerToRouter, RtpStreamRewriter::TimePoint now) {
    const std::uint8_t mapped = payloadMap_[stream.mappedPayloadType & 0x7F];
    if (init_.paused || init_.producerPaused || !init_.selected || mapped == 0) {
        ++stats_.packetsDropped;
        return false;
    }
    const auto& vp8 = vp8_ ? stream.vp8 : kNoVp8;
    if (!admit(stream.encoding, vp8)) {
        ++stats_.packetsDropped;
        return false;
    }
    auto header =
        rewriter_.rewrite(in.ssrc(), in.sequenceNumber(), in.timestamp(), stream.clockRate, now);
    if (!header) {
        ++stats_.packetsDropped;
        return false;
    }
    const std::size_t size =
        rebuild(in, static_cast<std::uint8_t>(mapped - 1), *header, producerToRouter);
    if (size == 0) {
        ++stats_.packetsDropped;
        return false;
    }
    rewriteVp8(in, size, vp8, false);
    lastTimestamp_ = header->timestamp;
    ++stats_.packetsSent;
    send_.onPacketSent(header->timestamp, size, now);
    sink_.sendRtp(packet::MutableBytes(scratch_.data(), size));
    return true;
}

std::size_t Consumer::ownExtensions(std::span<packet::RtpExtensionElement> out) const {
    std::size_t count = 0;
    const auto& mid = init_.rtpParameters.mid;
    if (consumerMidId_ != 0 && mid && !mid->empty()) {
        out[count++] = packet::RtpExtensionElement{
            consumerMidId_,
            packet::Bytes(reinterpret_cast<const std::uint8_t*>(mid->data()), mid->size())};
    }
    if (transportCcId_ != 0) {
        out[count++] = packet::RtpExtensionElement{transportCcId_, kTransportCcSlot};
    }
    return count;
}

std::size_t Consumer::rebuild(const packet::RtpPacketView& in, std::uint8_t payloadType,
                              RewrittenHeader header, const ExtensionIdMap& producerToRouter) {
    std::array<std::uint32_t, 15> csrcs{};
    for (std::size_t i = 0; i < in.csrcCount(); ++i) {
        csrcs[i] = in.csrc(i);
    }
    std::array<packet::RtpExtensionElement, kMaxExtensions> elements{};
    std::size_t count = 0;
    in.forEachExtension([&](std::uint8_t id, packet::Bytes value) {
        const std::uint8_t routerId = producerToRouter[id];
        const std::uint8_t consumerId = routerToConsumer_[routerId];
        // The publisher's mid means nothing to the subscriber: written below.
        if (routerId != 0 && routerId != routerMidId_ && consumerId != 0 &&
            count + 2 < kMaxExtensions) {
            elements[count++] = packet::RtpExtensionElement{consumerId, value};
        }
    });
    count += ownExtensions(std::span(elements).subspan(count));
    packet::RtpHeaderFields fields;
    fields.payloadType = payloadType;
    fields.marker = in.marker();
    fields.sequenceNumber = header.sequenceNumber;
    fields.timestamp = header.timestamp;
    fields.ssrc = ssrc_;
    fields.csrcs = std::span<const std::uint32_t>(csrcs.data(), in.csrcCount());
    auto written =
        packet::writeRtpPacket(scratch_, fields, std::span(elements.data(), count), in.payload(),
                               static_cast<std::uint8_t>(in.paddingSize()));
    return written.ok() ? *written : 0;
}

}  // namespace vp::sfu::router
