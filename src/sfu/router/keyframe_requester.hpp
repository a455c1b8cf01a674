#pragma once
// Asks a publisher for a keyframe (RTCP PLI, or FIR when only "ccm fir" was
// negotiated), at most once per interval per producer: requests that arrive
// inside the interval are remembered and sent once it has passed, so a late
// joiner is never left without one and a burst of joiners costs one request.
// An urgent request (a subscriber starts receiving: consumer created or resumed,
// producer resumed) waits only kUrgentInterval since the last request instead,
// so a late joiner sees video within a frame or two of the keyframe's trip
// rather than up to a second later; the publisher still gets at most 4 per second.
#include <array>
#include <chrono>
#include <cstdint>

#include "sfu/packet/byte_io.hpp"
#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::router {

class RtcpSink;

enum class KeyframeMethod : std::uint8_t { None, Pli, Fir };

// PLI if the codec negotiated "nack pli", else FIR if "ccm fir", else None.
KeyframeMethod keyframeMethodOf(const rtp_parameters::RtpCodecParameters& codec);

class KeyframeRequester {
  public:
    static constexpr std::chrono::milliseconds kUrgentInterval{250};

    using TimePoint = std::chrono::steady_clock::time_point;

    KeyframeRequester(KeyframeMethod method, std::chrono::milliseconds minInterval)
        : method_(method), minInterval_(minInterval) {}

    // A consumer wants a keyframe: sends now if allowed, else marks pending.
    // mediaSsrc 0 (not yet known) keeps it pending. Returns true if sent.
    bool request(std::uint32_t mediaSsrc, TimePoint now, RtcpSink& sink, bool urgent = false);
    // Sends a pending request once the interval has passed. Returns true if sent.
    bool flush(std::uint32_t mediaSsrc, TimePoint now, RtcpSink& sink);

    bool pending() const { return pending_; }
    std::uint64_t sentCount() const { return sent_; }

  private:
    bool send(std::uint32_t mediaSsrc, TimePoint now, RtcpSink& sink);

    KeyframeMethod method_;
    std::chrono::milliseconds minInterval_;
    bool pending_ = false;
    bool pendingUrgent_ = false;
    bool sentBefore_ = false;
    TimePoint lastSent_{};
    std::uint8_t firSequence_ = 0;
    std::uint64_t sent_ = 0;
    std::array<std::uint8_t, 32> buffer_{};
};

}  // namespace vp::sfu::router
