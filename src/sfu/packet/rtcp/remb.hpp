#pragma once
// Receiver estimated maximum bitrate (draft-alvestrand-rmcat-remb): an
// application-layer feedback message with the "REMB" identifier, a bitrate as
// 6-bit exponent and 18-bit mantissa, and the SSRCs it applies to.
#include <span>

#include "sfu/packet/rtcp/common_header.hpp"

namespace vp::sfu::packet::rtcp {

class RembView {
  public:
    static std::optional<RembView> parse(const RtcpPacketView& packet);

    std::uint32_t senderSsrc() const { return senderSsrc_; }
    // mantissa << exponent, saturated to UINT64_MAX when it would not fit.
    std::uint64_t bitrate() const { return bitrate_; }
    std::size_t ssrcCount() const { return ssrcs_.size() / 4; }
    std::uint32_t ssrc(std::size_t i) const { return readU32(ssrcs_.data() + 4 * i); }

  private:
    RembView(std::uint32_t sender, std::uint64_t bitrate, Bytes ssrcs)
        : senderSsrc_(sender), bitrate_(bitrate), ssrcs_(ssrcs) {}
    std::uint32_t senderSsrc_;
    std::uint64_t bitrate_;
    Bytes ssrcs_;
};

// Rounds the bitrate down to what 18 bits of mantissa can carry.
common::Result<std::size_t> writeRemb(MutableBytes out, std::uint32_t senderSsrc,
                                      std::uint64_t bitrate, std::span<const std::uint32_t> ssrcs);

}  // namespace vp::sfu::packet::rtcp
