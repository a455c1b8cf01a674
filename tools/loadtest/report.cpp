#include "tools/loadtest/report.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdio>

namespace vp::tools::loadtest {

namespace json = boost::json;

void StreamAggregate::add(const StreamReceiver& stream) {
    ++streams;
    const StreamCounters& c = stream.counters();
    counters.received += c.received;
    counters.expected += c.expected;
    counters.duplicates += c.duplicates;
    counters.recovered += c.recovered;
    counters.bytes += c.bytes;
    jitterMsSum += stream.jitterMs();
}

void StreamAggregate::merge(const StreamAggregate& other) {
    streams += other.streams;
    counters.received += other.counters.received;
    counters.expected += other.counters.expected;
    counters.duplicates += other.counters.duplicates;
    counters.recovered += other.counters.recovered;
    counters.bytes += other.counters.bytes;
    jitterMsSum += other.jitterMsSum;
    delays.merge(other.delays);
}

void SendTotals::merge(const SendTotals& o) {
    rtpSent += o.rtpSent;
    bytesSent += o.bytesSent;
    frames += o.frames;
    keyframes += o.keyframes;
    keyframeRequests += o.keyframeRequests;
    injectedLoss += o.injectedLoss;
    injectedRecvLoss += o.injectedRecvLoss;
    sendDrops += o.sendDrops;
    nacksReceived += o.nacksReceived;
    retransmitted += o.retransmitted;
    nacksSent += o.nacksSent;
    srtpErrors += o.srtpErrors;
}

StreamAggregate RunReport::total() const {
    StreamAggregate all;
    for (const auto& [label, stream] : streams) {
        all.merge(stream);
    }
    return all;
}

namespace {

double lossPercent(const StreamCounters& c) {
    return c.expected == 0
               ? 0.0
               : 100.0 * static_cast<double>(c.lost()) / static_cast<double>(c.expected);
}

json::object streamJson(const StreamAggregate& s, double seconds) {
    const double perSecond = seconds > 0 ? 1.0 / seconds : 0.0;
    return json::object{
        {"streams", s.streams},
        {"received", s.counters.received},
        {"expected", s.counters.expected},
        {"lost", s.counters.lost()},
        {"lossPercent", lossPercent(s.counters)},
        {"duplicates", s.counters.duplicates},
        {"recovered", s.counters.recovered},
        {"jitterMs", s.jitterMsMean()},
        {"delayUs", json::object{{"samples", s.delays.count()},
                                 {"p50", s.delays.percentile(50)},
                                 {"p99", s.delays.percentile(99)},
                                 {"mean", s.delays.mean()},
                                 {"max", s.delays.max()}}},
        {"packetsPerSecond", static_cast<double>(s.counters.received) * perSecond},
        {"megabitsPerSecond", static_cast<double>(s.counters.bytes) * 8.0 * perSecond / 1e6},
    };
}

double millisAt(const LatencyHistogram& h, double p) {
    return static_cast<double>(h.percentile(p)) / 1000.0;
}

json::object meetingJson(const MeetingJoins& m) {
    const auto times = [](const LatencyHistogram& h) {
        return json::object{{"count", h.count()},
                            {"p50Ms", millisAt(h, 50)},
                            {"p99Ms", millisAt(h, 99)},
                            {"maxMs", static_cast<double>(h.max()) / 1000.0}};
    };
    return json::object{{"participants", m.toReply.count()},
                        {"waiting", m.waiting},
                        {"joinToReply", times(m.toReply)},
                        {"joinToMedia", times(m.toMedia)}};
}

std::string meetingText(const MeetingJoins& m) {
    char line[512];
    std::snprintf(line, sizeof line,
                  "  meeting: %llu joined (%zu left waiting); join -> joinMeeting reply p50 %.1f "
                  "ms p99 %.1f ms max %.1f ms; join -> consuming everybody, transports "
                  "connected p50 %.1f ms p99 %.1f ms max %.1f ms\n",
                  static_cast<unsigned long long>(m.toReply.count()), m.waiting,
                  millisAt(m.toReply, 50), millisAt(m.toReply, 99),
                  static_cast<double>(m.toReply.max()) / 1000.0, millisAt(m.toMedia, 50),
                  millisAt(m.toMedia, 99), static_cast<double>(m.toMedia.max()) / 1000.0);
    return line;
}

}  // namespace

std::string formatJson(const RunReport& r) {
    json::object streams;
    for (const auto& [label, stream] : r.streams) {
        streams[label] = streamJson(stream, r.mediaSeconds);
    }
    json::object out{
        {"target", r.target},
        {"rooms", r.options.rooms},
        {"publishers", r.options.publishers},
        {"subscribers", r.options.subscribers},
        {"audioOnly", r.options.audioOnly},
        {"consumers", r.consumers},
        {"setupSeconds", r.setupSeconds},
        {"mediaSeconds", r.mediaSeconds},
        {"clientCpuSeconds", r.clientCpuSeconds},
        {"endpointsConnected", r.endpointsConnected},
        {"endpointsFailed", r.endpointsFailed},
        {"total", streamJson(r.total(), r.mediaSeconds)},
        {"streams", std::move(streams)},
        {"sent", json::object{{"rtp", r.sent.rtpSent},
                              {"bytes", r.sent.bytesSent},
                              {"frames", r.sent.frames},
                              {"keyframes", r.sent.keyframes},
                              {"keyframeRequests", r.sent.keyframeRequests},
                              {"injectedLoss", r.sent.injectedLoss},
                              {"injectedRecvLoss", r.sent.injectedRecvLoss},
                              {"sendDrops", r.sent.sendDrops},
                              {"nacksReceived", r.sent.nacksReceived},
                              {"retransmitted", r.sent.retransmitted},
                              {"nacksSent", r.sent.nacksSent},
                              {"srtpErrors", r.sent.srtpErrors}}},
    };
    if (r.server) {
        out["server"] = json::object{{"cpuSeconds", r.server->cpuSeconds},
                                     {"setupCpuSeconds", r.server->setupCpuSeconds},
                                     {"rssBeforeKb", r.server->rssBeforeKb},
                                     {"rssAfterSetupKb", r.server->rssAfterSetupKb},
                                     {"peakRssKb", r.server->peakRssKb}};
    }
    if (r.meeting) {
        out["meeting"] = meetingJson(*r.meeting);
    }
    return json::serialize(out) + "\n";
}

std::string formatText(const RunReport& r) {
    std::string out;
    char line[512];
    std::snprintf(
        line, sizeof line,
        "%s: %zu room(s) x %zu publisher(s), %zu subscriber(s), %zu consumers, set-up %.1f s, "
        "media %.1f s (load client %.2f CPU-s), endpoints %zu connected / %zu failed\n",
        r.target.c_str(), r.options.rooms, r.options.publishers, r.options.subscribers, r.consumers,
        r.setupSeconds, r.mediaSeconds, r.clientCpuSeconds, r.endpointsConnected,
        r.endpointsFailed);
    out += line;
    const auto row = [&](const std::string& label, const StreamAggregate& s) {
        const double pps =
            r.mediaSeconds > 0 ? static_cast<double>(s.counters.received) / r.mediaSeconds : 0;
        std::snprintf(
            line, sizeof line,
            "  %-14s received %10llu  lost %8llu (%.3f %%)  recovered %6llu  "
            "jitter %6.2f ms  delay p50 %6.2f ms p99 %6.2f ms  %9.0f pkt/s  %8.2f Mbit/s\n",
            label.c_str(), static_cast<unsigned long long>(s.counters.received),
            static_cast<unsigned long long>(s.counters.lost()), lossPercent(s.counters),
            static_cast<unsigned long long>(s.counters.recovered), s.jitterMsMean(),
            static_cast<double>(s.delays.percentile(50)) / 1000.0,
            static_cast<double>(s.delays.percentile(99)) / 1000.0, pps,
            r.mediaSeconds > 0 ? static_cast<double>(s.counters.bytes) * 8.0 / r.mediaSeconds / 1e6
                               : 0.0);
        out += line;
    };
    for (const auto& [label, stream] : r.streams) {
        row(label, stream);
    }
    row("total", r.total());
    std::snprintf(line, sizeof line,
                  "  sent %llu RTP (%llu frames, %llu keyframes, %llu PLI/FIR), injected loss "
                  "%llu up / %llu down, send drops %llu, SRTP errors %llu\n",
                  static_cast<unsigned long long>(r.sent.rtpSent),
                  static_cast<unsigned long long>(r.sent.frames),
                  static_cast<unsigned long long>(r.sent.keyframes),
                  static_cast<unsigned long long>(r.sent.keyframeRequests),
                  static_cast<unsigned long long>(r.sent.injectedLoss),
                  static_cast<unsigned long long>(r.sent.injectedRecvLoss),
                  static_cast<unsigned long long>(r.sent.sendDrops),
                  static_cast<unsigned long long>(r.sent.srtpErrors));
    out += line;
    if (r.server) {
        const double packets = static_cast<double>(r.total().counters.received);
        std::snprintf(line, sizeof line,
                      "  server: %.2f CPU-s in the window (%.2f CPU-us per received packet), %.2f "
                      "CPU-s in set-up, RSS %llu kB before, %llu kB after set-up, peak %llu kB\n",
                      r.server->cpuSeconds, packets > 0 ? r.server->cpuSeconds * 1e6 / packets : 0,
                      r.server->setupCpuSeconds,
                      static_cast<unsigned long long>(r.server->rssBeforeKb),
                      static_cast<unsigned long long>(r.server->rssAfterSetupKb),
                      static_cast<unsigned long long>(r.server->peakRssKb));
        out += line;
    }
    if (r.meeting) {
        out += meetingText(*r.meeting);
    }
    return out;
}

}  // namespace vp::tools::loadtest
