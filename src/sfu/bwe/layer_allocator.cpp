#include "sfu/bwe/layer_allocator.hpp"

#include <algorithm>

namespace vp::sfu::bwe {

namespace {

constexpr std::uint64_t kUpgradeHeadroomPercent = 115;

int lastLayer(const LayerRequest& r) {
    return static_cast<int>(std::clamp<std::size_t>(r.layers, 1, kMaxLayers)) - 1;
}

std::uint64_t rate(const LayerRequest& r, int layer) {
    return layer < 0 ? 0 : r.bitrates[static_cast<std::size_t>(layer)];
}

// The lowest sent layer, or -1 when none has a measured bitrate.
int lowestSent(const LayerRequest& r) {
    for (int i = 0; i <= lastLayer(r); ++i) {
        if (rate(r, i) > 0) {
            return i;
        }
    }
    return -1;
}

// The next sent layer above `layer` and at most the preferred one; -1 if none.
int nextUp(const LayerRequest& r, int layer) {
    const int top = std::min(r.preferred, lastLayer(r));
    for (int i = layer + 1; i <= top; ++i) {
        if (rate(r, i) > 0) {
            return i;
        }
    }
    return -1;
}

// The best layer a consumer could have without a bandwidth limit.
int unlimited(const LayerRequest& r) {
    int best = lowestSent(r);
    for (int next = nextUp(r, best); next >= 0; next = nextUp(r, best)) {
        best = next;
    }
    return best;
}

}  // namespace

AllocationSummary allocateLayers(std::span<const LayerRequest> requests, std::uint64_t estimate,
                                 std::span<int> out) {
    AllocationSummary summary;
    std::uint64_t budget = estimate;
    auto spend = [&](std::uint64_t bits) {
        budget -= std::min(budget, bits);
        summary.allocated += bits;
    };
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const LayerRequest& r = requests[i];
        if (r.audio) {
            out[i] = -1;
            spend(rate(r, 0));
            summary.desired += rate(r, 0);
            continue;
        }
        const int lowest = lowestSent(r);
        out[i] = lowest < 0 ? std::min(r.preferred, lastLayer(r)) : lowest;
        spend(rate(r, lowest));
        summary.desired += rate(r, unlimited(r));
    }
    for (bool stepped = true; stepped;) {
        stepped = false;
        for (std::size_t i = 0; i < requests.size(); ++i) {
            const LayerRequest& r = requests[i];
            if (r.audio || lowestSent(r) < 0) {
                continue;
            }
            const int next = nextUp(r, out[i]);
            if (next < 0) {
                continue;
            }
            const std::uint64_t step = rate(r, next) - std::min(rate(r, next), rate(r, out[i]));
            const std::uint64_t needed =
                next > r.current ? step * kUpgradeHeadroomPercent / 100 : step;
            if (needed <= budget) {
                spend(step);
                out[i] = next;
                stepped = true;
            }
        }
    }
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const LayerRequest& r = requests[i];
        if (!r.audio && lowestSent(r) >= 0 && out[i] < unlimited(r)) {
            summary.limited = true;
        }
    }
    return summary;
}

}  // namespace vp::sfu::bwe
