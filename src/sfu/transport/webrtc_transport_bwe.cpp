// The send-side bandwidth estimation half of WebRtcTransport: transport-wide
// sequence numbers stamped on outgoing packets that carry the extension (one
// counter per transport, remembered in a bounded SendHistory), transport-cc
// feedback and REMB from the peer fed to the BandwidthEstimator, the estimate
// reported through events.onBandwidthEstimate.
#include "sfu/bwe/steady_micros.hpp"
#include "sfu/packet/rtcp/remb.hpp"
#include "sfu/packet/rtcp/transport_cc.hpp"
#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/transport/webrtc_transport.hpp"

namespace vp::sfu::transport {

WebRtcTransport::SendSideBwe& WebRtcTransport::sendSideBwe() {
    if (!bwe_) {
        bwe_ = std::make_unique<SendSideBwe>(options_.bandwidthEstimator);
    }
    return *bwe_;
}

std::optional<std::uint64_t> WebRtcTransport::availableOutgoingBitrate() const {
    if (!bwe_ || !bwe_->estimated) {
        return std::nullopt;
    }
    return bwe_->estimator.estimate();
}

void WebRtcTransport::stampTransportCc(packet::MutableRtpPacket& rtp, std::size_t size,
                                       std::uint16_t probeCluster) {
    if (!options_.transportCcId || rtp.extension(*options_.transportCcId).size() != 2) {
        return;
    }
    SendSideBwe& state = sendSideBwe();
    packet::RtpHeaderExtensionMap map;
    map.add(*options_.transportCcId, packet::RtpExtensionType::TransportWideCc);
    if (packet::rewriteTransportSequenceNumber(rtp, map, state.history.nextSequence())) {
        state.history.onSent(bwe::steadyMicros(context_.clock.steadyNow()),
                             static_cast<std::uint32_t>(size), probeCluster);
    }
}

void WebRtcTransport::handleTransportCc(const packet::rtcp::RtcpPacketView& packet) {
    auto feedback = packet::rtcp::TransportCcView::parse(packet);
    if (!feedback || !bwe_) {
        return;  // not transport-cc, or about packets we never stamped
    }
    ++stats_.transportCcFeedbackReceived;
    const auto results = bwe_->adapter.onFeedback(*feedback, bwe_->history);
    if (results.empty()) {
        return;
    }
    bwe_->estimator.onPacketResults(results, context_.clock.steadyNow());
    bwe_->estimated = true;
    if (events_.onBandwidthEstimate) {
        events_.onBandwidthEstimate(bwe_->estimator.estimate());
    }
}

void WebRtcTransport::handleRemb(const packet::rtcp::RtcpPacketView& packet) {
    auto remb = packet::rtcp::RembView::parse(packet);
    if (!remb) {
        return;
    }
    ++stats_.rembReceived;
    SendSideBwe& state = sendSideBwe();
    state.estimator.onRemb(remb->bitrate(), context_.clock.steadyNow());
    state.estimated = true;
    if (events_.onBandwidthEstimate) {
        events_.onBandwidthEstimate(state.estimator.estimate());
    }
}

}  // namespace vp::sfu::transport
