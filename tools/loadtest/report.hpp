#pragma once
// What a load run measured, aggregated per published stream ("pub0/video") over
// every subscriber that received it, and for the whole run; printed as text or
// JSON. Pure.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "tools/loadtest/latency_histogram.hpp"
#include "tools/loadtest/options.hpp"
#include "tools/loadtest/stream_receiver.hpp"

namespace vp::tools::loadtest {

struct StreamAggregate {
    std::uint64_t streams = 0;  // subscriber-side streams (one per subscriber)
    StreamCounters counters;    // summed
    double jitterMsSum = 0;     // of the streams' final jitter
    LatencyHistogram delays;

    void add(const StreamReceiver& stream);
    void merge(const StreamAggregate& other);
    double jitterMsMean() const {
        return streams == 0 ? 0 : jitterMsSum / static_cast<double>(streams);
    }
};

struct SendTotals {
    std::uint64_t rtpSent = 0;
    std::uint64_t bytesSent = 0;
    std::uint64_t frames = 0;
    std::uint64_t keyframes = 0;
    std::uint64_t keyframeRequests = 0;  // PLI/FIR received by publishers
    std::uint64_t injectedLoss = 0;      // dropped by --loss
    std::uint64_t injectedRecvLoss = 0;  // dropped by --recv-loss
    std::uint64_t sendDrops = 0;         // the client's own send queue was full
    std::uint64_t nacksReceived = 0;     // by publishers (the server asked for retransmissions)
    std::uint64_t retransmitted = 0;     // by publishers, as RTX
    std::uint64_t nacksSent = 0;         // by subscribers
    std::uint64_t srtpErrors = 0;

    void merge(const SendTotals& other);
};

// The server process as /proc showed it (when --server-pid was given).
struct ServerSample {
    double cpuSeconds = 0;          // utime + stime during the media window
    double setupCpuSeconds = 0;     // during set-up (joins, signalling, ICE/DTLS)
    std::uint64_t rssBeforeKb = 0;  // before any peer joined
    std::uint64_t rssAfterSetupKb = 0;
    std::uint64_t peakRssKb = 0;  // VmHWM at the end
};

// Meeting mode: per participant, from starting his join (POST .../join) to the
// joinMeeting reply, and to consuming everybody already there with his own
// transports connected (ICE + DTLS).
struct MeetingJoins {
    LatencyHistogram toReply;
    LatencyHistogram toMedia;
    std::size_t waiting = 0;  // left in the waiting room (nobody admits them)
};

struct RunReport {
    std::string target;  // "videopro" | "janus"
    LoadOptions options;
    double setupSeconds = 0;
    double mediaSeconds = 0;      // the measured window
    double clientCpuSeconds = 0;  // this load client's own CPU time in the window
    std::size_t consumers = 0;
    std::size_t endpointsConnected = 0;
    std::size_t endpointsFailed = 0;
    std::map<std::string, StreamAggregate> streams;
    SendTotals sent;
    std::optional<ServerSample> server;
    std::optional<MeetingJoins> meeting;

    StreamAggregate total() const;
};

std::string formatText(const RunReport& report);
std::string formatJson(const RunReport& report);

}  // namespace vp::tools::loadtest
