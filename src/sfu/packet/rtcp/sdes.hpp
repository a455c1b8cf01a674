#pragma once
// Source description (RFC 3550 6.5): chunks of SSRC plus typed text items.
#include <span>
#include <string_view>

#include "sfu/packet/rtcp/common_header.hpp"

namespace vp::sfu::packet::rtcp {

namespace sdes_item {
inline constexpr std::uint8_t kEnd = 0;
inline constexpr std::uint8_t kCname = 1;
}  // namespace sdes_item

struct SdesItem {
    std::uint8_t type = sdes_item::kCname;  // 1..255
    std::string_view text;                  // at most 255 bytes
};

struct SdesChunk {
    std::uint32_t ssrc = 0;
    std::span<const SdesItem> items;
};

class SdesView {
  public:
    // Every chunk and item must fit; each chunk ends with a null item.
    static std::optional<SdesView> parse(const RtcpPacketView& packet);

    std::size_t chunkCount() const { return count_; }
    // Calls fn(ssrc, itemType, text) for every item of every chunk.
    template <typename Fn>
    void forEachItem(Fn&& fn) const {
        walk(body_, count_, fn);
    }

  private:
    SdesView(Bytes body, std::size_t count) : body_(body), count_(count) {}
    template <typename Fn>
    static bool walk(Bytes body, std::size_t count, Fn& fn);

    Bytes body_;
    std::size_t count_;
};

common::Result<std::size_t> writeSdes(MutableBytes out, std::span<const SdesChunk> chunks);

template <typename Fn>
bool SdesView::walk(Bytes body, std::size_t count, Fn& fn) {
    std::size_t offset = 0;
    for (std::size_t chunk = 0; chunk < count; ++chunk) {
        if (body.size() - offset < 4) {
            return false;
        }
        const std::uint32_t ssrc = readU32(body.data() + offset);
        offset += 4;
        while (true) {
            if (offset >= body.size()) {
                return false;  // no terminating null item
            }
            const std::uint8_t itemType = body[offset];
            if (itemType == sdes_item::kEnd) {
                offset = padTo4(offset + 1);
                break;
            }
            if (body.size() - offset < 2 || body[offset + 1] > body.size() - offset - 2) {
                return false;
            }
            const std::size_t size = body[offset + 1];
            fn(ssrc, itemType,
               std::string_view(reinterpret_cast<const char*>(body.data() + offset + 2), size));
            offset += 2 + size;
        }
        if (offset > body.size()) {
            return false;  // padding of the last chunk cut off
        }
    }
    return true;
}

}  // namespace vp::sfu::packet::rtcp
