#include "sfu/media_server/stream_aggregates.hpp"

#include <algorithm>

namespace vp::sfu::media_server {

namespace {

// One stream's figures, whichever side it is on.
struct Sample {
    double jitterMs;
    std::uint8_t fractionLost;  // /256
    std::int64_t packetsLost;
    double rttMs;  // 0 = not measured
};

void add(StreamAggregate& a, const Sample& s) {
    ++a.streams;
    a.jitterMsAvg += s.jitterMs;
    a.jitterMsMax = std::max(a.jitterMsMax, s.jitterMs);
    const double fraction = s.fractionLost / 256.0;
    a.fractionLostAvg += fraction;
    a.fractionLostMax = std::max(a.fractionLostMax, fraction);
    a.packetsLost += s.packetsLost > 0 ? static_cast<std::uint64_t>(s.packetsLost) : 0;
    if (s.rttMs > 0) {
        ++a.rttStreams;
        a.rttMsAvg += s.rttMs;
        a.rttMsMax = std::max(a.rttMsMax, s.rttMs);
    }
}

void finish(StreamAggregate& a) {
    if (a.streams > 0) {
        a.jitterMsAvg /= static_cast<double>(a.streams);
        a.fractionLostAvg /= static_cast<double>(a.streams);
    }
    if (a.rttStreams > 0) {
        a.rttMsAvg /= static_cast<double>(a.rttStreams);
    }
}

}  // namespace

StreamAggregates aggregateStreams(const MediaServerStats& stats) {
    StreamAggregates out;
    for (const auto& p : stats.producerStreams) {
        add(out.publishers, {p.jitterMs, p.fractionLost, p.packetsLost, p.rttMs});
    }
    for (const auto& c : stats.consumerStreams) {
        add(out.subscribers,
            {c.remoteJitterMs, c.remoteFractionLost, c.remotePacketsLost, c.rttMs});
    }
    finish(out.publishers);
    finish(out.subscribers);
    return out;
}

}  // namespace vp::sfu::media_server
