#pragma once
// Transport-wide congestion control feedback
// (draft-holmer-rmcat-transport-wide-cc-extensions-01, RTPFB FMT 15):
// base sequence, packet status count, 24-bit reference time (64 ms units),
// feedback count, then status chunks (run-length, or status vectors of 1-bit
// or 2-bit symbols) and receive deltas (250 us ticks; 1 byte small, 2 bytes
// signed large).
#include <algorithm>
#include <array>

#include "sfu/packet/rtcp/common_header.hpp"

namespace vp::sfu::packet::rtcp {

enum class PacketStatus : std::uint8_t { NotReceived = 0, SmallDelta = 1, LargeDelta = 2 };

inline constexpr std::int64_t kDeltaTickMicros = 250;
inline constexpr std::int64_t kReferenceTimeMicros = 64000;

struct TransportCcHeader {
    FeedbackSsrcs ssrcs;
    std::uint16_t baseSequence = 0;
    std::uint16_t statusCount = 0;
    std::int32_t referenceTime = 0;  // signed 24-bit, in 64 ms units
    std::uint8_t feedbackCount = 0;
    friend bool operator==(const TransportCcHeader&, const TransportCcHeader&) = default;
};

class TransportCcView {
  public:
    // Validates every chunk and that every delta the chunks announce is present.
    static std::optional<TransportCcView> parse(const RtcpPacketView& packet);

    const TransportCcHeader& header() const { return header_; }
    // Calls fn(seq, status, deltaTicks) for each of statusCount packets;
    // deltaTicks is 0 for packets not received.
    template <typename Fn>
    void forEachPacket(Fn&& fn) const {
        walk(body_, header_, fn);
    }

  private:
    TransportCcView(Bytes body, TransportCcHeader header) : body_(body), header_(header) {}
    template <typename Fn>
    static bool walk(Bytes body, const TransportCcHeader& header, Fn& fn);

    Bytes body_;
    TransportCcHeader header_;
};

// Collects packet statuses for one feedback message and writes it. Bounded:
// at most kMaxStatusCount packets per message.
class TransportCcBuilder {
  public:
    static constexpr std::size_t kMaxStatusCount = 4096;

    TransportCcBuilder(FeedbackSsrcs ssrcs, std::uint8_t feedbackCount);

    // Low-level form: set base sequence and reference time, then add statuses in order.
    void reset(std::uint16_t baseSequence, std::int32_t referenceTime);
    bool addNotReceived();
    // Small when 0..255 ticks, large when it fits int16; false otherwise or when full.
    bool addReceived(std::int32_t deltaTicks);

    // Arrival-time form: the first packet fixes base sequence and reference
    // time; gaps become "not received". False (nothing added) when seq is not
    // after the previous one, the message is full or the delta does not fit:
    // then write() this message and start a new one.
    bool addReceivedPacket(std::uint16_t seq, std::int64_t arrivalMicros);

    std::size_t statusCount() const { return count_; }
    common::Result<std::size_t> write(MutableBytes out) const;

  private:
    std::size_t encodeChunks(std::uint8_t* out) const;  // nullptr: count only
    std::size_t deltaBytes() const;

    FeedbackSsrcs ssrcs_;
    std::uint8_t feedbackCount_;
    std::uint16_t baseSequence_ = 0;
    std::int32_t referenceTime_ = 0;
    std::size_t count_ = 0;
    std::array<PacketStatus, kMaxStatusCount> statuses_{};
    std::array<std::int16_t, kMaxStatusCount> deltas_{};
    bool started_ = false;
    std::uint16_t nextSequence_ = 0;
    std::int64_t lastTicks_ = 0;
};

namespace transport_cc_detail {
inline std::size_t symbolsIn(std::uint16_t chunk) {
    if ((chunk & 0x8000) == 0) {
        return chunk & 0x1FFFu;
    }
    return (chunk & 0x4000) == 0 ? 14 : 7;
}
inline unsigned symbolAt(std::uint16_t chunk, std::size_t k) {
    const unsigned bits = chunk;
    if ((bits & 0x8000u) == 0) {
        return (bits >> 13) & 0x3u;
    }
    if ((bits & 0x4000u) == 0) {
        return (bits >> (13 - k)) & 0x1u;
    }
    return (bits >> (12 - 2 * k)) & 0x3u;
}
}  // namespace transport_cc_detail

template <typename Fn>
bool TransportCcView::walk(Bytes body, const TransportCcHeader& header, Fn& fn) {
    using transport_cc_detail::symbolAt;
    using transport_cc_detail::symbolsIn;
    constexpr std::size_t kChunksStart = 16;
    // Pass 1: the chunks end where the receive deltas begin.
    std::size_t pos = kChunksStart;
    for (std::size_t covered = 0; covered < header.statusCount; pos += 2) {
        if (body.size() < pos + 2) {
            return false;
        }
        covered += symbolsIn(readU16(body.data() + pos));
    }
    std::size_t deltaPos = pos;
    // Pass 2: statuses with their deltas.
    std::uint16_t seq = header.baseSequence;
    std::size_t remaining = header.statusCount;
    for (pos = kChunksStart; remaining > 0; pos += 2) {
        const std::uint16_t chunk = readU16(body.data() + pos);
        const std::size_t n = std::min(symbolsIn(chunk), remaining);
        for (std::size_t k = 0; k < n; ++k, ++seq, --remaining) {
            const unsigned symbol = symbolAt(chunk, k);
            std::int32_t delta = 0;
            if (symbol == 1) {
                if (body.size() < deltaPos + 1) {
                    return false;
                }
                delta = body[deltaPos];
                deltaPos += 1;
            } else if (symbol == 2) {
                if (body.size() < deltaPos + 2) {
                    return false;
                }
                delta = static_cast<std::int16_t>(readU16(body.data() + deltaPos));
                deltaPos += 2;
            } else if (symbol == 3) {
                return false;  // reserved
            }
            fn(seq, static_cast<PacketStatus>(symbol), delta);
        }
    }
    return true;
}

}  // namespace vp::sfu::packet::rtcp
