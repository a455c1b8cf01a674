#include "sfu/packet/rtcp/nack.hpp"

namespace vp::sfu::packet::rtcp {

std::optional<NackView> NackView::parse(const RtcpPacketView& packet) {
    auto ssrcs = parseFeedbackSsrcs(packet, type::kTransportFeedback, fmt::kNack);
    if (!ssrcs) {
        return std::nullopt;
    }
    const Bytes fci = packet.body().subspan(8);
    if (fci.empty() || fci.size() % 4 != 0) {
        return std::nullopt;
    }
    return NackView(*ssrcs, fci);
}

std::optional<std::size_t> packNackItems(std::span<const std::uint16_t> lost,
                                         std::span<NackItem> out) {
    std::size_t used = 0;
    for (std::uint16_t seq : lost) {
        if (used > 0) {
            NackItem& last = out[used - 1];
            const auto distance = static_cast<std::uint16_t>(seq - last.packetId);
            if (distance == 0) {
                continue;
            }
            if (distance <= 16) {
                last.lostBitmask =
                    static_cast<std::uint16_t>(last.lostBitmask | (1u << (distance - 1)));
                continue;
            }
        }
        if (used == out.size()) {
            return std::nullopt;
        }
        out[used++] = NackItem{seq, 0};
    }
    return used;
}

common::Result<std::size_t> writeNack(MutableBytes out, FeedbackSsrcs ssrcs,
                                      std::span<const NackItem> items) {
    if (items.empty()) {
        return common::makeError("rtcp.empty_nack", "a NACK needs at least one item");
    }
    const std::size_t total = kFeedbackHeaderSize + 4 * items.size();
    if (auto room = checkRoom("RTCP NACK", total, out); !room) {
        return room.error();
    }
    std::uint8_t* p = out.data();
    writeFeedbackHeader(p, type::kTransportFeedback, fmt::kNack, ssrcs, total);
    for (std::size_t i = 0; i < items.size(); ++i) {
        writeU16(p + kFeedbackHeaderSize + 4 * i, items[i].packetId);
        writeU16(p + kFeedbackHeaderSize + 4 * i + 2, items[i].lostBitmask);
    }
    return total;
}

}  // namespace vp::sfu::packet::rtcp
