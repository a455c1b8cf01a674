#pragma once
// Generic NACK (RFC 4585 6.2.1): items of PID plus a 16-bit bitmask (BLP) of
// the following lost packets.
#include <span>

#include "sfu/packet/rtcp/common_header.hpp"

namespace vp::sfu::packet::rtcp {

struct NackItem {
    std::uint16_t packetId = 0;
    std::uint16_t lostBitmask = 0;  // bit i set: packetId + i + 1 lost too
    friend bool operator==(const NackItem&, const NackItem&) = default;
};

class NackView {
  public:
    static std::optional<NackView> parse(const RtcpPacketView& packet);

    FeedbackSsrcs ssrcs() const { return ssrcs_; }
    std::size_t itemCount() const { return fci_.size() / 4; }
    NackItem item(std::size_t i) const {
        return NackItem{readU16(fci_.data() + 4 * i), readU16(fci_.data() + 4 * i + 2)};
    }
    // Calls fn(seq) for every sequence number reported lost (PID + BLP expansion).
    template <typename Fn>
    void forEachLostSequence(Fn&& fn) const {
        for (std::size_t i = 0; i < itemCount(); ++i) {
            const NackItem it = item(i);
            fn(it.packetId);
            for (unsigned bit = 0; bit < 16; ++bit) {
                if ((it.lostBitmask >> bit) & 1u) {
                    fn(static_cast<std::uint16_t>(it.packetId + bit + 1));
                }
            }
        }
    }

  private:
    NackView(FeedbackSsrcs ssrcs, Bytes fci) : ssrcs_(ssrcs), fci_(fci) {}
    FeedbackSsrcs ssrcs_;
    Bytes fci_;
};

// Packs lost sequence numbers (in sending order, wrap-aware) into items; returns
// how many of out were used, or nullopt if out is too small.
std::optional<std::size_t> packNackItems(std::span<const std::uint16_t> lost,
                                         std::span<NackItem> out);

common::Result<std::size_t> writeNack(MutableBytes out, FeedbackSsrcs ssrcs,
                                      std::span<const NackItem> items);

}  // namespace vp::sfu::packet::rtcp
