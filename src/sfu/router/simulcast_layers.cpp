#include "sfu/router/simulcast_layers.hpp"

#include <algorithm>

namespace vp::sfu::router {

SimulcastLayers::SimulcastLayers(std::size_t encodings)
    : encodings_(std::clamp<std::size_t>(encodings, 1, 32)),
      preferred_(static_cast<int>(encodings_) - 1),
      target_(preferred_),
      cap_(preferred_) {}

bool SimulcastLayers::setPreferred(std::size_t spatialLayer) {
    preferred_ = static_cast<int>(std::min(spatialLayer, encodings_ - 1));
    return retarget();
}

bool SimulcastLayers::setActive(std::uint32_t activeMask) {
    active_ = encodings_ >= 32 ? activeMask : activeMask & ((1u << encodings_) - 1);
    return retarget();
}

bool SimulcastLayers::setCap(std::size_t spatialLayer) {
    cap_ = static_cast<int>(std::min(spatialLayer, encodings_ - 1));
    return retarget();
}

bool SimulcastLayers::retarget() {
    const int wanted = std::min(preferred_, cap_);
    int next = active_ == 0 ? wanted : kNone;
    for (int i = wanted; i >= 0 && next == kNone; --i) {
        if ((active_ >> i) & 1u) {
            next = i;
        }
    }
    for (int i = wanted + 1; i < static_cast<int>(encodings_) && next == kNone; ++i) {
        if ((active_ >> i) & 1u) {
            next = i;
        }
    }
    const bool changed = next != target_;
    target_ = next;
    return changed;
}

SimulcastLayers::Verdict SimulcastLayers::onPacket(std::size_t encoding, bool keyframeStart) {
    const int e = static_cast<int>(encoding);
    if (e == target_ && e != current_) {
        if (!keyframeStart) {
            return Verdict::Drop;
        }
        current_ = e;
        return Verdict::Switch;
    }
    return e == current_ ? Verdict::Forward : Verdict::Drop;
}

}  // namespace vp::sfu::router
