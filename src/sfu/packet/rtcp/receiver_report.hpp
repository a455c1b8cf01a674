#pragma once
// Receiver report (RFC 3550 6.4.2): reporter SSRC plus up to 31 report blocks.
#include <span>

#include "sfu/packet/rtcp/common_header.hpp"
#include "sfu/packet/rtcp/report_block.hpp"

namespace vp::sfu::packet::rtcp {

class ReceiverReportView {
  public:
    static std::optional<ReceiverReportView> parse(const RtcpPacketView& packet);

    std::uint32_t ssrc() const { return readU32(body_.data()); }
    std::size_t reportCount() const { return reportCount_; }
    ReportBlock reportBlock(std::size_t i) const {
        return readReportBlock(body_.data() + 4 + i * kReportBlockSize);
    }

  private:
    ReceiverReportView(Bytes body, std::size_t count) : body_(body), reportCount_(count) {}
    Bytes body_;
    std::size_t reportCount_;
};

common::Result<std::size_t> writeReceiverReport(MutableBytes out, std::uint32_t ssrc,
                                                std::span<const ReportBlock> reports);

}  // namespace vp::sfu::packet::rtcp
