#pragma once
// Goodbye (RFC 3550 6.6): the leaving SSRCs and an optional reason.
#include <span>
#include <string_view>

#include "sfu/packet/rtcp/common_header.hpp"

namespace vp::sfu::packet::rtcp {

class ByeView {
  public:
    static std::optional<ByeView> parse(const RtcpPacketView& packet);

    std::size_t ssrcCount() const { return count_; }
    std::uint32_t ssrc(std::size_t i) const { return readU32(body_.data() + 4 * i); }
    std::optional<std::string_view> reason() const { return reason_; }

  private:
    ByeView(Bytes body, std::size_t count) : body_(body), count_(count) {}
    Bytes body_;
    std::size_t count_;
    std::optional<std::string_view> reason_;
};

// reason: at most 255 bytes; empty means none.
common::Result<std::size_t> writeBye(MutableBytes out, std::span<const std::uint32_t> ssrcs,
                                     std::string_view reason = {});

}  // namespace vp::sfu::packet::rtcp
