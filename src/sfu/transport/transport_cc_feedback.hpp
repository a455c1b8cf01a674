#pragma once
// Transport-wide congestion control feedback towards a publisher
// (draft-holmer-rmcat-transport-wide-cc-extensions-01): every RTP packet the
// publisher sends carries a transport-wide sequence number; we note its arrival
// time and, every 100 ms, send RTCP feedback (RTPFB FMT 15) listing each number
// since the last feedback as received (with its arrival delta) or lost. The
// publisher's send-side bandwidth estimator (Chrome's GCC) lives on it.
//
// Packets are kept in a window of 1024 sequence numbers so reordering within a
// feedback interval is reported correctly; a packet older than what was already
// reported is ignored (it was reported lost). A message starts at the first
// number received in the interval; numbers missing after it are reported lost,
// numbers before it (or beyond the window) are not reported at all, which the
// sender also reads as lost. A message covers at most
// kMaxStatusesPerMessage numbers so it stays well under the MTU. No allocation
// after construction.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "sfu/packet/rtcp/transport_cc.hpp"

namespace vp::sfu::transport {

class TransportCcFeedback {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;
    static constexpr std::size_t kWindow = 1024;
    static constexpr std::size_t kMaxStatusesPerMessage = 400;

    explicit TransportCcFeedback(std::uint32_t senderSsrc) : senderSsrc_(senderSsrc) {}

    void onPacket(std::uint16_t wideSequence, std::uint32_t mediaSsrc, TimePoint arrival);
    // Packets arrived since the last flush.
    bool pending() const { return started_ && next_ <= highest_; }
    // Writes the feedback messages due and hands each to `emit` (valid during the call).
    void flush(const std::function<void(packet::Bytes)>& emit);

    std::uint64_t messagesSent() const { return messages_; }

  private:
    struct Slot {
        std::int64_t sequence = -1;  // extended
        std::int64_t arrivalMicros = 0;
    };

    void emitMessage(const std::function<void(packet::Bytes)>& emit);

    std::uint32_t senderSsrc_;
    std::uint32_t mediaSsrc_ = 0;
    bool started_ = false;
    TimePoint epoch_{};
    std::int64_t highest_ = 0;  // extended sequence numbers
    std::int64_t next_ = 0;     // first one not reported yet
    std::array<Slot, kWindow> slots_{};
    std::uint8_t feedbackCount_ = 0;
    std::optional<packet::rtcp::TransportCcBuilder> builder_;
    std::array<std::uint8_t, 1200> buffer_{};
    std::uint64_t messages_ = 0;
};

}  // namespace vp::sfu::transport
