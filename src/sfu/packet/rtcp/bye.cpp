#include "sfu/packet/rtcp/bye.hpp"

#include <cstring>

namespace vp::sfu::packet::rtcp {

std::optional<ByeView> ByeView::parse(const RtcpPacketView& packet) {
    if (packet.packetType() != type::kBye) {
        return std::nullopt;
    }
    const Bytes body = packet.body();
    const std::size_t count = packet.count();
    if (body.size() < 4 * count) {
        return std::nullopt;
    }
    ByeView view(body, count);
    const std::size_t rest = body.size() - 4 * count;
    if (rest > 0) {
        const std::size_t size = body[4 * count];
        if (size > rest - 1) {
            return std::nullopt;
        }
        if (size > 0) {
            view.reason_ =
                std::string_view(reinterpret_cast<const char*>(body.data() + 4 * count + 1), size);
        }
    }
    return view;
}

common::Result<std::size_t> writeBye(MutableBytes out, std::span<const std::uint32_t> ssrcs,
                                     std::string_view reason) {
    if (ssrcs.size() > 31 || reason.size() > 255) {
        return common::makeError("rtcp.bad_bye",
                                 "a BYE holds at most 31 SSRCs and a reason of at most 255 bytes");
    }
    const std::size_t reasonSize = reason.empty() ? 0 : padTo4(1 + reason.size());
    const std::size_t total = kHeaderSize + 4 * ssrcs.size() + reasonSize;
    if (auto room = checkRoom("RTCP BYE", total, out); !room) {
        return room.error();
    }
    std::uint8_t* p = out.data();
    writeHeader(p, static_cast<std::uint8_t>(ssrcs.size()), type::kBye, total);
    std::size_t offset = kHeaderSize;
    for (std::uint32_t ssrc : ssrcs) {
        writeU32(p + offset, ssrc);
        offset += 4;
    }
    if (!reason.empty()) {
        std::memset(p + offset, 0, reasonSize);
        p[offset] = static_cast<std::uint8_t>(reason.size());
        std::memcpy(p + offset + 1, reason.data(), reason.size());
    }
    return total;
}

}  // namespace vp::sfu::packet::rtcp
