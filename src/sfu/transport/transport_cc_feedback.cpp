#include "sfu/transport/transport_cc_feedback.hpp"

namespace vp::sfu::transport {

void TransportCcFeedback::onPacket(std::uint16_t wideSequence, std::uint32_t mediaSsrc,
                                   TimePoint arrival) {
    if (!started_) {
        started_ = true;
        epoch_ = arrival;
        highest_ = wideSequence;
        next_ = wideSequence;
    }
    const auto distance =
        static_cast<std::int16_t>(static_cast<std::uint16_t>(wideSequence - highest_));
    const std::int64_t sequence = highest_ + distance;
    if (sequence < next_) {
        return;  // already reported (as lost) or a duplicate of a reported one
    }
    if (sequence > highest_) {
        highest_ = sequence;
    }
    // Numbers that fell out of the window are never reported.
    if (highest_ - next_ >= static_cast<std::int64_t>(kWindow)) {
        next_ = highest_ - static_cast<std::int64_t>(kWindow) + 1;
    }
    mediaSsrc_ = mediaSsrc;
    Slot& slot = slots_[static_cast<std::size_t>(sequence) % kWindow];
    slot.sequence = sequence;
    slot.arrivalMicros =
        std::chrono::duration_cast<std::chrono::microseconds>(arrival - epoch_).count();
}

void TransportCcFeedback::emitMessage(const std::function<void(packet::Bytes)>& emit) {
    if (!builder_ || builder_->statusCount() == 0) {
        return;
    }
    auto size = builder_->write(buffer_);
    builder_.reset();
    if (size.ok()) {
        ++messages_;
        emit(packet::Bytes(buffer_.data(), *size));
    }
}

void TransportCcFeedback::flush(const std::function<void(packet::Bytes)>& emit) {
    if (!pending()) {
        return;
    }
    for (std::int64_t s = next_; s <= highest_; ++s) {
        const Slot& slot = slots_[static_cast<std::size_t>(s) % kWindow];
        if (slot.sequence != s) {
            continue;  // lost so far: the builder fills the gap before the next received one
        }
        const auto seq16 = static_cast<std::uint16_t>(s);
        if (builder_ && builder_->statusCount() >= kMaxStatusesPerMessage) {
            emitMessage(emit);
        }
        if (!builder_) {
            builder_.emplace(packet::rtcp::FeedbackSsrcs{senderSsrc_, mediaSsrc_},
                             feedbackCount_++);
        }
        if (!builder_->addReceivedPacket(seq16, slot.arrivalMicros)) {
            emitMessage(emit);  // full or the delta does not fit: a new message
            builder_.emplace(packet::rtcp::FeedbackSsrcs{senderSsrc_, mediaSsrc_},
                             feedbackCount_++);
            (void)builder_->addReceivedPacket(seq16, slot.arrivalMicros);
        }
    }
    emitMessage(emit);
    next_ = highest_ + 1;
}

}  // namespace vp::sfu::transport
