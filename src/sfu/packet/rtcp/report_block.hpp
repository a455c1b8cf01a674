#pragma once
// The 24-byte reception report block shared by SR and RR (RFC 3550 6.4.1).
#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::packet::rtcp {

inline constexpr std::size_t kReportBlockSize = 24;

struct ReportBlock {
    std::uint32_t ssrc = 0;
    std::uint8_t fractionLost = 0;
    std::int32_t cumulativeLost = 0;  // signed 24-bit on the wire
    std::uint32_t extendedHighestSequence = 0;
    std::uint32_t jitter = 0;
    std::uint32_t lastSenderReport = 0;
    std::uint32_t delaySinceLastSenderReport = 0;
    friend bool operator==(const ReportBlock&, const ReportBlock&) = default;
};

// p must hold kReportBlockSize bytes.
ReportBlock readReportBlock(const std::uint8_t* p);
// Clamps cumulativeLost to the 24-bit range.
void writeReportBlock(std::uint8_t* p, const ReportBlock& block);

}  // namespace vp::sfu::packet::rtcp
