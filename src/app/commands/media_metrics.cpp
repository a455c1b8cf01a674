#include "app/commands/media_metrics.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

#include "sfu/media_server/stream_aggregates.hpp"

namespace vp::app::commands {

using sfu::media_server::MediaServerStats;
using sfu::media_server::WorkerStats;

struct MediaMetrics::Snapshot {
    mutable std::mutex mutex;
    std::optional<MediaServerStats> latest;
};

MediaMetrics::MediaMetrics(sfu::media_server::MediaServer& media)
    : snapshot_(std::make_shared<Snapshot>()),
      task_(std::chrono::seconds{1}, [&media, snapshot = snapshot_] {
          media.stats([snapshot](common::Result<MediaServerStats> stats) {
              if (stats) {
                  std::lock_guard lock(snapshot->mutex);
                  snapshot->latest = std::move(*stats);
              }
          });
      }) {}

namespace {

struct Family {
    const char* name;
    const char* type;
    const char* help;
    std::uint64_t (*value)(const WorkerStats&);
};

const Family kFamilies[] = {
    {"videopro_media_routers", "gauge", "Routers (one per meeting) on each media worker.",
     [](const WorkerStats& w) -> std::uint64_t { return w.routers; }},
    {"videopro_media_transports", "gauge", "WebRTC transports on each media worker.",
     [](const WorkerStats& w) -> std::uint64_t { return w.transports; }},
    {"videopro_media_producers", "gauge", "Producers (incoming tracks) on each media worker.",
     [](const WorkerStats& w) -> std::uint64_t { return w.producers; }},
    {"videopro_media_consumers", "gauge", "Consumers (outgoing tracks) on each media worker.",
     [](const WorkerStats& w) -> std::uint64_t { return w.consumers; }},
    {"videopro_media_datagrams_received_total", "counter",
     "UDP datagrams received on each media worker's socket.",
     [](const WorkerStats& w) { return w.packetsIn; }},
    {"videopro_media_datagrams_sent_total", "counter",
     "UDP datagrams sent from each media worker's socket.",
     [](const WorkerStats& w) { return w.packetsOut; }},
    {"videopro_media_rtp_received_total", "counter", "Decrypted RTP packets handed to routers.",
     [](const WorkerStats& w) { return w.rtpIn; }},
    {"videopro_media_rtp_forwarded_total", "counter",
     "RTP packets protected and sent to subscribers.",
     [](const WorkerStats& w) { return w.rtpOut; }},
    {"videopro_media_dropped_total", "counter",
     "Datagrams and packets dropped (unknown source, bad STUN, SRTP failure, full queue, "
     "malformed RTP/RTCP).",
     [](const WorkerStats& w) { return w.dropped; }},
    {"videopro_media_outgoing_bitrate_estimate_bps", "gauge",
     "Send-side bandwidth estimates (transport-cc / REMB) summed over the subscriber "
     "transports that have one.",
     [](const WorkerStats& w) { return w.outgoingBitrateEstimate; }},
};

// One series per worker and reason (sfu/media_server/drop_counters.hpp).
void renderDropReasons(std::string& out, const std::vector<WorkerStats>& workers) {
    out +=
        "# HELP videopro_media_dropped_by_reason_total Datagrams and packets the media core "
        "refused, by reason (STUN requests answered 400/401/487 included).\n"
        "# TYPE videopro_media_dropped_by_reason_total counter\n";
    for (const WorkerStats& worker : workers) {
        for (const auto& reason : sfu::media_server::kDropReasons) {
            out += "videopro_media_dropped_by_reason_total{worker=\"";
            out += std::to_string(worker.index);
            out += "\",reason=\"";
            out += reason.label;
            out += "\"} ";
            out += std::to_string(worker.drops.*reason.counter);
            out += '\n';
        }
    }
}

// RTT, jitter and loss over the open streams (sfu/media_server/stream_aggregates.hpp),
// per side: "publisher" (what the server receives) and "subscriber" (what subscribers
// report receiving from it).
void renderStreamQuality(std::string& out, const MediaServerStats& stats) {
    using sfu::media_server::StreamAggregate;
    const auto all = sfu::media_server::aggregateStreams(stats);
    const std::pair<const char*, const StreamAggregate*> sides[] = {
        {"publisher", &all.publishers}, {"subscriber", &all.subscribers}};
    struct Gauge {
        const char* name;
        const char* help;
        double (*avg)(const StreamAggregate&);
        double (*max)(const StreamAggregate&);
    };
    const Gauge gauges[] = {
        {"videopro_media_stream_rtt_seconds", "Round-trip time of media streams (measured ones).",
         [](const StreamAggregate& a) { return a.rttMsAvg / 1000; },
         [](const StreamAggregate& a) { return a.rttMsMax / 1000; }},
        {"videopro_media_stream_jitter_seconds", "RFC 3550 interarrival jitter of media streams.",
         [](const StreamAggregate& a) { return a.jitterMsAvg / 1000; },
         [](const StreamAggregate& a) { return a.jitterMsMax / 1000; }},
        {"videopro_media_stream_fraction_lost",
         "Fraction of packets lost in the last report interval (0..1).",
         [](const StreamAggregate& a) { return a.fractionLostAvg; },
         [](const StreamAggregate& a) { return a.fractionLostMax; }},
    };
    for (const Gauge& g : gauges) {
        out += std::string("# HELP ") + g.name + ' ' + g.help + "\n# TYPE " + g.name + " gauge\n";
        for (const auto& [side, a] : sides) {
            out += std::string(g.name) + "{side=\"" + side + "\",stat=\"avg\"} " +
                   std::to_string(g.avg(*a)) + '\n';
            out += std::string(g.name) + "{side=\"" + side + "\",stat=\"max\"} " +
                   std::to_string(g.max(*a)) + '\n';
        }
    }
    out +=
        "# HELP videopro_media_stream_packets_lost Packets lost (cumulative) on the open media "
        "streams.\n# TYPE videopro_media_stream_packets_lost gauge\n";
    for (const auto& [side, a] : sides) {
        out += std::string("videopro_media_stream_packets_lost{side=\"") + side + "\"} " +
               std::to_string(a->packetsLost) + '\n';
    }
    out +=
        "# HELP videopro_media_streams Open media streams.\n# TYPE videopro_media_streams gauge\n";
    for (const auto& [side, a] : sides) {
        out += std::string("videopro_media_streams{side=\"") + side + "\"} " +
               std::to_string(a->streams) + '\n';
    }
}

}  // namespace

void MediaMetrics::render(std::string& out) const {
    std::lock_guard lock(snapshot_->mutex);
    if (!snapshot_->latest) {
        return;
    }
    for (const Family& family : kFamilies) {
        out += "# HELP ";
        out += family.name;
        out += ' ';
        out += family.help;
        out += "\n# TYPE ";
        out += family.name;
        out += ' ';
        out += family.type;
        out += '\n';
        for (const WorkerStats& worker : snapshot_->latest->workers) {
            out += family.name;
            out += "{worker=\"" + std::to_string(worker.index) + "\"} ";
            out += std::to_string(family.value(worker));
            out += '\n';
        }
    }
    renderDropReasons(out, snapshot_->latest->workers);
    renderStreamQuality(out, *snapshot_->latest);
}

}  // namespace vp::app::commands
