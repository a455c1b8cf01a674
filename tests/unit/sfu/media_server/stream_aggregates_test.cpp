// RTT, jitter and loss aggregated over streams for /metrics.
#include "sfu/media_server/stream_aggregates.hpp"

#include <gtest/gtest.h>

namespace vp::sfu::media_server {
namespace {

TEST(StreamAggregates, NoStreamsGiveZeros) {
    const auto a = aggregateStreams({});
    EXPECT_EQ(a.publishers.streams, 0u);
    EXPECT_EQ(a.subscribers.rttStreams, 0u);
    EXPECT_EQ(a.subscribers.rttMsAvg, 0.0);
}

TEST(StreamAggregates, AveragesMaximaAndSumsPerSide) {
    MediaServerStats stats;
    ProducerStreamStats p1;
    p1.jitterMs = 2;
    p1.fractionLost = 64;  // 25 %
    p1.packetsLost = 10;
    p1.rttMs = 30;
    ProducerStreamStats p2;
    p2.jitterMs = 6;
    p2.fractionLost = 0;
    p2.packetsLost = -3;  // RFC 3550 duplicates: never subtracts
    p2.rttMs = 0;         // not measured: left out of the RTT figures
    stats.producerStreams = {p1, p2};
    ConsumerStreamStats c;
    c.remoteJitterMs = 4;
    c.remoteFractionLost = 128;
    c.remotePacketsLost = 7;
    c.rttMs = 12;
    stats.consumerStreams = {c, c};
    stats.consumerStreams[1].rttMs = 20;

    const auto a = aggregateStreams(stats);
    EXPECT_EQ(a.publishers.streams, 2u);
    EXPECT_DOUBLE_EQ(a.publishers.jitterMsAvg, 4);
    EXPECT_DOUBLE_EQ(a.publishers.jitterMsMax, 6);
    EXPECT_DOUBLE_EQ(a.publishers.fractionLostAvg, 0.125);
    EXPECT_DOUBLE_EQ(a.publishers.fractionLostMax, 0.25);
    EXPECT_EQ(a.publishers.packetsLost, 10u);
    EXPECT_EQ(a.publishers.rttStreams, 1u);
    EXPECT_DOUBLE_EQ(a.publishers.rttMsAvg, 30);

    EXPECT_EQ(a.subscribers.streams, 2u);
    EXPECT_DOUBLE_EQ(a.subscribers.jitterMsAvg, 4);
    EXPECT_DOUBLE_EQ(a.subscribers.fractionLostAvg, 0.5);
    EXPECT_EQ(a.subscribers.packetsLost, 14u);
    EXPECT_DOUBLE_EQ(a.subscribers.rttMsAvg, 16);
    EXPECT_DOUBLE_EQ(a.subscribers.rttMsMax, 20);
}

}  // namespace
}  // namespace vp::sfu::media_server
