#pragma once
// The HTTP/1.1 + WebSocket server (Boost.Beast behind a pimpl: this header pulls
// in no Boost).
#include <cstdint>
#include <memory>
#include <string>

#include "api/router.hpp"
#include "api/server_options.hpp"
#include "common/result.hpp"

namespace vp::api {

class HttpServer {
  public:
    // Registers GET /healthz, GET /readyz and GET /metrics on `router`, which must
    // outlive the server and not change after start().
    HttpServer(ServerOptions options, Router& router, ServerHooks hooks = {});
    ~HttpServer();  // stop() then wait()
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds, listens and starts the threads. Fails naming the address (or the TLS
    // files) when it cannot.
    common::Status start();
    std::uint16_t port() const;
    std::string baseUrl() const;  // "http://127.0.0.1:8080" or "https://…"

    // Graceful drain, from any thread, returns at once: stop accepting, close idle
    // keep-alive connections, let in-flight requests finish (answered with
    // Connection: close), close WebSockets with 1001; after drainTimeout whatever
    // remains is cut.
    void stop();
    // Blocks until the server has stopped.
    void wait();

    // Calls stop() on SIGTERM or SIGINT. Call after start().
    void stopOnSignals();

    class Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

inline void installSignalDrain(HttpServer& server) {
    server.stopOnSignals();
}

}  // namespace vp::api
