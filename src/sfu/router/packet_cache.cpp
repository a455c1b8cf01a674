#include "sfu/router/packet_cache.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "sfu/router/rtp_stream_rewriter.hpp"

namespace vp::sfu::router {

PacketCache::PacketCache(std::size_t capacity, std::chrono::milliseconds maxAge)
    : slots_(std::bit_ceil(std::max<std::size_t>(capacity, 16))), maxAge_(maxAge) {}

bool PacketCache::store(std::uint16_t seq, packet::Bytes packet, TimePoint now) {
    if (packet.empty() || packet.size() > kMaxPacket) {
        return false;
    }
    if (any_ && isSeqNewer(highest_, seq) &&
        static_cast<std::uint16_t>(highest_ - seq) >= slots_.size()) {
        return false;  // would evict a newer packet
    }
    if (storage_.empty()) {
        storage_.resize(slots_.size() * kMaxPacket);
    }
    const std::size_t index = seq & (slots_.size() - 1);
    std::memcpy(storage_.data() + index * kMaxPacket, packet.data(), packet.size());
    slots_[index] = Slot{seq, static_cast<std::uint16_t>(packet.size()), now};
    if (!any_ || isSeqNewer(seq, highest_)) {
        highest_ = seq;
        any_ = true;
    }
    return true;
}

std::optional<packet::Bytes> PacketCache::find(std::uint16_t seq, TimePoint now) const {
    const std::size_t index = seq & (slots_.size() - 1);
    const Slot& slot = slots_[index];
    if (slot.size == 0 || slot.seq != seq || now - slot.storedAt > maxAge_) {
        return std::nullopt;
    }
    return packet::Bytes(storage_.data() + index * kMaxPacket, slot.size);
}

}  // namespace vp::sfu::router
