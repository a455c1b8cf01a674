#include "sfu/packet/rtcp/pli.hpp"

namespace vp::sfu::packet::rtcp {

std::optional<FeedbackSsrcs> parsePli(const RtcpPacketView& packet) {
    return parseFeedbackSsrcs(packet, type::kPayloadFeedback, fmt::kPli);
}

common::Result<std::size_t> writePli(MutableBytes out, FeedbackSsrcs ssrcs) {
    if (auto room = checkRoom("RTCP PLI", kFeedbackHeaderSize, out); !room) {
        return room.error();
    }
    writeFeedbackHeader(out.data(), type::kPayloadFeedback, fmt::kPli, ssrcs, kFeedbackHeaderSize);
    return kFeedbackHeaderSize;
}

}  // namespace vp::sfu::packet::rtcp
