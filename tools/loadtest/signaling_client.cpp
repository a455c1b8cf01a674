#include "tools/loadtest/signaling_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <deque>
#include <map>
#include <thread>

namespace vp::tools::loadtest {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {
constexpr std::size_t kMaxQueuedRequests = 1024;
}  // namespace

class SignalingHub::Impl {
  public:
    Impl() : work_(asio::make_work_guard(io_)), thread_([this] { io_.run(); }) {}
    ~Impl() {
        work_.reset();
        io_.stop();
        thread_.join();
    }
    asio::io_context& io() { return io_; }

  private:
    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    std::thread thread_;
};

SignalingHub::SignalingHub() : impl_(std::make_unique<Impl>()) {}
SignalingHub::~SignalingHub() = default;

class SignalingClient::Impl : public std::enable_shared_from_this<SignalingClient::Impl> {
  public:
    explicit Impl(asio::io_context& io) : ws_(io) {}

    common::Status open(const Url& url) {
        beast::error_code ec;
        tcp::resolver resolver(ws_.get_executor());
        auto endpoints = resolver.resolve(url.host, std::to_string(url.port), ec);
        if (!ec) {
            asio::connect(beast::get_lowest_layer(ws_), endpoints, ec);
        }
        if (!ec) {
            ws_.handshake(url.host + ":" + std::to_string(url.port), url.path, ec);
        }
        if (ec) {
            return common::makeError("loadtest.signaling_connect",
                                     "cannot open the signalling WebSocket " + url.host + ":" +
                                         std::to_string(url.port) + url.path + ": " + ec.message() +
                                         " (is the server running?)");
        }
        ws_.text(true);
        return {};
    }

    void start() {
        asio::post(ws_.get_executor(), [self = shared_from_this()] { self->read(); });
    }

    std::future<Reply> request(std::string method, json::object data) {
        auto promise = std::make_shared<std::promise<Reply>>();
        auto future = promise->get_future();
        asio::post(ws_.get_executor(), [self = shared_from_this(), promise,
                                        method = std::move(method), data = std::move(data)] {
            if (self->closed_ || self->queue_.size() >= kMaxQueuedRequests) {
                promise->set_value(common::makeError(
                    "loadtest.signaling_closed", "the signalling connection is closed or busy"));
                return;
            }
            const std::int64_t id = self->nextId_++;
            self->pending_.emplace(id, promise);
            self->queue_.push_back(
                json::serialize(json::object{{"id", id}, {"method", method}, {"data", data}}));
            if (self->queue_.size() == 1) {
                self->write();
            }
        });
        return future;
    }

    void close() {
        asio::post(ws_.get_executor(), [self = shared_from_this()] {
            if (!self->closed_) {
                beast::error_code ec;
                beast::get_lowest_layer(self->ws_).close(ec);
                self->fail("the load client closed the connection");
            }
        });
    }

    std::atomic<std::uint64_t> notifications{0};

  private:
    void write() {
        ws_.async_write(asio::buffer(queue_.front()),
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (ec) {
                                self->fail("write failed: " + ec.message());
                                return;
                            }
                            self->queue_.pop_front();
                            if (!self->queue_.empty()) {
                                self->write();
                            }
                        });
    }

    void read() {
        ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) {
                self->fail("the server closed the signalling connection: " + ec.message());
                return;
            }
            self->dispatch(beast::buffers_to_string(self->buffer_.data()));
            self->buffer_.consume(self->buffer_.size());
            self->read();
        });
    }

    void dispatch(const std::string& text) {
        boost::system::error_code ec;
        json::value frame = json::parse(text, ec);
        if (ec || !frame.is_object()) {
            return;
        }
        const auto& o = frame.as_object();
        const json::value* id = o.if_contains("id");
        if (id == nullptr || !id->is_int64()) {
            ++notifications;
            return;
        }
        auto it = pending_.find(id->as_int64());
        if (it == pending_.end()) {
            return;
        }
        const json::value* ok = o.if_contains("ok");
        if (ok != nullptr && ok->is_bool() && ok->as_bool()) {
            const json::value* data = o.if_contains("data");
            it->second->set_value(data != nullptr ? *data : json::value(json::object{}));
        } else {
            const json::value* error = o.if_contains("error");
            it->second->set_value(common::makeError(
                "loadtest.request_failed",
                error != nullptr ? json::serialize(*error) : std::string("no error object")));
        }
        pending_.erase(it);
    }

    void fail(const std::string& why) {
        closed_ = true;
        for (auto& [id, promise] : pending_) {
            promise->set_value(common::makeError("loadtest.signaling_closed", why));
        }
        pending_.clear();
        queue_.clear();
    }

    beast::websocket::stream<tcp::socket> ws_;
    beast::flat_buffer buffer_;
    std::deque<std::string> queue_;
    std::map<std::int64_t, std::shared_ptr<std::promise<Reply>>> pending_;
    std::int64_t nextId_ = 1;
    bool closed_ = false;
};

common::Result<std::unique_ptr<SignalingClient>> SignalingClient::connect(SignalingHub& hub,
                                                                          const Url& url) {
    auto impl = std::make_shared<Impl>(hub.impl().io());
    if (auto opened = impl->open(url); !opened) {
        return opened.error();
    }
    impl->start();
    return std::unique_ptr<SignalingClient>(new SignalingClient(std::move(impl)));
}

SignalingClient::SignalingClient(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
SignalingClient::~SignalingClient() {
    impl_->close();
}

std::future<Reply> SignalingClient::request(std::string method, json::object data) {
    return impl_->request(std::move(method), std::move(data));
}

std::uint64_t SignalingClient::notificationsReceived() const {
    return impl_->notifications;
}

Reply awaitReply(std::future<Reply>& reply, std::chrono::milliseconds timeout) {
    if (reply.wait_for(timeout) != std::future_status::ready) {
        return common::makeError("loadtest.timeout", "no signalling reply within " +
                                                         std::to_string(timeout.count()) + " ms");
    }
    return reply.get();
}

}  // namespace vp::tools::loadtest
