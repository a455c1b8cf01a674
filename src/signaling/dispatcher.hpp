#pragma once
// Turns text frames from a channel into method calls and replies.
#include <memory>
#include <string_view>

#include "signaling/message.hpp"
#include "signaling/method_table.hpp"

namespace vp::signaling {

inline constexpr std::uint16_t kClosePolicyViolation = 1008;

struct DispatcherLimits {
    ParseLimits parse;
    // Malformed frames tolerated per channel; one more closes it with 1008.
    int maxBadFrames = 5;
};

// Per-channel bookkeeping, owned by whoever owns the channel.
struct PeerState {
    int badFrames = 0;
};

class Dispatcher {
  public:
    explicit Dispatcher(std::shared_ptr<const MethodTable> table, DispatcherLimits limits = {});

    // Handles one frame: a valid request goes to its method (unknown methods answer
    // unknown_method); a malformed one answers an error reply and counts against
    // the channel, which is closed with 1008 once it exceeds maxBadFrames.
    void onFrame(const ChannelPtr& channel, PeerState& peer, std::string_view frame) const;

  private:
    std::shared_ptr<const MethodTable> table_;
    DispatcherLimits limits_;
};

}  // namespace vp::signaling
