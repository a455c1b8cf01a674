// Router's RTCP: NACKs and reports from peers, and the periodic reports it
// sends each transport (SR per consumer, RR with a block per producer stream).
#include "sfu/packet/rtcp/receiver_report.hpp"
#include "sfu/router/router.hpp"

namespace vp::sfu::router {

void Router::onNack(std::string_view transportId, const packet::rtcp::NackView& nack) {
    Transport* transport = findTransport(transportId);
    if (transport == nullptr) {
        return;
    }
    auto it = transport->consumerBySsrc.find(nack.ssrcs().media);
    if (it == transport->consumerBySsrc.end()) {
        return;
    }
    Consumer& consumer = *it->second;
    if (const Producer* p = findProducer(consumer.producerId()); p != nullptr) {
        consumer.onNack(nack, *p, clock_.steadyNow());
    }
}

void Router::onReceiverReport(std::string_view transportId,
                              const packet::rtcp::ReportBlock& block) {
    Transport* transport = findTransport(transportId);
    if (transport == nullptr) {
        return;
    }
    if (auto it = transport->consumerBySsrc.find(block.ssrc);
        it != transport->consumerBySsrc.end()) {
        it->second->onReceiverReport(block, clock_.steadyNow());
    }
}

void Router::onSenderReport(std::string_view transportId, const packet::rtcp::SenderInfo& info) {
    Transport* transport = findTransport(transportId);
    if (transport == nullptr) {
        return;
    }
    if (auto it = transport->producerBySsrc.find(info.ssrc);
        it != transport->producerBySsrc.end()) {
        it->second->onSenderReport(info, clock_.steadyNow());
    }
}

void Router::onTimer() {
    const auto now = clock_.steadyNow();
    for (auto& [id, transport] : transports_) {
        for (Producer* p : transport.producers) {
            for (std::size_t i = 0; i < p->streams().size(); ++i) {
                p->sendFeedback(i, now, *transport.rtcpSink);
            }
            if (p->switchableLayers() && !p->paused()) {
                updateSimulcastTargets(*p, now);
            }
        }
        bandwidthTick(transport, now);
    }
    if (auto speaker = speakers_.tick(now); speaker && observer_ != nullptr) {
        observer_->onDominantSpeaker(*speaker);
    }
    if (loudest_.enabled() && speakers_.windows() != loudestWindows_) {
        loudestWindows_ = speakers_.windows();
        updateLoudestAudio();
    }
}

void Router::updateLoudestAudio() {
    const auto changed =
        loudest_.update([this](std::string_view id) { return speakers_.score(id); });
    for (const std::string& id : changed) {
        if (Producer* p = findProducer(id); p != nullptr) {
            const bool selected = loudest_.selected(id);
            for (Consumer* c : p->consumers()) {
                c->setSelected(selected);
            }
        }
    }
}

void Router::flushReports(Transport& transport, std::size_t& size) {
    if (size > 0) {
        transport.rtcpSink->sendRtcp(packet::Bytes(rtcpBuffer_.data(), size));
        size = 0;
    }
}

void Router::sendRtcpReports(std::string_view transportId) {
    namespace rtcp = packet::rtcp;
    Transport* transport = findTransport(transportId);
    if (transport == nullptr) {
        return;
    }
    const auto now = clock_.steadyNow();
    const auto wall = clock_.now();
    std::size_t size = 0;
    // Each sub-packet is written after the others; a full buffer goes out first.
    for (Consumer* c : transport->consumers) {
        auto info = c->senderInfo(wall, now);
        if (!info) {
            continue;
        }
        constexpr std::size_t kSrSize = rtcp::kHeaderSize + 24;
        if (size + kSrSize > rtcpBuffer_.size()) {
            flushReports(*transport, size);
        }
        auto written = rtcp::writeSenderReport(
            packet::MutableBytes(rtcpBuffer_.data() + size, rtcpBuffer_.size() - size), *info, {});
        size += written.ok() ? *written : 0;
    }
    std::array<rtcp::ReportBlock, 31> blocks{};
    std::size_t count = 0;
    auto writeRr = [&] {
        const std::size_t rrSize = rtcp::kHeaderSize + 4 + count * rtcp::kReportBlockSize;
        if (size + rrSize > rtcpBuffer_.size()) {
            flushReports(*transport, size);
        }
        auto written = rtcp::writeReceiverReport(
            packet::MutableBytes(rtcpBuffer_.data() + size, rtcpBuffer_.size() - size),
            transport->rtcpSsrc, std::span(blocks.data(), count));
        size += written.ok() ? *written : 0;
        count = 0;
    };
    for (Producer* p : transport->producers) {
        std::array<rtcp::ReportBlock, 8> own{};
        const std::size_t n = p->reportBlocks(now, own);
        for (std::size_t i = 0; i < n; ++i) {
            if (count == blocks.size()) {
                writeRr();
            }
            blocks[count++] = own[i];
        }
    }
    if (count > 0) {
        writeRr();
    }
    flushReports(*transport, size);
}

}  // namespace vp::sfu::router
