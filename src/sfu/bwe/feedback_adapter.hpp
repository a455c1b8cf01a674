#pragma once
// FeedbackAdapter: one transport-cc feedback message (RTPFB FMT 15, already
// parsed and length-checked by packet::rtcp::TransportCcView) matched against
// the SendHistory: for every reported packet we still know, its send time,
// size, probe cluster and arrival time in the receiver's clock (or lost).
// Arrival times are unwrapped across the 24-bit reference time (64 ms units).
// Bounded: at most kMaxResults per message; numbers we never sent, sent too
// long ago or already reported are skipped (counted as unmatched).
#include <array>
#include <cstdint>
#include <span>

#include "sfu/bwe/send_history.hpp"
#include "sfu/packet/rtcp/transport_cc.hpp"

namespace vp::sfu::bwe {

struct PacketResult {
    std::int64_t sendMicros = 0;
    std::int64_t arrivalMicros = -1;  // -1: reported lost
    std::uint32_t size = 0;
    std::uint16_t probeCluster = kNoProbeCluster;
    bool received() const { return arrivalMicros >= 0; }
};

class FeedbackAdapter {
  public:
    static constexpr std::size_t kMaxResults = 512;

    // The matched packets of `feedback`, in sequence (= send) order; valid
    // until the next call.
    std::span<const PacketResult> onFeedback(const packet::rtcp::TransportCcView& feedback,
                                             SendHistory& history);

    std::uint64_t unmatched() const { return unmatched_; }

  private:
    std::int64_t unwrapReference(std::int32_t reference);

    bool haveReference_ = false;
    std::int64_t lastReference_ = 0;  // extended, 64 ms units
    std::uint64_t unmatched_ = 0;
    std::array<PacketResult, kMaxResults> results_{};
};

}  // namespace vp::sfu::bwe
