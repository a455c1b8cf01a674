#include "sfu/router/nack_generator.hpp"

#include <algorithm>

#include "sfu/router/rtp_stream_rewriter.hpp"

namespace vp::sfu::router {

NackGenerator::NackGenerator(NackGeneratorOptions options)
    : options_(options),
      rtt_(std::chrono::duration_cast<std::chrono::microseconds>(options.initialRtt)) {
    options_.maxMissing = std::clamp<std::size_t>(options_.maxMissing, 1, 0x4000);
    missing_.reserve(options_.maxMissing);
}

bool NackGenerator::onPacket(std::uint16_t seq, TimePoint now, bool retransmission) {
    if (retransmission && (!started_ || isSeqNewer(seq, highest_))) {
        return false;
    }
    if (!started_) {
        started_ = true;
        highest_ = seq;
        return false;
    }
    if (isSeqNewer(seq, highest_)) {
        const auto gap = static_cast<std::uint16_t>(seq - highest_ - 1);
        if (gap > options_.maxMissing) {
            giveUpAll();
            stats_.missing += gap;
            stats_.givenUp += gap;
            keyframeNeeded_ = true;
        } else if (gap > 0) {
            addHoles(static_cast<std::uint16_t>(highest_ + 1), gap, now);
        }
        highest_ = seq;
        return false;
    }
    auto it = std::find_if(missing_.begin(), missing_.end(),
                           [seq](const Hole& h) { return h.seq == seq; });
    if (it == missing_.end()) {
        return false;  // a duplicate, or older than anything tracked
    }
    if (it->sent == 1) {
        sampleRtt(now - it->lastSentAt);
    }
    missing_.erase(it);
    ++stats_.recovered;
    return true;
}

void NackGenerator::addHoles(std::uint16_t from, std::uint16_t count, TimePoint now) {
    stats_.missing += count;
    const std::size_t room = options_.maxMissing - missing_.size();
    if (count > room) {
        // Make room by abandoning the oldest holes: the decoder needs a keyframe.
        const std::size_t drop = std::min(missing_.size(), count - room);
        missing_.erase(missing_.begin(), missing_.begin() + static_cast<std::ptrdiff_t>(drop));
        stats_.givenUp += drop;
        keyframeNeeded_ = true;
    }
    for (std::uint16_t i = 0; i < count; ++i) {
        missing_.push_back(Hole{static_cast<std::uint16_t>(from + i), 0, now, {}});
    }
    fresh_ = true;
}

void NackGenerator::giveUpAll() {
    stats_.givenUp += missing_.size();
    missing_.clear();
}

void NackGenerator::sampleRtt(std::chrono::steady_clock::duration sample) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(sample);
    if (us.count() <= 0) {
        return;
    }
    // Smoothed as RFC 6298's SRTT (gain 1/8); the first sample is taken as is.
    rtt_ = rttMeasured_ ? rtt_ + (us - rtt_) / 8 : us;
    rttMeasured_ = true;
}

bool NackGenerator::shouldCollect(TimePoint now) const {
    return fresh_ || keyframeNeeded_ || (!missing_.empty() && now >= nextCollect_);
}

NackGenerator::Batch NackGenerator::collect(TimePoint now, std::span<std::uint16_t> out) {
    Batch batch;
    const auto retryAfter =
        std::max<std::chrono::steady_clock::duration>(rtt_, options_.minRetryInterval);
    std::erase_if(missing_, [&](const Hole& h) {
        const bool exhausted = h.sent >= options_.maxRetries && now - h.lastSentAt >= retryAfter;
        if (exhausted || now - h.detectedAt > options_.maxAge) {
            ++stats_.givenUp;
            keyframeNeeded_ = true;
            return true;
        }
        return false;
    });
    for (Hole& h : missing_) {
        if (batch.count == out.size()) {
            break;
        }
        if (h.sent < options_.maxRetries && (h.sent == 0 || now - h.lastSentAt >= retryAfter)) {
            out[batch.count++] = h.seq;
            ++h.sent;
            h.lastSentAt = now;
            ++stats_.nackedSequences;
        }
    }
    batch.keyframeNeeded = keyframeNeeded_;
    keyframeNeeded_ = false;
    fresh_ = false;
    nextCollect_ = now + options_.batchInterval;
    return batch;
}

}  // namespace vp::sfu::router
