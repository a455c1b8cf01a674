// ServerState and ConnectionTicket: the bookkeeping shared by every connection.
#include "api/http/detail/server_state.hpp"

namespace vp::api::http::detail {

ServerState::ServerState(ServerOptions opts, Router& r, ServerHooks h)
    : options(std::move(opts)),
      router(r),
      hooks(std::move(h)),
      clock(options.clock != nullptr ? *options.clock : common::SystemClock::instance()),
      requests(metrics.counter("videopro_http_requests_total",
                               "HTTP requests by matched route and status.", {"route", "status"})),
      latency(metrics.histogram(
          "videopro_http_request_duration_seconds",
          "Time from the first header byte to the response handed to the socket.",
          {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0})),
      webSocketsOpen(metrics.gauge("videopro_websocket_open", "Open WebSocket connections.")),
      refused(metrics.counter("videopro_http_connections_refused_total",
                              "Connections refused by a connection limit.", {"reason"})),
      limiter(options.maxConnectionsPerIp, options.maxConnections),
      requestLog(hooks.recordRequest, options.requestLogQueue) {
    metrics.gaugeCallback("videopro_http_connections_open", "Open TCP connections.",
                          [this] { return static_cast<double>(limiter.total()); });
    metrics.gaugeCallback("videopro_http_request_log_dropped",
                          "Request records dropped because the log queue was full.",
                          [this] { return static_cast<double>(requestLog.dropped()); });
}

void ServerState::record(std::string_view method, std::string route, int status,
                         std::chrono::steady_clock::time_point started,
                         const std::string& clientIp) {
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
    requests.inc({route, std::to_string(status)});
    latency.observe(static_cast<double>(micros) / 1e6);
    requestLog.push(RequestRecord{clock.now(), std::string(method), std::move(route), status,
                                  static_cast<std::int64_t>(micros), clientIp});
}

ConnectionTicket::ConnectionTicket(ServerStatePtr state, std::string clientIp)
    : state_(std::move(state)), clientIp_(std::move(clientIp)), id_(state_->nextId++) {}

ConnectionTicket::ConnectionTicket(ConnectionTicket&& other) noexcept
    : state_(std::move(other.state_)), clientIp_(std::move(other.clientIp_)), id_(other.id_) {
    other.state_.reset();
}

ConnectionTicket::~ConnectionTicket() {
    if (!state_) {
        return;
    }
    {
        std::lock_guard lock(state_->drainMutex);
        state_->drainCallbacks.erase(id_);
    }
    state_->limiter.release(clientIp_);
    if (state_->draining && state_->limiter.total() == 0 && state_->onDrained) {
        state_->onDrained();
    }
}

void ConnectionTicket::onDrain(std::function<void()> callback) {
    std::lock_guard lock(state_->drainMutex);
    state_->drainCallbacks[id_] = std::move(callback);
}

}  // namespace vp::api::http::detail
