#pragma once
// PacketCache: the last N packets of one incoming stream, keyed by their
// sequence number, so that NACKs from subscribers can be answered. Slots are
// preallocated (one buffer of N x kMaxPacket bytes, taken on the first store):
// no allocation per packet. Slot = seq mod N, so a packet evicts the one N
// sequence numbers older; a packet more than N behind the highest is refused.
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "sfu/packet/byte_io.hpp"

namespace vp::sfu::router {

class PacketCache {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;
    static constexpr std::size_t kMaxPacket = 1600;

    // capacity is rounded up to a power of two (at least 16); maxAge bounds
    // how old a packet may be when looked up.
    explicit PacketCache(std::size_t capacity,
                         std::chrono::milliseconds maxAge = std::chrono::milliseconds(2000));

    // Copies the packet in; false if too large or too old to keep.
    bool store(std::uint16_t seq, packet::Bytes packet, TimePoint now);
    // The packet with this sequence number, if still held and not older than maxAge.
    std::optional<packet::Bytes> find(std::uint16_t seq, TimePoint now) const;

    std::size_t capacity() const { return slots_.size(); }
    std::size_t memoryBytes() const { return storage_.capacity(); }

  private:
    struct Slot {
        std::uint16_t seq = 0;
        std::uint16_t size = 0;  // 0 = empty
        TimePoint storedAt{};
    };

    std::vector<Slot> slots_;
    std::vector<std::uint8_t> storage_;  // capacity x kMaxPacket, allocated on first store
    std::chrono::milliseconds maxAge_;
    std::uint16_t highest_ = 0;
    bool any_ = false;
};

}  // namespace vp::sfu::router
