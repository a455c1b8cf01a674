// HttpServer: io_context and its threads, the accept loop with connection limits,
// the built-in routes (/healthz, /readyz, /metrics) and the graceful drain.
#include "api/http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <csignal>
#include <optional>
#include <thread>
#include <vector>

#include "api/http/detail/server_state.hpp"
#include "api/http/detail/tls_context.hpp"
#include "common/json_escape.hpp"
#include "common/mask.hpp"

namespace vp::api {

using namespace http::detail;  // NOLINT: the internals of this very server
using asio::awaitable;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// Reads and drops what a refused client sends for a moment, so it sees our answer
// rather than a reset, then closes.
awaitable<void> lingerAndClose(tcp::socket socket) {
    asio::steady_timer timer(socket.get_executor());
    timer.expires_after(std::chrono::seconds(1));
    timer.async_wait([&socket](const boost::system::error_code& ec) {
        if (!ec) {
            boost::system::error_code ignored;
            socket.close(ignored);
        }
    });
    char sink[4096];
    for (int i = 0; i < 64; ++i) {
        auto [ec, n] = co_await socket.async_read_some(asio::buffer(sink), kTuple);
        if (ec) {
            break;
        }
    }
    timer.cancel();
    boost::system::error_code ignored;
    socket.close(ignored);
}

void registerBuiltins(Router& router, const std::weak_ptr<ServerState>& weak) {
    router.add("GET", "/healthz", [](const Request&, Reply reply) {
        reply(Response::json(200, R"({"status":"alive"})"));
    });
    router.add("GET", "/readyz", [weak](const Request&, Reply reply) {
        auto state = weak.lock();
        std::string readyBody = R"({"status":"ready")";
        if (state && !state->options.storageRegion.empty()) {
            readyBody += ",\"storageRegion\":" + common::jsonString(state->options.storageRegion);
        }
        readyBody += "}";
        if (!state || !state->hooks.checkReady) {
            reply(Response::json(200, readyBody));
            return;
        }
        state->hooks.checkReady([reply, readyBody](bool ready, std::string detail) {
            reply(ready ? Response::json(200, readyBody)
                        : Response::error(503, "not_ready", detail));
        });
    });
    router.add("GET", "/metrics", [weak](const Request&, Reply reply) {
        auto state = weak.lock();
        std::string out = state ? state->metrics.render() : std::string{};
        if (state && state->hooks.appendMetrics) {
            state->hooks.appendMetrics(out);
        }
        reply(Response::text(200, std::move(out), "text/plain; version=0.0.4; charset=utf-8"));
    });
}

}  // namespace

class HttpServer::Impl {
  public:
    Impl(ServerOptions options, Router& router, ServerHooks hooks)
        : state_(std::make_shared<ServerState>(std::move(options), router, std::move(hooks))) {
        registerBuiltins(router, state_);
    }

    ~Impl() {
        stop();
        wait();
        signals_.reset();
        drainTimer_.reset();
        acceptor_.reset();
        ioc_.reset();  // destroys unfinished sessions while state_ is alive
    }

    common::Status start() {
        const ServerOptions& o = state_->options;
        const std::string address = o.host + ":" + std::to_string(o.port);
        auto tls = makeTlsContext(o);
        if (!tls) {
            return tls.error();
        }
        state_->tls = *tls;
        boost::system::error_code ec;
        tcp::resolver resolver(*ioc_);
        auto endpoints =
            resolver.resolve(o.host, std::to_string(o.port),
                             tcp::resolver::passive | tcp::resolver::numeric_service, ec);
        if (ec || endpoints.empty()) {
            return common::makeError("listen_failed", "Cannot resolve " + address + ": " +
                                                          ec.message() + ". Check --host.");
        }
        const tcp::endpoint endpoint = endpoints.begin()->endpoint();
        acceptor_.emplace(asio::make_strand(*ioc_));
        acceptor_->open(endpoint.protocol(), ec);
        if (!ec) {
            acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
        }
        if (!ec) {
            acceptor_->bind(endpoint, ec);
        }
        if (!ec) {
            acceptor_->listen(asio::socket_base::max_listen_connections, ec);
        }
        if (ec) {
            return common::makeError("listen_failed",
                                     "Cannot listen on " + address + ": " + ec.message() +
                                         ". Pick another port or stop the process using it.");
        }
        port_ = acceptor_->local_endpoint().port();
        asio::co_spawn(acceptor_->get_executor(), acceptLoop(), asio::detached);
        const int threads = o.threads < 1 ? 1 : o.threads;
        for (int i = 0; i < threads; ++i) {
            threads_.emplace_back([this] { ioc_->run(); });
        }
        started_ = true;
        state_->log.info("listening", {{"address", baseUrl()}});
        return {};
    }

    std::uint16_t port() const { return port_; }

    std::string baseUrl() const {
        const std::string& host = state_->options.host;
        const bool v6 = host.find(':') != std::string::npos;
        return std::string(state_->tls ? "https://" : "http://") + (v6 ? "[" + host + "]" : host) +
               ":" + std::to_string(port_);
    }

    void stop() {
        if (!started_ || stopping_.exchange(true)) {
            return;
        }
        state_->onDrained = [state = state_.get(), ioc = &*ioc_] {
            state->gate->post(ioc->get_executor(), [ioc] { ioc->stop(); });
        };
        state_->draining = true;
        asio::post(acceptor_->get_executor(), [this] {
            boost::system::error_code ignored;
            acceptor_->close(ignored);
            if (signals_) {
                signals_->cancel(ignored);
            }
        });
        std::vector<std::function<void()>> callbacks;
        {
            std::lock_guard lock(state_->drainMutex);
            for (auto& [id, cb] : state_->drainCallbacks) {
                callbacks.push_back(cb);
            }
        }
        for (auto& cb : callbacks) {
            cb();
        }
        drainTimer_.emplace(*ioc_);
        drainTimer_->expires_after(state_->options.drainTimeout);
        drainTimer_->async_wait([this](const boost::system::error_code& ec) {
            if (!ec) {
                state_->log.warn("drain timeout: closing remaining connections",
                                 {{"open", std::to_string(state_->limiter.total())}});
                ioc_->stop();
            }
        });
        if (state_->limiter.total() == 0) {
            state_->onDrained();
        }
    }

    void wait() {
        std::lock_guard lock(joinMutex_);
        for (auto& t : threads_) {
            if (t.joinable()) {
                t.join();
            }
        }
        threads_.clear();
        if (started_) {
            state_->gate->close();
        }
    }

    void stopOnSignals() {
        signals_.emplace(acceptor_->get_executor(), SIGINT, SIGTERM);
        signals_->async_wait([this](const boost::system::error_code& ec, int signal) {
            if (!ec) {
                state_->log.info("signal received: draining", {{"signal", std::to_string(signal)}});
                stop();
            }
        });
    }

  private:
    awaitable<void> acceptLoop() {
        while (true) {
            auto [ec, socket] = co_await acceptor_->async_accept(asio::make_strand(*ioc_), kTuple);
            if (ec) {
                if (!acceptor_->is_open() || ec == asio::error::operation_aborted) {
                    co_return;
                }
                // Out of descriptors or similar: back off instead of spinning.
                state_->log.warn("accept failed", {{"error", ec.message()}});
                asio::steady_timer pause(acceptor_->get_executor(), std::chrono::milliseconds(50));
                co_await pause.async_wait(kTuple);
                continue;
            }
            boost::system::error_code remoteEc;
            auto remote = socket.remote_endpoint(remoteEc);
            std::string ip = remoteEc ? std::string("unknown") : remote.address().to_string();
            auto verdict = state_->limiter.tryAcquire(ip);
            if (verdict == ConnectionLimiter::Verdict::Accepted) {
                startHttpSession(state_, std::move(socket), ConnectionTicket(state_, ip));
            } else {
                refuse(std::move(socket), verdict, ip);
            }
        }
    }

    void refuse(tcp::socket socket, ConnectionLimiter::Verdict verdict, const std::string& ip) {
        const bool perIp = verdict == ConnectionLimiter::Verdict::PerIpLimit;
        state_->refused.inc({perIp ? "per_ip_limit" : "total_limit"});
        state_->log.warn("connection refused", {{"reason", perIp ? "per_ip_limit" : "total_limit"},
                                                {"client", common::maskIp(ip)}});
        if (!state_->tls) {
            const int status = perIp ? 429 : 503;
            const std::string body =
                Response::error(status, perIp ? "too_many_connections" : "server_full",
                                perIp ? "Too many connections from your address; close some."
                                      : "The server is at its connection limit; retry later.")
                    .body;
            const std::string head =
                "HTTP/1.1 " + std::to_string(status) + " " + std::string(reasonPhrase(status)) +
                "\r\nContent-Type: application/json\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\nRetry-After: 5\r\nConnection: close\r\n\r\n";
            boost::system::error_code ignored;
            socket.non_blocking(true, ignored);
            asio::write(socket, std::array{asio::buffer(head), asio::buffer(body)}, ignored);
            socket.shutdown(tcp::socket::shutdown_send, ignored);
        }
        auto ex = socket.get_executor();
        asio::co_spawn(ex, lingerAndClose(std::move(socket)), asio::detached);
    }

    ServerStatePtr state_;
    std::optional<asio::io_context> ioc_{std::in_place};
    std::optional<tcp::acceptor> acceptor_;
    std::optional<asio::steady_timer> drainTimer_;
    std::optional<asio::signal_set> signals_;
    std::vector<std::thread> threads_;
    std::mutex joinMutex_;
    std::uint16_t port_ = 0;
    bool started_ = false;
    std::atomic<bool> stopping_{false};
};

HttpServer::HttpServer(ServerOptions options, Router& router, ServerHooks hooks)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(hooks))) {}
HttpServer::~HttpServer() = default;
common::Status HttpServer::start() {
    return impl_->start();
}
std::uint16_t HttpServer::port() const {
    return impl_->port();
}
std::string HttpServer::baseUrl() const {
    return impl_->baseUrl();
}
void HttpServer::stop() {
    impl_->stop();
}
void HttpServer::wait() {
    impl_->wait();
}
void HttpServer::stopOnSignals() {
    impl_->stopOnSignals();
}

}  // namespace vp::api
