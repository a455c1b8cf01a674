#pragma once
// Configuration and hooks of the HTTP/WebSocket edge.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "common/clock.hpp"

namespace vp::api {

struct TlsFiles {
    std::string certFile;  // PEM certificate chain
    std::string keyFile;   // PEM private key
};

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 = let the kernel pick (see HttpServer::port())
    int threads = 2;
    std::optional<TlsFiles> tls;
    // Generate an in-memory ECDSA P-256 self-signed certificate (LAN trials).
    bool selfSigned = false;

    std::size_t maxHeaderBytes = 16384;
    std::size_t maxBodyBytes = 1u << 20;
    // Headers (and then the body) must arrive within readTimeout of the first byte.
    std::chrono::milliseconds readTimeout{10'000};
    // A keep-alive connection with no request in progress is closed after this.
    std::chrono::milliseconds idleTimeout{60'000};
    std::size_t maxConnectionsPerIp = 64;
    std::size_t maxConnections = 4096;

    std::size_t wsMaxMessageBytes = 64u * 1024u;
    std::size_t wsMaxQueuedMessages = 256;

    std::chrono::milliseconds drainTimeout{10'000};

    // Shown in GET /readyz's JSON as "storageRegion" when not empty (R-PRIV-10).
    std::string storageRegion;

    // Bound of the queue between the request path and ServerHooks::recordRequest.
    std::size_t requestLogQueue = 10'000;
    // Time source for request records; SystemClock when null.
    const common::Clock* clock = nullptr;
};

// One line of the network operation log.
struct RequestRecord {
    std::chrono::system_clock::time_point time;
    std::string method;
    std::string route;  // the matched pattern ("/api/rooms/{id}"), "static" or "unmatched"
    int status = 0;
    std::int64_t latencyMicros = 0;
    std::string clientIp;
};

struct ServerHooks {
    // Asked by GET /readyz; answer (from any thread) with ready or not and why.
    std::function<void(std::function<void(bool ready, std::string detail)>)> checkReady;
    // Receives every request record, in batches on a background thread: a slow
    // sink never slows a request (records beyond the queue bound are dropped and
    // counted in videopro_http_request_log_dropped_total).
    std::function<void(const RequestRecord&)> recordRequest;
    // Appends more Prometheus text to GET /metrics (e.g. videopro_db_pool_in_use).
    std::function<void(std::string& out)> appendMetrics;
};

}  // namespace vp::api
