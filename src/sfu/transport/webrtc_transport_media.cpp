// The SRTP half of WebRtcTransport: inbound RTP/RTCP decryption and dispatch,
// outbound protection towards the selected ICE tuple.
#include <algorithm>
#include <cstring>

#include "sfu/packet/rtcp/common_header.hpp"
#include "sfu/packet/rtcp/fir.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/packet/rtcp/receiver_report.hpp"
#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/transport/webrtc_transport.hpp"

namespace vp::sfu::transport {

namespace {

constexpr std::size_t kMaxMediaPacket = 1600;

std::uint64_t microsSince(std::chrono::steady_clock::time_point t) {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

}  // namespace

// libsrtp keeps one stream per SSRC: a peer inventing SSRCs must not grow it
// without bound, so new SSRCs beyond the cap are dropped before decryption.
// The SSRC cap bounds libsrtp's per-stream state. An SSRC takes a place only once a
// packet of it has authenticated: a stranger who passed an ICE check but has no keys
// cannot fill the places and silence the real publisher.
bool WebRtcTransport::mayAdmitSsrc(std::uint32_t ssrc) {
    if (ssrcs_.contains(ssrc) || ssrcs_.size() < options_.maxSsrcs) {
        return true;
    }
    ++stats_.droppedSsrcLimit;
    return false;
}

// Decrypts an inbound SRTP or SRTCP packet of `ssrc` into buffer_ and returns its
// length; nullopt when it was dropped (and counted).
std::optional<std::size_t> WebRtcTransport::unprotectInbound(std::span<const std::uint8_t> data,
                                                             std::uint32_t ssrc, bool rtcp) {
    if (!mayAdmitSsrc(ssrc)) {
        return std::nullopt;
    }
    std::memcpy(buffer_.data(), data.data(), data.size());
    auto length = rtcp ? srtpIn_->unprotectRtcp(buffer_, data.size())
                       : srtpIn_->unprotectRtp(buffer_, data.size());
    if (!length) {
        ++stats_.droppedSrtp;
        return std::nullopt;
    }
    ssrcs_.insert(ssrc);
    return *length;
}

void WebRtcTransport::receiveRtp(std::span<const std::uint8_t> data) {
    if (!srtpIn_) {
        ++stats_.droppedNotConnected;
        return;
    }
    if (data.size() < packet::kRtpHeaderSize || data.size() > kMaxMediaPacket) {
        ++stats_.droppedMalformed;
        return;
    }
    const auto length = unprotectInbound(data, packet::readU32(data.data() + 8), false);
    if (!length) {
        return;
    }
    auto rtp = packet::MutableRtpPacket::parse(packet::MutableBytes(buffer_.data(), *length));
    if (!rtp) {
        ++stats_.droppedMalformed;
        return;
    }
    ++stats_.rtpReceived;
    if (transportCc_) {
        if (auto value = rtp->view().extension(*options_.transportCcId)) {
            if (auto wide = packet::decodeTransportSequenceNumber(*value)) {
                transportCc_->onPacket(*wide, rtp->view().ssrc(), context_.clock.steadyNow());
            }
        }
    }
    if (events_.onRtp) {
        events_.onRtp(*rtp);
    }
}

void WebRtcTransport::receiveRtcp(std::span<const std::uint8_t> data) {
    if (!srtpIn_) {
        ++stats_.droppedNotConnected;
        return;
    }
    if (data.size() < 8 || data.size() > kMaxMediaPacket) {
        ++stats_.droppedMalformed;
        ++stats_.droppedMalformedRtcp;
        return;
    }
    const auto length = unprotectInbound(data, packet::readU32(data.data() + 4), true);
    if (!length) {
        return;
    }
    ++stats_.rtcpReceived;
    handleFeedback(std::span<const std::uint8_t>(buffer_.data(), *length));
}

// Walks the compound packet with the packet layer (every length checked):
// keyframe requests, NACKs, sender and receiver reports go to the router.
void WebRtcTransport::handleFeedback(std::span<const std::uint8_t> compound) {
    namespace rtcp = packet::rtcp;
    rtcp::CompoundIterator it(compound);
    while (auto sub = it.next()) {
        switch (sub->packetType()) {
            case rtcp::type::kPayloadFeedback:
                handleKeyframeRequest(*sub);
                handleRemb(*sub);
                break;
            case rtcp::type::kTransportFeedback:
                if (auto nack = rtcp::NackView::parse(*sub)) {
                    ++stats_.nacksReceived;
                    if (events_.onNack) {
                        events_.onNack(*nack);
                    }
                } else {
                    handleTransportCc(*sub);
                }
                break;
            case rtcp::type::kSenderReport:
            case rtcp::type::kReceiverReport:
                handleReports(*sub);
                break;
            default:
                break;
        }
    }
    if (it.failed()) {
        ++stats_.droppedMalformed;
        ++stats_.droppedMalformedRtcp;
    }
}

void WebRtcTransport::handleKeyframeRequest(const packet::rtcp::RtcpPacketView& packet) {
    namespace rtcp = packet::rtcp;
    if (auto pli = rtcp::parsePli(packet)) {
        ++stats_.keyframeRequestsReceived;
        if (events_.onKeyframeRequest) {
            events_.onKeyframeRequest(pli->media);
        }
    } else if (auto fir = rtcp::FirView::parse(packet)) {
        for (std::size_t i = 0; i < fir->entryCount(); ++i) {
            ++stats_.keyframeRequestsReceived;
            if (events_.onKeyframeRequest) {
                events_.onKeyframeRequest(fir->entry(i).ssrc);
            }
        }
    }
}

void WebRtcTransport::handleReports(const packet::rtcp::RtcpPacketView& packet) {
    namespace rtcp = packet::rtcp;
    auto blocks = [&](const auto& report) {
        for (std::size_t i = 0; i < report.reportCount(); ++i) {
            ++stats_.receiverReportsReceived;
            if (events_.onReceiverReport) {
                events_.onReceiverReport(report.reportBlock(i));
            }
        }
    };
    if (auto sr = rtcp::SenderReportView::parse(packet)) {
        ++stats_.senderReportsReceived;
        if (events_.onSenderReport) {
            events_.onSenderReport(sr->senderInfo());
        }
        blocks(*sr);
    } else if (auto rr = rtcp::ReceiverReportView::parse(packet)) {
        blocks(*rr);
    }
}

void WebRtcTransport::sendRtp(packet::MutableBytes packet) {
    sendMedia(packet, bwe::kNoProbeCluster);
}

void WebRtcTransport::sendProbe(packet::MutableBytes packet, std::uint16_t cluster) {
    sendMedia(packet, cluster);
}

void WebRtcTransport::sendMedia(packet::MutableBytes packet, std::uint16_t probeCluster) {
    auto to = ice_.selectedTuple();
    if (closed_ || !srtpOut_ || !to) {
        ++stats_.droppedNotConnected;
        return;
    }
    if (packet.size() > kMaxMediaPacket) {
        ++stats_.droppedMalformed;
        return;
    }
    if (options_.absSendTimeId || options_.transportCcId) {
        if (auto rtp = packet::MutableRtpPacket::parse(packet)) {
            if (options_.absSendTimeId) {
                packet::RtpHeaderExtensionMap map;
                map.add(*options_.absSendTimeId, packet::RtpExtensionType::AbsSendTime);
                packet::rewriteAbsSendTime(
                    *rtp, map,
                    packet::absSendTimeFromMicros(microsSince(context_.clock.steadyNow())));
            }
            stampTransportCc(*rtp, packet.size(), probeCluster);
        }
    }
    std::memcpy(sendBuffer_.data(), packet.data(), packet.size());
    auto length = srtpOut_->protectRtp(sendBuffer_, packet.size());
    if (!length) {
        ++stats_.droppedSrtp;
        return;
    }
    ++stats_.rtpSent;
    stats_.probePacketsSent += probeCluster != bwe::kNoProbeCluster ? 1 : 0;
    context_.socket.send(std::span<const std::uint8_t>(sendBuffer_.data(), *length), *to);
}

void WebRtcTransport::sendRtcp(packet::Bytes packet) {
    auto to = ice_.selectedTuple();
    if (closed_ || !srtpOut_ || !to) {
        ++stats_.droppedNotConnected;
        return;
    }
    if (packet.size() > kMaxMediaPacket) {
        ++stats_.droppedMalformed;
        return;
    }
    std::memcpy(sendBuffer_.data(), packet.data(), packet.size());
    auto length = srtpOut_->protectRtcp(sendBuffer_, packet.size());
    if (!length) {
        ++stats_.droppedSrtp;
        return;
    }
    ++stats_.rtcpSent;
    context_.socket.send(std::span<const std::uint8_t>(sendBuffer_.data(), *length), *to);
}

}  // namespace vp::sfu::transport
