#pragma once
// State shared by the listener, HTTP sessions and WebSocket sessions of one
// HttpServer. Internal to src/api/http: Asio types are allowed here.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "api/connection_limiter.hpp"
#include "api/request_log.hpp"
#include "api/router.hpp"
#include "api/server_options.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"

namespace vp::api::http::detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Lets threads outside the io_context (database pool, feature code) post work to
// a strand only while the io_context exists.
class PostGate {
  public:
    template <typename Fn>
    void post(const asio::any_io_executor& executor, Fn&& fn) {
        std::lock_guard lock(mutex_);
        if (open_) {
            asio::post(executor, std::forward<Fn>(fn));
        }
    }
    void close() {
        std::lock_guard lock(mutex_);
        open_ = false;
    }

  private:
    std::mutex mutex_;
    bool open_ = true;
};

struct ServerState {
    ServerState(ServerOptions opts, Router& r, ServerHooks h);

    ServerOptions options;
    Router& router;
    ServerHooks hooks;
    const common::Clock& clock;
    common::Logger log{"api"};

    common::MetricsRegistry metrics;
    common::CounterFamily& requests;
    common::Histogram& latency;
    common::Gauge& webSocketsOpen;
    common::CounterFamily& refused;

    ConnectionLimiter limiter;
    RequestLog requestLog;
    std::shared_ptr<PostGate> gate = std::make_shared<PostGate>();
    std::shared_ptr<asio::ssl::context> tls;  // null for plain HTTP

    std::atomic<bool> draining{false};
    std::atomic<std::uint64_t> nextId{1};
    // Called (from the thread that calls stop()) when draining starts.
    std::mutex drainMutex;
    std::map<std::uint64_t, std::function<void()>> drainCallbacks;
    // Called when the last connection closes during a drain.
    std::function<void()> onDrained;

    void record(std::string_view method, std::string route, int status,
                std::chrono::steady_clock::time_point started, const std::string& clientIp);
};

using ServerStatePtr = std::shared_ptr<ServerState>;

// Holds one connection's place in the limiter and the drain registry; releases
// both when the connection ends (moved from HTTP to WebSocket session on upgrade).
class ConnectionTicket {
  public:
    ConnectionTicket(ServerStatePtr state, std::string clientIp);
    ~ConnectionTicket();
    ConnectionTicket(ConnectionTicket&& other) noexcept;
    ConnectionTicket& operator=(ConnectionTicket&&) = delete;
    ConnectionTicket(const ConnectionTicket&) = delete;
    ConnectionTicket& operator=(const ConnectionTicket&) = delete;

    std::uint64_t id() const { return id_; }
    const std::string& clientIp() const { return clientIp_; }
    // Replaces this connection's drain callback.
    void onDrain(std::function<void()> callback);

  private:
    ServerStatePtr state_;
    std::string clientIp_;
    std::uint64_t id_ = 0;
};

// Runs one HTTP connection (plain or TLS per state->tls) on the socket's strand.
void startHttpSession(ServerStatePtr state, tcp::socket socket, ConnectionTicket ticket);

}  // namespace vp::api::http::detail
