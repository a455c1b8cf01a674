#include "sfu/client/media_peer.hpp"

#include <cstring>

#include "sfu/packet/rtcp/common_header.hpp"
#include "sfu/packet/rtcp/nack.hpp"
#include "sfu/packet/rtcp/receiver_report.hpp"
#include "sfu/packet/rtcp/sender_report.hpp"
#include "sfu/router/rtx.hpp"

namespace vp::sfu::client {

MediaPeer::MediaPeer(WebRtcClient& client, const common::Clock& clock, common::Random& random,
                     MediaPeerOptions options)
    : client_(client),
      clock_(clock),
      random_(random),
      options_(options),
      reportSsrc_(static_cast<std::uint32_t>(random.uniform(0xFFFF'FFF0u)) + 1) {
    client_.setRtpHandler([this](const packet::RtpPacketView& p) { receiveRtp(p); });
    client_.setRtcpHandler([this](std::span<const std::uint8_t> c) { receiveRtcp(c); });
    nextReport_ = clock_.steadyNow() + options_.reportInterval;
}

MediaPeer::~MediaPeer() {
    client_.setRtpHandler(nullptr);
    client_.setRtcpHandler(nullptr);
}

void MediaPeer::addSendStream(SendStreamConfig config) {
    SendStream& s = send_.emplace_back();
    s.config = config;
    s.cache = std::make_unique<router::PacketCache>(options_.sendCacheSize);
    s.rtxSeq = static_cast<std::uint16_t>(random_.uniform(0x10000));
}

void MediaPeer::addReceiveStream(ReceiveStreamConfig config) {
    receive_.push_back(ReceiveStream{
        config, router::RtpStreamRecv(config.clockRate),
        config.nack ? std::make_unique<router::NackGenerator>(options_.nack) : nullptr});
}

bool MediaPeer::lose(double fraction) {
    if (fraction <= 0.0) {
        return false;
    }
    constexpr std::uint64_t kScale = 1'000'000;
    return static_cast<double>(random_.uniform(kScale)) < fraction * static_cast<double>(kScale);
}

MediaPeer::SendStream* MediaPeer::sendStream(std::uint32_t ssrc) {
    for (auto& s : send_) {
        if (s.config.ssrc == ssrc) {
            return &s;
        }
    }
    return nullptr;
}

common::Status MediaPeer::sendRtp(std::span<const std::uint8_t> packet) {
    auto view = packet::RtpPacketView::parse(packet);
    if (!view) {
        return common::makeError("client.malformed_rtp", "sendRtp() needs an RTP packet");
    }
    ++stats_.sent;
    if (SendStream* s = sendStream(view->ssrc())) {
        s->cache->store(view->sequenceNumber(), packet, clock_.steadyNow());
    }
    if (lose(options_.sendLoss)) {
        ++stats_.droppedOnSend;
        return {};
    }
    return client_.sendRtp(packet);
}

void MediaPeer::answerNack(std::uint32_t ssrc, std::uint16_t seq) {
    SendStream* s = sendStream(ssrc);
    auto cached = s ? s->cache->find(seq, clock_.steadyNow()) : std::nullopt;
    if (!cached) {
        ++stats_.retransmitMissed;
        return;
    }
    std::memcpy(scratch_.data(), cached->data(), cached->size());
    std::size_t size = cached->size();
    if (s->config.rtxSsrc != 0) {
        auto wrapped = router::wrapRtx(
            scratch_, size,
            router::RtxHeader{s->config.rtxPayloadType, s->config.rtxSsrc, s->rtxSeq++});
        if (!wrapped) {
            ++stats_.retransmitMissed;
            return;
        }
        size = *wrapped;
    }
    ++stats_.retransmitted;
    if (lose(options_.sendLoss)) {
        ++stats_.droppedOnSend;
        return;
    }
    (void)client_.sendRtp(std::span<const std::uint8_t>(scratch_.data(), size));
}

void MediaPeer::receiveRtcp(std::span<const std::uint8_t> compound) {
    namespace rtcp = packet::rtcp;
    rtcp::CompoundIterator it(compound);
    while (auto sub = it.next()) {
        if (auto nack = rtcp::NackView::parse(*sub)) {
            ++stats_.nacksReceived;
            const std::uint32_t ssrc = nack->ssrcs().media;
            nack->forEachLostSequence([&](std::uint16_t seq) { answerNack(ssrc, seq); });
        } else if (auto sr = rtcp::SenderReportView::parse(*sub)) {
            const auto info = sr->senderInfo();
            for (auto& r : receive_) {
                if (r.config.ssrc == info.ssrc) {
                    r.recv.onSenderReport(info, clock_.steadyNow());
                }
            }
        }
    }
    if (onRtcp_) {
        onRtcp_(compound);
    }
}

void MediaPeer::receiveRtp(const packet::RtpPacketView& packet) {
    if (lose(options_.receiveLoss)) {
        ++stats_.droppedOnReceive;
        return;
    }
    ReceiveStream* stream = nullptr;
    bool rtx = false;
    for (auto& r : receive_) {
        if (r.config.ssrc == packet.ssrc() ||
            (r.config.rtxSsrc != 0 && r.config.rtxSsrc == packet.ssrc())) {
            stream = &r;
            rtx = r.config.rtxSsrc == packet.ssrc();
        }
    }
    if (stream == nullptr) {
        ++stats_.delivered;
        if (onRtp_) {
            onRtp_(packet);
        }
        return;
    }
    std::optional<packet::RtpPacketView> media = packet;
    if (rtx) {
        ++stats_.rtxReceived;
        auto size = router::unwrapRtx(packet.bytes(), scratch_, stream->config.payloadType,
                                      stream->config.ssrc);
        media = size ? packet::RtpPacketView::parse(packet::Bytes(scratch_.data(), *size))
                     : std::nullopt;
        if (!media) {
            return;
        }
    }
    const auto now = clock_.steadyNow();
    const bool repaired = stream->nack && stream->nack->onPacket(media->sequenceNumber(), now, rtx);
    if (rtx && !repaired) {
        ++stats_.duplicates;
        return;
    }
    stream->recv.onPacket(media->sequenceNumber(), media->timestamp(), media->bytes().size(), now,
                          rtx || repaired);
    ++stats_.delivered;
    if (onRtp_) {
        onRtp_(*media);
    }
    sendNacks(*stream);
}

void MediaPeer::sendNacks(ReceiveStream& stream) {
    namespace rtcp = packet::rtcp;
    const auto now = clock_.steadyNow();
    if (!stream.nack || !stream.nack->shouldCollect(now)) {
        return;
    }
    std::array<std::uint16_t, 64> lost{};
    const auto batch = stream.nack->collect(now, lost);
    if (batch.count == 0) {
        return;
    }
    std::array<rtcp::NackItem, 64> items{};
    auto used = rtcp::packNackItems(std::span(lost.data(), batch.count), items);
    std::array<std::uint8_t, rtcp::kFeedbackHeaderSize + 4 * 64> buffer{};
    if (!used) {
        return;
    }
    auto size =
        rtcp::writeNack(buffer, {reportSsrc_, stream.config.ssrc}, std::span(items.data(), *used));
    if (size.ok() && client_.sendRtcp(std::span(buffer.data(), *size)).ok()) {
        ++stats_.nacksSent;
    }
}

void MediaPeer::sendReport() {
    namespace rtcp = packet::rtcp;
    std::array<rtcp::ReportBlock, 31> blocks{};
    std::size_t count = 0;
    const auto now = clock_.steadyNow();
    for (auto& r : receive_) {
        if (r.recv.started() && count < blocks.size()) {
            blocks[count++] = r.recv.reportBlock(r.config.ssrc, now);
        }
    }
    if (count == 0) {
        return;
    }
    std::array<std::uint8_t, rtcp::kHeaderSize + 4 + 31 * rtcp::kReportBlockSize> buffer{};
    auto size = rtcp::writeReceiverReport(buffer, reportSsrc_, std::span(blocks.data(), count));
    if (size.ok() && client_.sendRtcp(std::span(buffer.data(), *size)).ok()) {
        ++stats_.reportsSent;
    }
}

void MediaPeer::tick() {
    if (!client_.connected()) {
        return;
    }
    for (auto& r : receive_) {
        sendNacks(r);
    }
    const auto now = clock_.steadyNow();
    if (options_.reportInterval.count() > 0 && now >= nextReport_) {
        nextReport_ = now + options_.reportInterval;
        sendReport();
    }
}

const router::RtpStreamRecv* MediaPeer::receiveStream(std::uint32_t ssrc) const {
    for (const auto& r : receive_) {
        if (r.config.ssrc == ssrc) {
            return &r.recv;
        }
    }
    return nullptr;
}

const router::NackGenerator* MediaPeer::nackGenerator(std::uint32_t ssrc) const {
    for (const auto& r : receive_) {
        if (r.config.ssrc == ssrc) {
            return r.nack.get();
        }
    }
    return nullptr;
}

}  // namespace vp::sfu::client
