#pragma once
// StreamReceiver: what a subscriber counts for one received RTP stream —
// packets and bytes, loss from the extended sequence number range (RFC 3550
// A.1, 16-bit wrap-around), duplicates, gaps filled later (retransmissions),
// interarrival jitter (RFC 3550 6.4.1) and one-way delay from the payload probe.
#include <bitset>
#include <cstdint>
#include <optional>

#include "tools/loadtest/latency_histogram.hpp"

namespace vp::tools::loadtest {

struct StreamCounters {
    std::uint64_t received = 0;  // distinct packets (duplicates excluded)
    std::uint64_t expected = 0;  // highest - first + 1 (extended sequence numbers)
    std::uint64_t duplicates = 0;
    std::uint64_t recovered = 0;  // packets that filled a gap after later ones arrived
    std::uint64_t bytes = 0;
    std::uint64_t lost() const { return expected > received ? expected - received : 0; }
};

class StreamReceiver {
  public:
    explicit StreamReceiver(std::uint32_t clockRate) : clockRate_(clockRate) {}

    // One packet: its sequence number and RTP timestamp, when it arrived, its
    // probe's send time if any, its size. `retransmission`: it came through RTX
    // (its RTP timestamp then says nothing about jitter).
    void onPacket(std::uint16_t sequence, std::uint32_t rtpTimestamp, std::int64_t arrivalUs,
                  std::optional<std::uint64_t> sendTimeUs, std::size_t bytes, bool retransmission,
                  LatencyHistogram& delays);

    const StreamCounters& counters() const { return counters_; }
    double jitterMs() const { return clockRate_ == 0 ? 0 : jitter_ * 1000.0 / clockRate_; }
    std::uint64_t highestExtended() const { return highest_; }

  private:
    static constexpr std::size_t kWindow = 4096;

    bool seen(std::uint64_t extended) const { return window_.test(extended % kWindow); }

    std::uint32_t clockRate_;
    bool started_ = false;
    std::uint64_t first_ = 0;
    std::uint64_t highest_ = 0;
    std::bitset<kWindow> window_;
    StreamCounters counters_;
    bool haveTransit_ = false;
    double lastTransit_ = 0;
    double jitter_ = 0;
};

}  // namespace vp::tools::loadtest
