#pragma once
// Picture loss indication (RFC 4585 6.3.1): feedback header only.
#include "sfu/packet/rtcp/common_header.hpp"

namespace vp::sfu::packet::rtcp {

std::optional<FeedbackSsrcs> parsePli(const RtcpPacketView& packet);
common::Result<std::size_t> writePli(MutableBytes out, FeedbackSsrcs ssrcs);

}  // namespace vp::sfu::packet::rtcp
