// One HTTP/1.1 connection as a C++20 coroutine on its own strand: bounded reads
// with deadlines, routing, keep-alive, WebSocket upgrade hand-off and refusal of
// bad input with the right status.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <algorithm>
#include <exception>
#include <optional>
#include <type_traits>

#include "api/http/detail/server_state.hpp"
#include "api/http/detail/websocket_session.hpp"
#include "api/response.hpp"
#include "api/static_files.hpp"

namespace vp::api::http::detail {

namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::awaitable;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kLingerBytes = 256 * 1024;

// A response handed back by a Reply, possibly from another thread. The timer
// never expires: cancelling it wakes the waiting session.
struct PendingReply {
    explicit PendingReply(const asio::any_io_executor& ex) : signal(ex) {
        signal.expires_at(steady_clock::time_point::max());
    }
    asio::steady_timer signal;
    std::optional<Response> response;
};

// Shared by every copy of one Reply; answers 500 if the last copy is dropped unused.
class ReplyChannel {
  public:
    ReplyChannel(std::shared_ptr<PostGate> gate, asio::any_io_executor ex,
                 std::shared_ptr<PendingReply> pending)
        : gate_(std::move(gate)), ex_(std::move(ex)), pending_(std::move(pending)) {}
    ~ReplyChannel() {
        if (!answered_.exchange(true)) {
            deliver(Response::error(500, "no_response", "The handler did not answer."));
        }
    }
    void answer(Response r) {
        if (!answered_.exchange(true)) {
            deliver(std::move(r));
        }
    }

  private:
    void deliver(Response r) {
        gate_->post(ex_, [pending = pending_, r = std::move(r)]() mutable {
            if (!pending->response) {
                pending->response = std::move(r);
                pending->signal.cancel();
            }
        });
    }
    std::shared_ptr<PostGate> gate_;
    asio::any_io_executor ex_;
    std::shared_ptr<PendingReply> pending_;
    std::atomic<bool> answered_{false};
};

bool isApiPath(std::string_view path) {
    return path == "/api" || path.substr(0, 5) == "/api/";
}

Request toApiRequest(HttpRequest&& req, const std::string& clientIp, bool tls) {
    Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    splitTarget(r.target, r.path, r.query);
    for (const auto& field : req) {
        r.headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    r.body = std::move(req.body());
    r.clientIp = clientIp;
    r.tls = tls;
    return r;
}

// The status and code for a failed read; 0 when the connection just ends.
std::pair<int, std::string_view> classifyReadError(const beast::error_code& ec, bool timedOut) {
    if (timedOut) {
        return {408, "request_timeout"};
    }
    if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
        return {431, "headers_too_large"};
    }
    if (ec == bhttp::error::body_limit) {
        return {413, "body_too_large"};
    }
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
        return {0, ""};
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
        return {400, "bad_request"};
    }
    return {0, ""};
}

std::string_view messageFor(int status) {
    switch (status) {
        case 408:
            return "The request did not arrive in time; send it promptly.";
        case 413:
            return "The request body is larger than this server accepts.";
        case 431:
            return "The request headers are larger than this server accepts.";
        default:
            return "The request is not valid HTTP/1.1.";
    }
}

enum class Phase { Handshake, Idle, Reading, Handling, Writing, Closing };

template <typename Stream>
class HttpSession : public std::enable_shared_from_this<HttpSession<Stream>> {
  public:
    static constexpr bool kTls = !std::is_same_v<Stream, tcp::socket>;

    HttpSession(ServerStatePtr state, Stream stream, ConnectionTicket ticket)
        : state_(std::move(state)),
          stream_(std::move(stream)),
          ticket_(std::move(ticket)),
          deadline_(stream_.get_executor()),
          buffer_(state_->options.maxHeaderBytes + largestBody(*state_) + 8192) {
        deadline_.expires_at(steady_clock::time_point::max());
    }

    static awaitable<void> run(std::shared_ptr<HttpSession> self) { co_await self->serve(); }

    static awaitable<void> watch(std::shared_ptr<HttpSession> self) { co_await self->watchdog(); }

    void registerDrain() {
        ticket_.onDrain([weak = this->weak_from_this(), ex = stream_.get_executor()] {
            asio::post(ex, [weak] {
                if (auto self = weak.lock()) {
                    self->onDrain();
                }
            });
        });
    }

  private:
    tcp::socket& socket() { return beast::get_lowest_layer(stream_); }

    void arm(milliseconds timeout, Phase phase) {
        phase_ = phase;
        deadline_.expires_after(timeout);
    }
    void disarm(Phase phase) {
        phase_ = phase;
        deadline_.expires_at(steady_clock::time_point::max());
    }

    awaitable<void> watchdog() {
        while (open_) {
            co_await deadline_.async_wait(kTuple);
            if (!open_ || deadline_.expiry() > steady_clock::now()) {
                continue;
            }
            deadline_.expires_at(steady_clock::time_point::max());
            timedOut_ = true;
            beast::error_code ignored;
            if (phase_ == Phase::Reading) {
                socket().cancel(ignored);  // the reader answers 408
            } else {
                socket().close(ignored);
            }
        }
    }

    void onDrain() {
        if (!open_) {
            return;
        }
        beast::error_code ignored;
        if (phase_ == Phase::Idle) {
            socket().cancel(ignored);
        } else if (phase_ == Phase::Handshake) {
            socket().close(ignored);
        }
    }

    awaitable<void> serve() {
        bool ok = true;
        if constexpr (kTls) {
            arm(state_->options.readTimeout, Phase::Handshake);
            auto [ec] = co_await stream_.async_handshake(asio::ssl::stream_base::server, kTuple);
            ok = !ec;
        }
        bool first = true;
        // No co_await inside && here: GCC 12 evaluates it even when `ok` is false.
        while (ok) {
            const bool arrived = co_await waitForRequest(first);
            if (!arrived) {
                break;
            }
            first = false;
            ok = co_await serveOne();
        }
        if (!released_) {
            co_await close();
        }
        open_ = false;
        deadline_.cancel();
    }

    // Waits (idle timeout) for the first byte of the next request.
    awaitable<bool> waitForRequest(bool first) {
        if (buffer_.size() > 0) {
            co_return true;
        }
        if (state_->draining) {
            co_return false;
        }
        arm(first ? state_->options.readTimeout : state_->options.idleTimeout, Phase::Idle);
        auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(4096), kTuple);
        buffer_.commit(n);
        co_return !ec && n > 0;
    }

    // Reads, answers and writes one request; false ends the connection.
    awaitable<bool> serveOne() {
        const auto started = steady_clock::now();
        std::optional<bhttp::request_parser<bhttp::string_body>> parser;
        parser.emplace();
        parser->header_limit(static_cast<std::uint32_t>(state_->options.maxHeaderBytes));
        parser->body_limit(largestBody(*state_));
        arm(state_->options.readTimeout, Phase::Reading);
        auto [ec, n] = co_await bhttp::async_read_header(stream_, buffer_, *parser, kTuple);
        if (!ec && beast::websocket::is_upgrade(parser->get())) {
            co_return co_await upgrade(*parser);
        }
        if (!ec && !parser->is_done()) {
            // The route's own limit, before a byte of the body is read (or 100-continue sent).
            const std::size_t limit = bodyLimitFor(parser->get());
            if (const auto length = parser->content_length(); length && *length > limit) {
                co_await refuseWith(413, "body_too_large", messageFor(413), started);
                co_return false;
            }
            parser->body_limit(limit);
        }
        if (!ec && !parser->is_done()) {
            if (equalsIgnoreCase(parser->get()[bhttp::field::expect], "100-continue")) {
                bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, 11};
                std::tie(ec, n) = co_await bhttp::async_write(stream_, proceed, kTuple);
            }
        }
        if (!ec && !parser->is_done()) {
            std::tie(ec, n) = co_await bhttp::async_read(stream_, buffer_, *parser, kTuple);
        }
        if (ec) {
            co_await refuse(ec, started);
            co_return false;
        }
        disarm(Phase::Handling);
        const bool keepAlive = parser->get().keep_alive();
        const unsigned version = parser->get().version();
        Request request = toApiRequest(parser->release(), ticket_.clientIp(), kTls);
        std::string route;
        Response response = co_await dispatch(request, route);
        const bool again = keepAlive && !state_->draining;
        const bool written = co_await write(std::move(response), request.method == "HEAD", again,
                                            version, route, started, request.method);
        co_return again&& written;
    }

    static std::size_t largestBody(const ServerState& state) {
        return std::max(state.options.maxBodyBytes, state.router.largestBodyLimit());
    }

    std::size_t bodyLimitFor(const HttpRequest& request) const {
        std::string path;
        std::string query;
        splitTarget(request.target(), path, query);
        const auto match = state_->router.match(request.method_string(), path);
        return match.kind == RouteMatch::Kind::Found && match.maxBodyBytes > 0
                   ? match.maxBodyBytes
                   : state_->options.maxBodyBytes;
    }

    awaitable<bool> upgrade(bhttp::request_parser<bhttp::string_body>& parser) {
        disarm(Phase::Handling);
        const auto started = steady_clock::now();
        std::string path;
        std::string query;
        splitTarget(parser.get().target(), path, query);
        auto handler = state_->router.webSocket(path);
        if (!handler || state_->draining) {
            co_await refuseWith(handler ? 503 : 404, handler ? "draining" : "not_found",
                                handler ? "The server is shutting down." : "No WebSocket here.",
                                started);
            co_return false;
        }
        HttpRequest upgradeReq = parser.release();
        Request request = toApiRequest(HttpRequest(upgradeReq), ticket_.clientIp(), kTls);
        request.route = path;
        state_->record(request.method, path, 101, started, ticket_.clientIp());
        released_ = true;
        open_ = false;
        deadline_.cancel();
        startWebSocketSession(state_, std::move(stream_), std::move(upgradeReq), std::move(request),
                              std::move(handler), std::move(ticket_));
        co_return false;
    }

    awaitable<Response> dispatch(Request& request, std::string& route) {
        RouteMatch match = state_->router.match(request.method, request.path);
        if (match.kind == RouteMatch::Kind::Found) {
            route = match.pattern;
            request.route = match.pattern;
            for (auto& [k, v] : match.params) {
                request.params.emplace(std::move(k), std::move(v));
            }
            co_return co_await callHandler(*match.handler, request);
        }
        if (match.kind == RouteMatch::Kind::MethodNotAllowed) {
            route = "unmatched";
            Response r = Response::error(405, "method_not_allowed",
                                         "This path does not answer " + request.method + ".");
            r.headers.set("Allow", match.allow);
            co_return r;
        }
        const StaticFiles* files = state_->router.staticFiles();
        if (isApiPath(request.path) || files == nullptr) {
            route = "unmatched";
            co_return Response::error(404, "not_found", "No such endpoint.");
        }
        route = "static";
        co_return files->serve(request);
    }

    awaitable<Response> callHandler(const Handler& handler, const Request& request) {
        auto ex = stream_.get_executor();
        auto pending = std::make_shared<PendingReply>(ex);
        {
            auto channel = std::make_shared<ReplyChannel>(state_->gate, ex, pending);
            try {
                handler(request, [channel](Response r) { channel->answer(std::move(r)); });
            } catch (const std::exception& e) {
                state_->log.error("handler threw", {{"route", request.route}, {"what", e.what()}});
                channel->answer(Response::error(500, "internal", "The server failed; retry."));
            }
        }
        while (!pending->response) {
            co_await pending->signal.async_wait(kTuple);
        }
        co_return std::move(*pending->response);
    }

    awaitable<bool> write(Response response, bool head, bool keepAlive, unsigned version,
                          const std::string& route, steady_clock::time_point started,
                          const std::string& method) {
        bhttp::response<bhttp::string_body> res;
        res.version(version);
        res.result(static_cast<unsigned>(response.status));
        for (const auto& [name, value] : response.headers.fields()) {
            res.insert(name, value);
        }
        res.set("X-Content-Type-Options", "nosniff");
        res.keep_alive(keepAlive);
        const bool bodyless = response.status == 304 || response.status == 204;
        if (head) {
            res.content_length(response.body.size());
        } else if (!bodyless) {
            res.body() = std::move(response.body);
            res.prepare_payload();
        }
        // Counted before the write: a client that has the answer also finds it in /metrics.
        state_->record(method, route, response.status, started, ticket_.clientIp());
        arm(state_->options.readTimeout, Phase::Writing);
        auto [ec, n] = co_await bhttp::async_write(stream_, res, kTuple);
        disarm(Phase::Idle);
        co_return !ec;
    }

    awaitable<void> refuse(const beast::error_code& ec, steady_clock::time_point started) {
        auto [status, code] = classifyReadError(ec, timedOut_);
        if (status == 0) {
            co_return;
        }
        co_await refuseWith(status, code, messageFor(status), started);
    }

    // Answers with an error and Connection: close, then reads and discards what the
    // client still sends (bounded) so that it sees the answer rather than a reset.
    awaitable<void> refuseWith(int status, std::string_view code, std::string_view message,
                               steady_clock::time_point started) {
        timedOut_ = false;
        bhttp::response<bhttp::string_body> res;
        res.version(11);
        res.result(static_cast<unsigned>(status));
        res.set(bhttp::field::content_type, "application/json");
        res.keep_alive(false);
        res.body() = Response::error(status, code, message).body;
        res.prepare_payload();
        state_->record("-", "invalid", status, started, ticket_.clientIp());
        arm(state_->options.readTimeout, Phase::Writing);
        auto [ec, n] = co_await bhttp::async_write(stream_, res, kTuple);
        if (ec || timedOut_) {
            co_return;
        }
        if constexpr (!kTls) {
            beast::error_code ignored;
            socket().shutdown(tcp::socket::shutdown_send, ignored);
            arm(milliseconds(std::min<std::int64_t>(state_->options.readTimeout.count(), 2000)),
                Phase::Closing);
            std::size_t discarded = 0;
            while (discarded < kLingerBytes && !timedOut_) {
                buffer_.clear();
                auto [rec, got] = co_await socket().async_read_some(buffer_.prepare(16384), kTuple);
                if (rec) {
                    break;
                }
                discarded += got;
            }
        }
    }

    awaitable<void> close() {
        beast::error_code ignored;
        if constexpr (kTls) {
            if (socket().is_open() && !timedOut_) {
                arm(milliseconds(1000), Phase::Closing);
                co_await stream_.async_shutdown(kTuple);
            }
        } else {
            socket().shutdown(tcp::socket::shutdown_send, ignored);
        }
        socket().close(ignored);
    }

    ServerStatePtr state_;
    Stream stream_;
    ConnectionTicket ticket_;
    asio::steady_timer deadline_;
    beast::flat_buffer buffer_;
    Phase phase_ = Phase::Idle;
    bool open_ = true;
    bool timedOut_ = false;
    bool released_ = false;
};

template <typename Stream>
void launch(ServerStatePtr state, Stream stream, ConnectionTicket ticket) {
    auto ex = stream.get_executor();
    auto session =
        std::make_shared<HttpSession<Stream>>(state, std::move(stream), std::move(ticket));
    session->registerDrain();
    auto onError = [state](std::exception_ptr e) {
        if (!e) {
            return;
        }
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& err) {
            state->log.error("http session failed", {{"what", err.what()}});
        }
    };
    asio::co_spawn(ex, HttpSession<Stream>::watch(session), onError);
    asio::co_spawn(ex, HttpSession<Stream>::run(std::move(session)), onError);
}

}  // namespace

void startHttpSession(ServerStatePtr state, tcp::socket socket, ConnectionTicket ticket) {
    if (state->tls) {
        TlsStream stream(std::move(socket), *state->tls);
        launch(std::move(state), std::move(stream), std::move(ticket));
    } else {
        launch(std::move(state), std::move(socket), std::move(ticket));
    }
}

}  // namespace vp::api::http::detail
