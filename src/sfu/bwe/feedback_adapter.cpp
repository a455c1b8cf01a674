#include "sfu/bwe/feedback_adapter.hpp"

#include <algorithm>

namespace vp::sfu::bwe {

namespace rtcp = packet::rtcp;

std::int64_t FeedbackAdapter::unwrapReference(std::int32_t reference) {
    const std::int64_t value = reference & 0xFFFFFF;
    if (!haveReference_) {
        haveReference_ = true;
        lastReference_ = value;
        return value;
    }
    // The signed 24-bit distance from the last reference.
    std::int64_t diff = (value - lastReference_) & 0xFFFFFF;
    if (diff >= 0x800000) {
        diff -= 0x1000000;
    }
    lastReference_ += diff;
    return lastReference_;
}

std::span<const PacketResult> FeedbackAdapter::onFeedback(const rtcp::TransportCcView& feedback,
                                                          SendHistory& history) {
    const auto& header = feedback.header();
    // Deltas accumulate from the reference time, in 250 us ticks.
    std::int64_t arrival = unwrapReference(header.referenceTime) * rtcp::kReferenceTimeMicros;
    std::size_t count = 0;
    feedback.forEachPacket([&](std::uint16_t seq, rtcp::PacketStatus status, std::int32_t delta) {
        const bool received = status != rtcp::PacketStatus::NotReceived;
        if (received) {
            arrival += std::int64_t{delta} * rtcp::kDeltaTickMicros;
        }
        if (count == kMaxResults) {
            return;
        }
        SentPacket* sent = history.take(seq);
        if (sent == nullptr) {
            ++unmatched_;
            return;
        }
        // A receiver clock before zero cannot be told from "lost": clamp it.
        results_[count++] =
            PacketResult{sent->sendMicros, received ? std::max<std::int64_t>(arrival, 0) : -1,
                         sent->size, sent->probeCluster};
    });
    return std::span<const PacketResult>(results_.data(), count);
}

}  // namespace vp::sfu::bwe
