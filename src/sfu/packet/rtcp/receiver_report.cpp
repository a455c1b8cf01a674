#include "sfu/packet/rtcp/receiver_report.hpp"

namespace vp::sfu::packet::rtcp {

std::optional<ReceiverReportView> ReceiverReportView::parse(const RtcpPacketView& packet) {
    if (packet.packetType() != type::kReceiverReport) {
        return std::nullopt;
    }
    const std::size_t count = packet.count();
    if (packet.body().size() < 4 + count * kReportBlockSize) {
        return std::nullopt;
    }
    return ReceiverReportView(packet.body(), count);
}

common::Result<std::size_t> writeReceiverReport(MutableBytes out, std::uint32_t ssrc,
                                                std::span<const ReportBlock> reports) {
    if (reports.size() > 31) {
        return common::makeError("rtcp.too_many_reports",
                                 "a receiver report holds at most 31 report blocks; send two");
    }
    const std::size_t total = kHeaderSize + 4 + reports.size() * kReportBlockSize;
    if (auto room = checkRoom("RTCP receiver report", total, out); !room) {
        return room.error();
    }
    std::uint8_t* p = out.data();
    writeHeader(p, static_cast<std::uint8_t>(reports.size()), type::kReceiverReport, total);
    writeU32(p + 4, ssrc);
    for (std::size_t i = 0; i < reports.size(); ++i) {
        writeReportBlock(p + 8 + i * kReportBlockSize, reports[i]);
    }
    return total;
}

}  // namespace vp::sfu::packet::rtcp
