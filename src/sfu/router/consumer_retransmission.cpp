// The retransmission half of Consumer: NACKs answered from the producer's
// packet cache (as RTX when negotiated), sender and receiver reports.
#include "sfu/router/consumer.hpp"
#include "sfu/router/rtx.hpp"
#include "sfu/router/sinks.hpp"

namespace vp::sfu::router {

namespace {
// Until a receiver report gives the subscriber's RTT.
constexpr std::chrono::microseconds kDefaultRtt{20'000};
}  // namespace

void Consumer::onNack(const packet::rtcp::NackView& nack, const Producer& producer,
                      RtpStreamRewriter::TimePoint now) {
    auto& stats = send_.stats();
    ++stats.nackPackets;
    nack.forEachLostSequence([&](std::uint16_t seq) {
        ++stats.nackedSequences;
        if (!nackEnabled_ || init_.paused) {
            ++stats.retransmitMissed;
            return;
        }
        retransmit(seq, producer, now);
    });
}

void Consumer::retransmit(std::uint16_t seq, const Producer& producer,
                          RtpStreamRewriter::TimePoint now) {
    auto& stats = send_.stats();
    const auto origin = rewriter_.original(seq);
    const auto cached =
        origin ? producer.cachedPacket(origin->ssrc, origin->sequenceNumber, now) : std::nullopt;
    const auto view = cached ? packet::RtpPacketView::parse(*cached) : std::nullopt;
    const auto stream = view ? producer.classify(*view) : std::nullopt;
    const std::uint8_t mapped = stream ? payloadMap_[stream->mappedPayloadType & 0x7F] : 0;
    const bool forwardedEncoding =
        stream && (layers_ ? static_cast<int>(stream->encoding) == layers_->current()
                           : stream->encoding == 0);
    if (mapped == 0 || !forwardedEncoding) {
        ++stats.retransmitMissed;
        return;
    }
    const auto decision = limiter_.check(seq, view->bytes().size(), now, send_.rttOr(kDefaultRtt));
    if (decision != RetransmissionLimiter::Decision::Allow) {
        ++stats.retransmitThrottled;
        return;
    }
    const auto payloadType = static_cast<std::uint8_t>(mapped - 1);
    std::size_t size = rebuild(*view, payloadType,
                               RewrittenHeader{seq, view->timestamp() + origin->timestampOffset},
                               producer.extensionIdsToRouter());
    if (vp8_ && size != 0) {
        rewriteVp8(*view, size, stream->vp8, true);
    }
    const std::uint8_t rtxPt = rtxPayloadTypes_[payloadType];
    if (size != 0 && rtxPt != 0) {
        auto wrapped = wrapRtx(scratch_, size,
                               RtxHeader{static_cast<std::uint8_t>(rtxPt - 1), rtxSsrc_, rtxSeq_});
        size = wrapped ? *wrapped : 0;
        rtxSeq_ = static_cast<std::uint16_t>(rtxSeq_ + (wrapped ? 1 : 0));
    }
    if (size == 0) {
        ++stats.retransmitMissed;
        return;
    }
    send_.onRetransmitted(size, rtxPt == 0);
    sink_.sendRtp(packet::MutableBytes(scratch_.data(), size));
}

std::optional<packet::rtcp::SenderInfo> Consumer::senderInfo(
    std::chrono::system_clock::time_point wall, RtpStreamRewriter::TimePoint now) {
    if (!send_.sentAny()) {
        return std::nullopt;
    }
    return send_.senderInfo(ssrc_, wall, now);
}

void Consumer::onReceiverReport(const packet::rtcp::ReportBlock& block,
                                RtpStreamRewriter::TimePoint now) {
    send_.onReceiverReport(block, now);
}

}  // namespace vp::sfu::router
