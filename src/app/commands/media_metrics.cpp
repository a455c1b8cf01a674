#include "app/commands/media_metrics.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

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
}

}  // namespace vp::app::commands
