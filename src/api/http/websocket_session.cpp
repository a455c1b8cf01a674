// One WebSocket connection as a coroutine on its own strand: bounded message size,
// a bounded write queue with one write in flight, close codes for misbehaviour.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <algorithm>
#include <deque>
#include <exception>
#include <optional>

#include "api/http/detail/websocket_session.hpp"

namespace vp::api::http::detail {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using asio::awaitable;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

template <typename Stream>
class WsSession final : public WebSocketSession,
                        public std::enable_shared_from_this<WsSession<Stream>> {
  public:
    WsSession(ServerStatePtr state, Stream stream, Request request,
              std::shared_ptr<WebSocketHandler> handler, ConnectionTicket ticket)
        : state_(std::move(state)),
          ws_(std::move(stream)),
          request_(std::move(request)),
          handler_(std::move(handler)),
          ticket_(std::move(ticket)),
          id_(ticket_->id()) {}

    void send(std::string text) override {
        state_->gate->post(ws_.get_executor(),
                           [self = this->shared_from_this(), text = std::move(text)]() mutable {
                               self->enqueue(std::move(text));
                           });
    }

    void close(std::uint16_t code, std::string reason) override {
        state_->gate->post(ws_.get_executor(), [self = this->shared_from_this(), code,
                                                reason = std::move(reason)]() mutable {
            self->requestClose(code, std::move(reason));
        });
    }

    std::uint64_t id() const override { return id_; }
    const Request& upgradeRequest() const override { return request_; }

    void registerDrain() {
        ticket_->onDrain([weak = this->weak_from_this()] {
            if (auto self = weak.lock()) {
                self->close(close_code::kGoingAway, "server shutting down");
            }
        });
    }

    static awaitable<void> run(std::shared_ptr<WsSession> self, HttpRequest upgrade) {
        co_await self->serve(std::move(upgrade));
    }

  private:
    awaitable<void> serve(HttpRequest upgrade) {
        const ServerOptions& o = state_->options;
        websocket::stream_base::timeout timeouts{};
        timeouts.handshake_timeout = o.readTimeout;
        timeouts.idle_timeout = o.idleTimeout;
        timeouts.keep_alive_pings = true;
        ws_.set_option(timeouts);
        ws_.read_message_max(o.wsMaxMessageBytes);
        auto [ec] = co_await ws_.async_accept(upgrade, kTuple);
        if (!ec) {
            open_ = true;
            state_->webSocketsOpen.add(1);
            auto self = this->shared_from_this();
            guarded([&] { handler_->onOpen(self); });
            co_await readLoop();
            open_ = false;
            queue_.clear();
            state_->webSocketsOpen.add(-1);
            guarded([&] { handler_->onClose(self); });
        }
        ticket_.reset();  // the connection no longer counts, even if someone holds us
    }

    awaitable<void> readLoop() {
        auto self = this->shared_from_this();
        beast::flat_buffer buffer;
        while (true) {
            auto [ec, n] = co_await ws_.async_read(buffer, kTuple);
            if (ec) {
                break;
            }
            if (!ws_.got_text()) {
                requestClose(1003, "only text messages are accepted");
            } else if (!closing_) {
                const auto data = buffer.cdata();
                std::string_view text(static_cast<const char*>(data.data()), data.size());
                guarded([&] { handler_->onText(self, text); });
            }
            buffer.consume(buffer.size());
        }
    }

    template <typename Fn>
    void guarded(Fn&& fn) {
        try {
            fn();
        } catch (const std::exception& e) {
            state_->log.error("websocket handler threw", {{"what", e.what()}});
        }
    }

    void enqueue(std::string text) {
        if (!open_ || closing_) {
            return;
        }
        if (queue_.size() >= state_->options.wsMaxQueuedMessages) {
            requestClose(close_code::kPolicyViolation, "send queue full");
            return;
        }
        queue_.push_back(std::move(text));
        if (!writing_) {
            writing_ = true;
            asio::co_spawn(ws_.get_executor(), writeLoop(this->shared_from_this()), asio::detached);
        }
    }

    void requestClose(std::uint16_t code, std::string reason) {
        if (!open_ || closing_) {
            return;
        }
        closing_ = true;
        queue_.clear();
        closeReason_.code = code;
        closeReason_.reason.assign(reason.data(),
                                   std::min(reason.size(), closeReason_.reason.max_size()));
        if (!writing_) {
            writing_ = true;
            asio::co_spawn(ws_.get_executor(), writeLoop(this->shared_from_this()), asio::detached);
        }
    }

    // The single writer: messages in order, then the close frame if one is due.
    static awaitable<void> writeLoop(std::shared_ptr<WsSession> self) {
        while (!self->queue_.empty() && self->open_ && !self->closing_) {
            std::string message = std::move(self->queue_.front());
            self->queue_.pop_front();
            self->ws_.text(true);
            auto [ec, n] = co_await self->ws_.async_write(asio::buffer(message), kTuple);
            if (ec) {
                break;
            }
        }
        if (self->closing_ && self->open_) {
            co_await self->ws_.async_close(self->closeReason_, kTuple);
        }
        self->writing_ = false;
    }

    ServerStatePtr state_;
    websocket::stream<Stream> ws_;
    Request request_;
    std::shared_ptr<WebSocketHandler> handler_;
    std::optional<ConnectionTicket> ticket_;
    std::uint64_t id_;
    std::deque<std::string> queue_;
    websocket::close_reason closeReason_;
    bool open_ = false;
    bool writing_ = false;
    bool closing_ = false;
};

template <typename Stream>
void launch(ServerStatePtr state, Stream stream, HttpRequest upgrade, Request request,
            std::shared_ptr<WebSocketHandler> handler, ConnectionTicket ticket) {
    auto ex = stream.get_executor();
    auto session = std::make_shared<WsSession<Stream>>(state, std::move(stream), std::move(request),
                                                       std::move(handler), std::move(ticket));
    session->registerDrain();
    asio::co_spawn(ex, WsSession<Stream>::run(std::move(session), std::move(upgrade)),
                   [state](std::exception_ptr e) {
                       if (!e) {
                           return;
                       }
                       try {
                           std::rethrow_exception(e);
                       } catch (const std::exception& err) {
                           state->log.error("websocket session failed", {{"what", err.what()}});
                       }
                   });
}

}  // namespace

void startWebSocketSession(ServerStatePtr state, tcp::socket stream, HttpRequest upgrade,
                           Request request, std::shared_ptr<WebSocketHandler> handler,
                           ConnectionTicket ticket) {
    launch(std::move(state), std::move(stream), std::move(upgrade), std::move(request),
           std::move(handler), std::move(ticket));
}

void startWebSocketSession(ServerStatePtr state, TlsStream stream, HttpRequest upgrade,
                           Request request, std::shared_ptr<WebSocketHandler> handler,
                           ConnectionTicket ticket) {
    launch(std::move(state), std::move(stream), std::move(upgrade), std::move(request),
           std::move(handler), std::move(ticket));
}

}  // namespace vp::api::http::detail
