#pragma once
// The media server's counters in /metrics. MediaServer::stats() answers
// asynchronously from the workers, so a snapshot is refreshed every second and
// /metrics renders the latest one without waiting on a media thread.
#include <memory>
#include <string>

#include "services/scheduler/periodic_task.hpp"
#include "sfu/media_server/media_server.hpp"

namespace vp::app::commands {

class MediaMetrics {
  public:
    explicit MediaMetrics(sfu::media_server::MediaServer& media);
    // Appends Prometheus text for the latest snapshot (nothing before the first one).
    void render(std::string& out) const;
    // Stops refreshing; call before the media server stops.
    void stop() { task_.stop(); }

  private:
    struct Snapshot;
    std::shared_ptr<Snapshot> snapshot_;
    services::scheduler::PeriodicTask task_;
};

}  // namespace vp::app::commands
