#pragma once
// Turns text frames from a channel into method calls and replies.
#include <chrono>
#include <memory>
#include <string_view>

#include "common/clock.hpp"

#include "signaling/message.hpp"
#include "signaling/method_table.hpp"

namespace vp::signaling {

inline constexpr std::uint16_t kClosePolicyViolation = 1008;

struct DispatcherLimits {
    ParseLimits parse;
    // Malformed frames tolerated per channel; one more closes it with 1008.
    int maxBadFrames = 5;
    // Frames per channel per second (fixed one-second windows); more are answered
    // rate_limited without running their method. A newcomer to a meeting of 50
    // sends consume + resumeConsumer for about 100 producers at once: 200 lets
    // that through in about a second while still bounding a flooding client.
    int maxFramesPerSecond = 200;
};

// Per-channel bookkeeping, owned by whoever owns the channel.
struct PeerState {
    int badFrames = 0;
    std::chrono::steady_clock::time_point windowStart{};
    int framesInWindow = 0;
};

class Dispatcher {
  public:
    explicit Dispatcher(std::shared_ptr<const MethodTable> table, DispatcherLimits limits = {},
                        const common::Clock& clock = common::SystemClock::instance());

    // Handles one frame: a valid request goes to its method (unknown methods answer
    // unknown_method); a malformed one answers an error reply and counts against
    // the channel, which is closed with 1008 once it exceeds maxBadFrames. Frames over
    // maxFramesPerSecond answer rate_limited.
    void onFrame(const ChannelPtr& channel, PeerState& peer, std::string_view frame) const;

  private:
    // Counts a frame in the channel's window; false when it is over the limit.
    bool withinRate(PeerState& peer) const;

    std::shared_ptr<const MethodTable> table_;
    DispatcherLimits limits_;
    const common::Clock& clock_;
};

}  // namespace vp::signaling
