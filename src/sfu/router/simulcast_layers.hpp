#pragma once
// The layer choice of a SimulcastConsumer: a Consumer of a producer with
// several encodings (rid or SSRC per encoding, lowest resolution first, as
// mediasoup-client sends them) forwards one encoding at a time.
//
// The target is the subscriber's preferred spatial layer, or the highest
// encoding below it that the publisher is actually sending (an encoding is
// active while its packets arrive), or failing that the lowest active one.
// The consumer keeps forwarding its current encoding until a keyframe of the
// target arrives, and switches exactly there, so the decoder only ever gets
// whole streams that start with a keyframe. Packets of other encodings are
// dropped. The caller requests a keyframe of the target whenever it changes.
// A bandwidth cap (setCap) lowers the preferred layer without forgetting it.
#include <cstddef>
#include <cstdint>

namespace vp::sfu::router {

class SimulcastLayers {
  public:
    static constexpr int kNone = -1;

    // encodings >= 1; the preferred layer starts at the highest.
    explicit SimulcastLayers(std::size_t encodings);

    std::size_t encodings() const { return encodings_; }
    int preferred() const { return preferred_; }
    int target() const { return target_; }
    int current() const { return current_; }

    // The subscriber's wish (clamped to the encodings). True if the target changed.
    bool setPreferred(std::size_t spatialLayer);
    // Bit i set = encoding i is arriving. True if the target changed.
    bool setActive(std::uint32_t activeMask);
    // The highest layer the subscriber's bandwidth allows (layer allocator);
    // the target is chosen as if the preferred layer were at most this.
    bool setCap(std::size_t spatialLayer);
    int cap() const { return cap_; }

    enum class Verdict : std::uint8_t { Forward, Switch, Drop };
    // A packet of `encoding`: Switch when it is the keyframe that makes the
    // target current (the caller starts a new output segment), Forward for the
    // current encoding, Drop otherwise.
    Verdict onPacket(std::size_t encoding, bool keyframeStart);
    // Forget the current encoding (pause, resume): the next keyframe of the target starts.
    void reset() { current_ = kNone; }

  private:
    bool retarget();

    std::size_t encodings_;
    int preferred_;
    int target_;
    int current_ = kNone;
    int cap_;
    std::uint32_t active_ = 0;
};

}  // namespace vp::sfu::router
