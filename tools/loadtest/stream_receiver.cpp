#include "tools/loadtest/stream_receiver.hpp"

#include <cmath>

namespace vp::tools::loadtest {

void StreamReceiver::onPacket(std::uint16_t sequence, std::uint32_t rtpTimestamp,
                              std::int64_t arrivalUs, std::optional<std::uint64_t> sendTimeUs,
                              std::size_t bytes, bool retransmission, LatencyHistogram& delays) {
    // Extend the 16-bit number to the one closest to the highest so far.
    std::uint64_t extended = sequence + std::uint64_t{1} * 65536 * 1024;  // room below
    if (started_) {
        const auto delta = static_cast<std::int16_t>(
            static_cast<std::uint16_t>(sequence - static_cast<std::uint16_t>(highest_)));
        extended = static_cast<std::uint64_t>(static_cast<std::int64_t>(highest_) + delta);
    } else {
        started_ = true;
        first_ = extended;
        highest_ = extended;
    }

    if (extended > highest_) {
        for (std::uint64_t s = highest_ + 1; s < extended && s <= highest_ + kWindow; ++s) {
            window_.reset(s % kWindow);
        }
        highest_ = extended;
    } else if (highest_ - extended >= kWindow || extended < first_) {
        // Too old to tell apart from a duplicate, or before the first packet: ignore.
        ++counters_.duplicates;
        return;
    } else if (seen(extended)) {
        ++counters_.duplicates;
        return;
    } else if (extended != highest_) {
        ++counters_.recovered;  // a gap filled after later packets arrived
    }
    window_.set(extended % kWindow);
    ++counters_.received;
    counters_.bytes += bytes;
    counters_.expected = highest_ - first_ + 1;

    if (sendTimeUs && arrivalUs >= 0 && static_cast<std::uint64_t>(arrivalUs) >= *sendTimeUs) {
        delays.record(static_cast<std::uint64_t>(arrivalUs) - *sendTimeUs);
    }
    if (!retransmission && clockRate_ != 0) {
        const double arrivalTicks = static_cast<double>(arrivalUs) * clockRate_ / 1e6;
        const double transit = arrivalTicks - static_cast<double>(rtpTimestamp);
        if (haveTransit_) {
            // RTP timestamps wrap at 2^32; the difference is taken modulo that.
            double d = transit - lastTransit_;
            if (d > 2147483648.0) {
                d -= 4294967296.0;
            } else if (d < -2147483648.0) {
                d += 4294967296.0;
            }
            jitter_ += (std::fabs(d) - jitter_) / 16.0;
        }
        lastTransit_ = transit;
        haveTransit_ = true;
    }
}

}  // namespace vp::tools::loadtest
