#include "sfu/packet/rtcp/report_block.hpp"

#include <algorithm>

namespace vp::sfu::packet::rtcp {

namespace {
constexpr std::int32_t kMaxLost = 0x7FFFFF;
constexpr std::int32_t kMinLost = -0x800000;
}  // namespace

ReportBlock readReportBlock(const std::uint8_t* p) {
    ReportBlock b;
    b.ssrc = readU32(p);
    b.fractionLost = p[4];
    const std::uint32_t lost = readU24(p + 5);
    // Sign-extend the 24-bit two's complement value.
    b.cumulativeLost = (lost & 0x800000u) != 0 ? static_cast<std::int32_t>(lost) - 0x1000000
                                               : static_cast<std::int32_t>(lost);
    b.extendedHighestSequence = readU32(p + 8);
    b.jitter = readU32(p + 12);
    b.lastSenderReport = readU32(p + 16);
    b.delaySinceLastSenderReport = readU32(p + 20);
    return b;
}

void writeReportBlock(std::uint8_t* p, const ReportBlock& block) {
    writeU32(p, block.ssrc);
    p[4] = block.fractionLost;
    const std::int32_t lost = std::clamp(block.cumulativeLost, kMinLost, kMaxLost);
    writeU24(p + 5, static_cast<std::uint32_t>(lost) & 0xFFFFFFu);
    writeU32(p + 8, block.extendedHighestSequence);
    writeU32(p + 12, block.jitter);
    writeU32(p + 16, block.lastSenderReport);
    writeU32(p + 20, block.delaySinceLastSenderReport);
}

}  // namespace vp::sfu::packet::rtcp
