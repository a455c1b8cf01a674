// PacketCache: keyed by sequence number, bounded by count and age, 16-bit wrap.
#include "sfu/router/packet_cache.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace vp::sfu::router {
namespace {

using namespace std::chrono_literals;
using TimePoint = PacketCache::TimePoint;

std::vector<std::uint8_t> bytes(std::uint16_t seq, std::size_t size = 20) {
    std::vector<std::uint8_t> b(size, static_cast<std::uint8_t>(seq));
    b[0] = static_cast<std::uint8_t>(seq >> 8);
    return b;
}

TEST(PacketCache, FindsWhatWasStoredByItsSequenceNumber) {
    PacketCache cache(64);
    const TimePoint t0{};
    for (std::uint16_t seq = 100; seq < 110; ++seq) {
        ASSERT_TRUE(cache.store(seq, bytes(seq), t0));
    }
    auto found = cache.find(105, t0);
    ASSERT_TRUE(found);
    EXPECT_EQ(std::vector<std::uint8_t>(found->begin(), found->end()), bytes(105));
    EXPECT_FALSE(cache.find(110, t0));
    EXPECT_FALSE(cache.find(99, t0));
}

TEST(PacketCache, KeepsOnlyTheLastCapacityPacketsAcrossTheWrap) {
    PacketCache cache(16);
    ASSERT_EQ(cache.capacity(), 16u);
    const TimePoint t0{};
    std::uint16_t seq = 65530;
    for (int i = 0; i < 40; ++i, ++seq) {
        ASSERT_TRUE(cache.store(seq, bytes(seq), t0));
    }
    const auto last = static_cast<std::uint16_t>(seq - 1);  // 33 after the wrap
    EXPECT_TRUE(cache.find(last, t0));
    EXPECT_TRUE(cache.find(static_cast<std::uint16_t>(last - 15), t0));
    EXPECT_FALSE(cache.find(static_cast<std::uint16_t>(last - 16), t0)) << "evicted";
    // A straggler older than the window must not evict a newer packet.
    EXPECT_FALSE(cache.store(static_cast<std::uint16_t>(last - 20), bytes(1), t0));
    EXPECT_TRUE(cache.find(static_cast<std::uint16_t>(last - 4), t0));
    // A late packet inside the window is kept.
    PacketCache window(16);
    window.store(10, bytes(10), t0);
    window.store(12, bytes(12), t0);
    EXPECT_TRUE(window.store(11, bytes(11), t0));
    EXPECT_TRUE(window.find(11, t0));
}

TEST(PacketCache, ForgetsPacketsOlderThanMaxAgeAndRefusesOversizedOnes) {
    PacketCache cache(16, 500ms);
    const TimePoint t0{};
    ASSERT_TRUE(cache.store(1, bytes(1), t0));
    EXPECT_TRUE(cache.find(1, t0 + 500ms));
    EXPECT_FALSE(cache.find(1, t0 + 501ms));
    EXPECT_FALSE(cache.store(2, bytes(2, PacketCache::kMaxPacket + 1), t0));
    EXPECT_FALSE(cache.store(3, {}, t0));
    EXPECT_TRUE(cache.store(4, bytes(4, PacketCache::kMaxPacket), t0));
}

TEST(PacketCache, TakesItsMemoryOnceOnTheFirstPacket) {
    PacketCache cache(100);  // rounded up to 128
    EXPECT_EQ(cache.capacity(), 128u);
    EXPECT_EQ(cache.memoryBytes(), 0u);
    cache.store(1, bytes(1), TimePoint{});
    const auto memory = cache.memoryBytes();
    EXPECT_EQ(memory, 128u * PacketCache::kMaxPacket);
    for (std::uint16_t seq = 2; seq < 1000; ++seq) {
        cache.store(seq, bytes(seq), TimePoint{});
    }
    EXPECT_EQ(cache.memoryBytes(), memory);
}

}  // namespace
}  // namespace vp::sfu::router
