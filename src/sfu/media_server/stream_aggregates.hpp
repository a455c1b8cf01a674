#pragma once
// RTT, jitter and loss aggregated over the streams of a MediaServerStats, for
// /metrics: the publishers' side (what the server receives, from its own
// receive statistics) and the subscribers' side (what subscribers report in
// their receiver reports). RTT averages count only streams that measured one.
#include <cstdint>

#include "sfu/media_server/media_server.hpp"

namespace vp::sfu::media_server {

struct StreamAggregate {
    std::uint64_t streams = 0;
    double jitterMsAvg = 0;
    double jitterMsMax = 0;
    double fractionLostAvg = 0;  // 0..1, over the last report interval
    double fractionLostMax = 0;
    std::uint64_t packetsLost = 0;  // cumulative, streams still open
    std::uint64_t rttStreams = 0;   // streams with an RTT measured
    double rttMsAvg = 0;
    double rttMsMax = 0;
};

struct StreamAggregates {
    StreamAggregate publishers;   // producer streams
    StreamAggregate subscribers;  // consumer streams
};

StreamAggregates aggregateStreams(const MediaServerStats& stats);

}  // namespace vp::sfu::media_server
