#pragma once
// Full intra request (RFC 5104 4.3.1): entries of SSRC plus command sequence number.
#include <span>

#include "sfu/packet/rtcp/common_header.hpp"

namespace vp::sfu::packet::rtcp {

struct FirEntry {
    std::uint32_t ssrc = 0;
    std::uint8_t sequenceNumber = 0;
    friend bool operator==(const FirEntry&, const FirEntry&) = default;
};

class FirView {
  public:
    static std::optional<FirView> parse(const RtcpPacketView& packet);

    std::uint32_t senderSsrc() const { return senderSsrc_; }
    std::size_t entryCount() const { return fci_.size() / 8; }
    FirEntry entry(std::size_t i) const {
        return FirEntry{readU32(fci_.data() + 8 * i), fci_[8 * i + 4]};
    }

  private:
    FirView(std::uint32_t sender, Bytes fci) : senderSsrc_(sender), fci_(fci) {}
    std::uint32_t senderSsrc_;
    Bytes fci_;
};

common::Result<std::size_t> writeFir(MutableBytes out, std::uint32_t senderSsrc,
                                     std::span<const FirEntry> entries);

}  // namespace vp::sfu::packet::rtcp
