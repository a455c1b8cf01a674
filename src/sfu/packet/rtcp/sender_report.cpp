#include "sfu/packet/rtcp/sender_report.hpp"

namespace vp::sfu::packet::rtcp {

namespace {
constexpr std::size_t kSenderInfoSize = 24;  // SSRC + 20 bytes of sender info
constexpr std::size_t kMaxReports = 31;
}  // namespace

std::optional<SenderReportView> SenderReportView::parse(const RtcpPacketView& packet) {
    if (packet.packetType() != type::kSenderReport) {
        return std::nullopt;
    }
    const std::size_t count = packet.count();
    // Profile-specific extensions may follow the blocks; they are ignored.
    if (packet.body().size() < kSenderInfoSize + count * kReportBlockSize) {
        return std::nullopt;
    }
    return SenderReportView(packet.body(), count);
}

SenderInfo SenderReportView::senderInfo() const {
    SenderInfo info;
    info.ssrc = readU32(body_.data());
    info.ntpTimestamp = readU64(body_.data() + 4);
    info.rtpTimestamp = readU32(body_.data() + 12);
    info.packetCount = readU32(body_.data() + 16);
    info.octetCount = readU32(body_.data() + 20);
    return info;
}

common::Result<std::size_t> writeSenderReport(MutableBytes out, const SenderInfo& info,
                                              std::span<const ReportBlock> reports) {
    if (reports.size() > kMaxReports) {
        return common::makeError("rtcp.too_many_reports",
                                 "a sender report holds at most 31 report blocks; send an RR too");
    }
    const std::size_t total = kHeaderSize + kSenderInfoSize + reports.size() * kReportBlockSize;
    if (auto room = checkRoom("RTCP sender report", total, out); !room) {
        return room.error();
    }
    std::uint8_t* p = out.data();
    writeHeader(p, static_cast<std::uint8_t>(reports.size()), type::kSenderReport, total);
    writeU32(p + 4, info.ssrc);
    writeU64(p + 8, info.ntpTimestamp);
    writeU32(p + 16, info.rtpTimestamp);
    writeU32(p + 20, info.packetCount);
    writeU32(p + 24, info.octetCount);
    for (std::size_t i = 0; i < reports.size(); ++i) {
        writeReportBlock(p + kHeaderSize + kSenderInfoSize + i * kReportBlockSize, reports[i]);
    }
    return total;
}

}  // namespace vp::sfu::packet::rtcp
