#pragma once
// SendHistory: what a transport sent with a transport-wide sequence number
// (draft-holmer-rmcat-transport-wide-cc-extensions-01) — send time, size and
// probe cluster — so transport-cc feedback can be matched to it. A ring of
// kCapacity slots indexed by the sequence number: bounded, no allocation after
// construction; entries older than the ring are forgotten (feedback about them
// is ignored). Each entry is reported at most once.
#include <array>
#include <cstdint>
#include <optional>

namespace vp::sfu::bwe {

inline constexpr std::uint16_t kNoProbeCluster = 0;

struct SentPacket {
    std::int64_t sequence = -1;  // extended transport-wide sequence number
    std::int64_t sendMicros = 0;
    std::uint32_t size = 0;  // bytes on the wire (RTP, before SRTP's tag)
    std::uint16_t probeCluster = kNoProbeCluster;
    bool reported = false;
};

class SendHistory {
  public:
    static constexpr std::size_t kCapacity = 1024;

    // The next packet's wide sequence number is taken from here (one counter per transport).
    std::uint16_t nextSequence() const { return static_cast<std::uint16_t>(next_); }
    // Records the packet sent with nextSequence() and advances the counter.
    void onSent(std::int64_t sendMicros, std::uint32_t size,
                std::uint16_t probeCluster = kNoProbeCluster);
    // The entry of a 16-bit sequence number from feedback, unwrapped against
    // what was sent; nullptr when unknown, too old, in the future or already reported.
    SentPacket* take(std::uint16_t sequence);

    std::uint64_t sent() const { return static_cast<std::uint64_t>(next_); }

  private:
    std::int64_t next_ = 0;  // extended
    std::array<SentPacket, kCapacity> slots_{};
};

}  // namespace vp::sfu::bwe
