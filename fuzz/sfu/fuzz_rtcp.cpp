// Compound RTCP on arbitrary bytes: iteration must stop safely; every packet a
// typed parser accepts is written again and must parse back to the same values.
#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "fuzz_check.hpp"
#include "sfu/packet/rtcp/bye.hpp"
#include "sfu/packet/rtcp/fir.hpp"
#include "sfu/packet/rtcp/nack.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/packet/rtcp/receiver_report.hpp"
#include "sfu/packet/rtcp/remb.hpp"
#include "sfu/packet/rtcp/sdes.hpp"
#include "sfu/packet/rtcp/sender_report.hpp"
#include "sfu/packet/rtcp/transport_cc.hpp"

using namespace vp::sfu::packet;
using namespace vp::sfu::packet::rtcp;

namespace {

std::vector<std::uint8_t> g_out(1 << 18);

// Parses the single packet the writer produced.
RtcpPacketView reparse(const vp::common::Result<std::size_t>& written) {
    FUZZ_CHECK(written.ok());
    auto p = RtcpPacketView::parse(Bytes(g_out).first(*written));
    FUZZ_CHECK(p.has_value() && p->bytes().size() == *written);
    return *p;
}

void reports(const RtcpPacketView& packet) {
    std::array<ReportBlock, 31> blocks{};
    if (auto sr = SenderReportView::parse(packet)) {
        for (std::size_t i = 0; i < sr->reportCount(); ++i)
            blocks[i] = sr->reportBlock(i);
        auto again = SenderReportView::parse(reparse(writeSenderReport(
            g_out, sr->senderInfo(), std::span(blocks).first(sr->reportCount()))));
        FUZZ_CHECK(again && again->senderInfo() == sr->senderInfo());
        FUZZ_CHECK(again->reportCount() == sr->reportCount());
        for (std::size_t i = 0; i < sr->reportCount(); ++i)
            FUZZ_CHECK(again->reportBlock(i) == blocks[i]);
    }
    if (auto rr = ReceiverReportView::parse(packet)) {
        for (std::size_t i = 0; i < rr->reportCount(); ++i)
            blocks[i] = rr->reportBlock(i);
        auto again = ReceiverReportView::parse(reparse(
            writeReceiverReport(g_out, rr->ssrc(), std::span(blocks).first(rr->reportCount()))));
        FUZZ_CHECK(again && again->ssrc() == rr->ssrc() &&
                   again->reportCount() == rr->reportCount());
        for (std::size_t i = 0; i < rr->reportCount(); ++i)
            FUZZ_CHECK(again->reportBlock(i) == blocks[i]);
    }
}

using SdesLine = std::tuple<std::uint32_t, std::uint8_t, std::string>;

std::vector<SdesLine> sdesLines(const SdesView& view) {
    std::vector<SdesLine> lines;
    view.forEachItem([&](std::uint32_t ssrc, std::uint8_t type, std::string_view text) {
        lines.emplace_back(ssrc, type, std::string(text));
    });
    return lines;
}

void sdesAndBye(const RtcpPacketView& packet) {
    if (auto sdes = SdesView::parse(packet)) {
        // Rebuild chunk by chunk; chunks without items keep their SSRC.
        std::vector<std::vector<SdesItem>> items;
        std::vector<std::uint32_t> ssrcs;
        std::size_t chunkIndex = 0;
        std::uint32_t lastSsrc = 0;
        const auto lines = sdesLines(*sdes);
        // Walk the raw chunk list again to learn chunk boundaries (SSRCs may repeat).
        items.resize(sdes->chunkCount());
        ssrcs.resize(sdes->chunkCount());
        Bytes body = packet.body();
        std::size_t offset = 0;
        for (chunkIndex = 0; chunkIndex < sdes->chunkCount(); ++chunkIndex) {
            lastSsrc = readU32(body.data() + offset);
            ssrcs[chunkIndex] = lastSsrc;
            offset += 4;
            while (body[offset] != 0) {
                const std::size_t len = body[offset + 1];
                items[chunkIndex].push_back(
                    SdesItem{body[offset],
                             std::string_view(
                                 reinterpret_cast<const char*>(body.data() + offset + 2), len)});
                offset += 2 + len;
            }
            offset = padTo4(offset + 1);
        }
        std::vector<SdesChunk> chunks;
        for (std::size_t i = 0; i < ssrcs.size(); ++i)
            chunks.push_back(SdesChunk{ssrcs[i], items[i]});
        auto again = SdesView::parse(reparse(writeSdes(g_out, chunks)));
        FUZZ_CHECK(again && again->chunkCount() == sdes->chunkCount());
        FUZZ_CHECK(sdesLines(*again) == lines);
    }
    if (auto bye = ByeView::parse(packet)) {
        std::array<std::uint32_t, 31> ssrcs{};
        for (std::size_t i = 0; i < bye->ssrcCount(); ++i)
            ssrcs[i] = bye->ssrc(i);
        auto again = ByeView::parse(reparse(
            writeBye(g_out, std::span(ssrcs).first(bye->ssrcCount()), bye->reason().value_or(""))));
        FUZZ_CHECK(again && again->ssrcCount() == bye->ssrcCount() &&
                   again->reason() == bye->reason());
        for (std::size_t i = 0; i < bye->ssrcCount(); ++i)
            FUZZ_CHECK(again->ssrc(i) == ssrcs[i]);
    }
}

void feedback(const RtcpPacketView& packet) {
    if (auto nack = NackView::parse(packet)) {
        std::vector<NackItem> items;
        for (std::size_t i = 0; i < nack->itemCount(); ++i)
            items.push_back(nack->item(i));
        auto again = NackView::parse(reparse(writeNack(g_out, nack->ssrcs(), items)));
        FUZZ_CHECK(again && again->ssrcs() == nack->ssrcs() && again->itemCount() == items.size());
        for (std::size_t i = 0; i < items.size(); ++i)
            FUZZ_CHECK(again->item(i) == items[i]);
        std::size_t lost = 0;
        nack->forEachLostSequence([&](std::uint16_t) { ++lost; });
        FUZZ_CHECK(lost >= items.size() && lost <= 17 * items.size());
    }
    if (auto pli = parsePli(packet)) {
        FUZZ_CHECK(parsePli(reparse(writePli(g_out, *pli))) == pli);
    }
    if (auto fir = FirView::parse(packet)) {
        std::vector<FirEntry> entries;
        for (std::size_t i = 0; i < fir->entryCount(); ++i)
            entries.push_back(fir->entry(i));
        auto again = FirView::parse(reparse(writeFir(g_out, fir->senderSsrc(), entries)));
        FUZZ_CHECK(again && again->senderSsrc() == fir->senderSsrc());
        FUZZ_CHECK(again->entryCount() == entries.size());
        for (std::size_t i = 0; i < entries.size(); ++i)
            FUZZ_CHECK(again->entry(i) == entries[i]);
    }
    if (auto remb = RembView::parse(packet)) {
        std::vector<std::uint32_t> ssrcs;
        for (std::size_t i = 0; i < remb->ssrcCount(); ++i)
            ssrcs.push_back(remb->ssrc(i));
        auto again =
            RembView::parse(reparse(writeRemb(g_out, remb->senderSsrc(), remb->bitrate(), ssrcs)));
        FUZZ_CHECK(again && again->senderSsrc() == remb->senderSsrc());
        FUZZ_CHECK(again->ssrcCount() == ssrcs.size());
        if (remb->bitrate() != UINT64_MAX)
            FUZZ_CHECK(again->bitrate() == remb->bitrate());
    }
}

void transportCc(const RtcpPacketView& packet) {
    auto view = TransportCcView::parse(packet);
    if (!view || view->header().statusCount > TransportCcBuilder::kMaxStatusCount ||
        view->header().statusCount == 0) {
        return;
    }
    const TransportCcHeader& h = view->header();
    static TransportCcBuilder builder(FeedbackSsrcs{}, 0);
    builder = TransportCcBuilder(h.ssrcs, h.feedbackCount);
    builder.reset(h.baseSequence, h.referenceTime);
    std::vector<std::pair<bool, std::int32_t>> expected;
    view->forEachPacket([&](std::uint16_t, PacketStatus s, std::int32_t delta) {
        const bool received = s != PacketStatus::NotReceived;
        FUZZ_CHECK(received ? builder.addReceived(delta) : builder.addNotReceived());
        expected.emplace_back(received, delta);
    });
    auto again = TransportCcView::parse(reparse(builder.write(g_out)));
    FUZZ_CHECK(again && again->header() == h);
    std::vector<std::pair<bool, std::int32_t>> got;
    std::uint16_t seq = h.baseSequence;
    again->forEachPacket([&](std::uint16_t s, PacketStatus status, std::int32_t delta) {
        FUZZ_CHECK(s == seq++);
        got.emplace_back(status != PacketStatus::NotReceived, delta);
    });
    FUZZ_CHECK(got == expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    CompoundIterator it(Bytes(data, size));
    std::size_t consumed = 0;
    while (auto packet = it.next()) {
        consumed += packet->bytes().size();
        FUZZ_CHECK(packet->body().size() + kHeaderSize <= packet->bytes().size());
        reports(*packet);
        sdesAndBye(*packet);
        feedback(*packet);
        transportCc(*packet);
    }
    FUZZ_CHECK(consumed <= size);
    FUZZ_CHECK(it.failed() || consumed == size);
    return 0;
}
