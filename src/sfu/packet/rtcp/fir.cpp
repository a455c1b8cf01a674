#include "sfu/packet/rtcp/fir.hpp"

#include <cstring>

namespace vp::sfu::packet::rtcp {

std::optional<FirView> FirView::parse(const RtcpPacketView& packet) {
    auto ssrcs = parseFeedbackSsrcs(packet, type::kPayloadFeedback, fmt::kFir);
    if (!ssrcs) {
        return std::nullopt;
    }
    const Bytes fci = packet.body().subspan(8);
    if (fci.empty() || fci.size() % 8 != 0) {
        return std::nullopt;
    }
    return FirView(ssrcs->sender, fci);
}

common::Result<std::size_t> writeFir(MutableBytes out, std::uint32_t senderSsrc,
                                     std::span<const FirEntry> entries) {
    if (entries.empty()) {
        return common::makeError("rtcp.empty_fir", "a FIR needs at least one entry");
    }
    const std::size_t total = kFeedbackHeaderSize + 8 * entries.size();
    if (auto room = checkRoom("RTCP FIR", total, out); !room) {
        return room.error();
    }
    std::uint8_t* p = out.data();
    // The media SSRC of a FIR is unused and set to 0 (RFC 5104 4.3.1.2).
    writeFeedbackHeader(p, type::kPayloadFeedback, fmt::kFir, FeedbackSsrcs{senderSsrc, 0}, total);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::uint8_t* e = p + kFeedbackHeaderSize + 8 * i;
        writeU32(e, entries[i].ssrc);
        e[4] = entries[i].sequenceNumber;
        std::memset(e + 5, 0, 3);
    }
    return total;
}

}  // namespace vp::sfu::packet::rtcp
