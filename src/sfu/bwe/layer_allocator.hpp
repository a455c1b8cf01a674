#pragma once
// allocateLayers: which layer each consumer of one subscriber transport may
// forward so that the sum fits the bandwidth estimate. Pure.
//
// Audio first (always allocated). Then every video consumer gets its lowest
// available layer (a subscriber never loses the picture altogether), then,
// round robin so no consumer starves the others, each steps up one layer at a
// time while the extra bitrate fits, never above its preferred layer. Moving
// above the layer a consumer has now needs 15 % headroom on the step (hysteresis:
// a small wobble of the estimate does not flap layers); keeping it does not.
// A layer with bitrate 0 is not being sent and is skipped; a consumer with no
// measured layer yet keeps its preferred one (nothing to weigh).
#include <array>
#include <cstdint>
#include <span>

namespace vp::sfu::bwe {

inline constexpr std::size_t kMaxLayers = 4;

struct LayerRequest {
    bool audio = false;
    std::size_t layers = 1;                            // 1..kMaxLayers
    std::array<std::uint64_t, kMaxLayers> bitrates{};  // bits/s per layer, lowest first
    int preferred = 0;                                 // highest layer wanted
    int current = -1;                                  // layer allocated now (-1: none)
};

struct AllocationSummary {
    std::uint64_t allocated = 0;  // bits/s of the chosen layers
    std::uint64_t desired = 0;    // bits/s if every consumer got its preferred layer
    bool limited = false;         // some consumer is below its preferred layer
};

// Writes the chosen layer of each request into `out` (same size; -1 for audio).
AllocationSummary allocateLayers(std::span<const LayerRequest> requests, std::uint64_t estimate,
                                 std::span<int> out);

}  // namespace vp::sfu::bwe
