#pragma once
// Bounds of the room layer: every map it keeps is bounded by these.
#include <cstddef>

namespace vp::rooms {

// One producer per source (mic, webcam, screen).
inline constexpr std::size_t kMaxProducersPerPeer = 3;

struct RoomLimits {
    std::size_t maxRooms = 256;
    std::size_t maxPeersPerRoom = 16;
    // Each subscriber receives at most this many audio streams, the loudest
    // (rooms.loudest_audio); 0 = every one.
    std::size_t loudestAudio = 0;

    // Enough to receive every producer of every other peer.
    std::size_t maxConsumersPerPeer() const {
        return maxPeersPerRoom > 0 ? (maxPeersPerRoom - 1) * kMaxProducersPerPeer : 0;
    }
};

}  // namespace vp::rooms
