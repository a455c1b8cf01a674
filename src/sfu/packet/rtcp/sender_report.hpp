#pragma once
// Sender report (RFC 3550 6.4.1): sender info plus up to 31 report blocks.
#include <span>

#include "sfu/packet/rtcp/common_header.hpp"
#include "sfu/packet/rtcp/report_block.hpp"

namespace vp::sfu::packet::rtcp {

struct SenderInfo {
    std::uint32_t ssrc = 0;
    std::uint64_t ntpTimestamp = 0;
    std::uint32_t rtpTimestamp = 0;
    std::uint32_t packetCount = 0;
    std::uint32_t octetCount = 0;
    friend bool operator==(const SenderInfo&, const SenderInfo&) = default;
};

class SenderReportView {
  public:
    static std::optional<SenderReportView> parse(const RtcpPacketView& packet);

    SenderInfo senderInfo() const;
    std::size_t reportCount() const { return reportCount_; }
    ReportBlock reportBlock(std::size_t i) const {
        return readReportBlock(body_.data() + 24 + i * kReportBlockSize);
    }

  private:
    SenderReportView(Bytes body, std::size_t count) : body_(body), reportCount_(count) {}
    Bytes body_;
    std::size_t reportCount_;
};

common::Result<std::size_t> writeSenderReport(MutableBytes out, const SenderInfo& info,
                                              std::span<const ReportBlock> reports);

}  // namespace vp::sfu::packet::rtcp
