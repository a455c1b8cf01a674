#include "sfu/packet/rtcp/remb.hpp"

#include <limits>

namespace vp::sfu::packet::rtcp {

namespace {
constexpr std::uint32_t kIdentifier = 0x52454D42;  // "REMB"
constexpr std::uint64_t kMaxMantissa = (1u << 18) - 1;
}  // namespace

std::optional<RembView> RembView::parse(const RtcpPacketView& packet) {
    auto ssrcs = parseFeedbackSsrcs(packet, type::kPayloadFeedback, fmt::kAfb);
    const Bytes body = packet.body();
    if (!ssrcs || body.size() < 16 || readU32(body.data() + 8) != kIdentifier) {
        return std::nullopt;
    }
    const std::size_t count = body[12];
    if (body.size() - 16 < 4 * count) {
        return std::nullopt;
    }
    const unsigned exponent = body[13] >> 2;
    const std::uint64_t mantissa = readU24(body.data() + 13) & 0x3FFFFu;
    std::uint64_t bitrate = mantissa << exponent;
    if ((bitrate >> exponent) != mantissa) {
        bitrate = std::numeric_limits<std::uint64_t>::max();
    }
    return RembView(ssrcs->sender, bitrate, body.subspan(16, 4 * count));
}

common::Result<std::size_t> writeRemb(MutableBytes out, std::uint32_t senderSsrc,
                                      std::uint64_t bitrate, std::span<const std::uint32_t> ssrcs) {
    if (ssrcs.size() > 255) {
        return common::makeError("rtcp.too_many_ssrcs", "a REMB lists at most 255 SSRCs");
    }
    const std::size_t total = kFeedbackHeaderSize + 8 + 4 * ssrcs.size();
    if (auto room = checkRoom("RTCP REMB", total, out); !room) {
        return room.error();
    }
    unsigned exponent = 0;
    while ((bitrate >> exponent) > kMaxMantissa) {
        ++exponent;
    }
    const auto mantissa = static_cast<std::uint32_t>(bitrate >> exponent);
    std::uint8_t* p = out.data();
    writeFeedbackHeader(p, type::kPayloadFeedback, fmt::kAfb, FeedbackSsrcs{senderSsrc, 0}, total);
    writeU32(p + 12, kIdentifier);
    p[16] = static_cast<std::uint8_t>(ssrcs.size());
    writeU24(p + 17, (exponent << 18) | mantissa);
    for (std::size_t i = 0; i < ssrcs.size(); ++i) {
        writeU32(p + 20 + 4 * i, ssrcs[i]);
    }
    return total;
}

}  // namespace vp::sfu::packet::rtcp
