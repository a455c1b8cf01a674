// The probing half of Consumer: padding-only packets on the RTX stream (what
// libwebrtc sends to probe), carrying the consumer's mid and transport-cc
// slot so the transport numbers them and the estimator sees them in feedback.
// The media stream's sequence numbers are untouched: the decoder sees no gap.
#include "sfu/packet/rtp_writer.hpp"
#include "sfu/router/consumer.hpp"
#include "sfu/router/sinks.hpp"

namespace vp::sfu::router {

namespace {
constexpr std::uint8_t kPaddingPerPacket = 255;  // the most one RTP packet can carry
}  // namespace

bool Consumer::canSendPadding() const {
    const auto& codecs = init_.rtpParameters.codecs;
    if (init_.paused || init_.producerPaused || rtxSsrc_ == 0 || codecs.empty() ||
        !send_.sentAny()) {
        return false;
    }
    return rtxPayloadTypes_[codecs.front().payloadType & 0x7F] != 0;
}

std::size_t Consumer::sendPadding(std::size_t bytes, std::uint16_t cluster) {
    if (!canSendPadding()) {
        return 0;
    }
    std::array<packet::RtpExtensionElement, 2> elements{};
    const std::size_t count = ownExtensions(elements);
    packet::RtpHeaderFields fields;
    fields.payloadType = static_cast<std::uint8_t>(
        rtxPayloadTypes_[init_.rtpParameters.codecs.front().payloadType & 0x7F] - 1);
    fields.timestamp = lastTimestamp_;
    fields.ssrc = rtxSsrc_;
    std::size_t sent = 0;
    for (std::size_t total = 0; total < bytes && sent < kMaxPaddingPackets; ++sent) {
        fields.sequenceNumber = rtxSeq_;
        auto written = packet::writeRtpPacket(scratch_, fields, std::span(elements.data(), count),
                                              packet::Bytes{}, kPaddingPerPacket);
        if (!written.ok()) {
            break;
        }
        ++rtxSeq_;
        total += *written;
        sink_.sendProbe(packet::MutableBytes(scratch_.data(), *written), cluster);
    }
    stats_.paddingPackets += sent;
    return sent;
}

}  // namespace vp::sfu::router
