#include "tools/loadtest/janus_api.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "tools/loadtest/json_path.hpp"

namespace vp::tools::loadtest {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {

// One keep-alive HTTP/1.1 connection used by one thread.
class HttpConnection {
  public:
    explicit HttpConnection(Url url) : url_(std::move(url)), stream_(io_) {}

    common::Result<json::value> call(http::verb verb, const std::string& target,
                                     const std::string& body) {
        for (int attempt = 0; attempt < 2; ++attempt) {
            beast::error_code ec;
            if (!open_) {
                tcp::resolver resolver(io_);
                auto endpoints = resolver.resolve(url_.host, std::to_string(url_.port), ec);
                if (!ec) {
                    stream_.connect(endpoints, ec);
                }
                if (ec) {
                    return common::makeError("loadtest.janus_unreachable",
                                             "cannot reach Janus at " + url_.host + ":" +
                                                 std::to_string(url_.port) + ": " + ec.message());
                }
                open_ = true;
            }
            http::request<http::string_body> request{verb, target, 11};
            request.set(http::field::host, url_.host);
            request.set(http::field::content_type, "application/json");
            request.body() = body;
            request.prepare_payload();
            http::write(stream_, request, ec);
            beast::flat_buffer buffer;
            http::response<http::string_body> response;
            if (!ec) {
                http::read(stream_, buffer, response, ec);
            }
            if (ec) {
                open_ = false;
                stream_.close();
                continue;  // a closed keep-alive connection: once more on a new one
            }
            json::value parsed = json::parse(response.body(), ec);
            if (ec) {
                return common::makeError("loadtest.janus_bad_reply",
                                         "Janus answered something that is not JSON");
            }
            return parsed;
        }
        return common::makeError("loadtest.janus_unreachable",
                                 "the HTTP exchange with Janus failed");
    }

    void shutdown() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    }

  private:
    Url url_;
    asio::io_context io_;
    beast::tcp_stream stream_;
    bool open_ = false;
};

common::Status janusOk(const json::value& reply, const std::string& what) {
    const std::string janus = stringAt(reply, {"janus"});
    if (janus == "success" || janus == "ack" || janus == "event") {
        return {};
    }
    return common::makeError("loadtest.janus_error",
                             what + " failed: " + json::serialize(reply).substr(0, 300));
}

}  // namespace

class JanusApi::Impl {
  public:
    explicit Impl(const Url& url) : url_(url), requests_(url), poll_(url) {}

    ~Impl() {
        stopping_ = true;
        (void)requests_.call(
            http::verb::post, sessionPath(),
            json::serialize(json::object{{"janus", "destroy"}, {"transaction", "bye"}}));
        poll_.shutdown();
        if (poller_.joinable()) {
            poller_.join();
        }
    }

    common::Status createSession() {
        auto reply = requests_.call(
            http::verb::post, url_.path,
            json::serialize(json::object{{"janus", "create"}, {"transaction", next()}}));
        if (!reply) {
            return reply.error();
        }
        if (auto ok = janusOk(*reply, "create session"); !ok) {
            return ok;
        }
        session_ = unsignedAt(*reply, {"data", "id"}).value_or(0);
        poller_ = std::thread([this] { pollEvents(); });
        return {};
    }

    common::Result<std::uint64_t> attach(const std::string& plugin) {
        auto reply =
            requests_.call(http::verb::post, sessionPath(),
                           json::serialize(json::object{
                               {"janus", "attach"}, {"plugin", plugin}, {"transaction", next()}}));
        if (!reply) {
            return reply.error();
        }
        if (auto ok = janusOk(*reply, "attach"); !ok) {
            return ok.error();
        }
        return unsignedAt(*reply, {"data", "id"}).value_or(0);
    }

    common::Result<json::value> request(std::uint64_t handle, json::object body) {
        auto reply = requests_.call(
            http::verb::post, sessionPath() + "/" + std::to_string(handle),
            json::serialize(json::object{
                {"janus", "message"}, {"body", std::move(body)}, {"transaction", next()}}));
        if (!reply) {
            return reply.error();
        }
        if (auto ok = janusOk(*reply, "request"); !ok) {
            return ok.error();
        }
        const json::value* data = path(*reply, {"plugindata", "data"});
        return data != nullptr ? *data : json::value();
    }

    common::Result<json::value> message(std::uint64_t handle, json::object body,
                                        std::optional<json::object> jsep,
                                        std::chrono::milliseconds timeout) {
        const std::string transaction = next();
        auto future = expect(transaction);
        json::object frame{
            {"janus", "message"}, {"body", std::move(body)}, {"transaction", transaction}};
        if (jsep) {
            frame["jsep"] = std::move(*jsep);
        }
        auto reply = requests_.call(http::verb::post, sessionPath() + "/" + std::to_string(handle),
                                    json::serialize(frame));
        if (!reply) {
            return reply.error();
        }
        if (auto ok = janusOk(*reply, "message"); !ok) {
            return ok.error();
        }
        if (future.wait_for(timeout) != std::future_status::ready) {
            return common::makeError(
                "loadtest.timeout",
                "Janus sent no event for a message in " + std::to_string(timeout.count()) + " ms");
        }
        json::value event = future.get();
        if (const json::value* error = path(event, {"plugindata", "data", "error"})) {
            return common::makeError("loadtest.janus_error", json::serialize(*error));
        }
        return event;
    }

  private:
    std::string sessionPath() const { return url_.path + "/" + std::to_string(session_); }
    std::string next() { return "t" + std::to_string(++transaction_); }

    std::future<json::value> expect(const std::string& transaction) {
        std::lock_guard lock(mutex_);
        return waiting_[transaction].get_future();
    }

    void pollEvents() {
        while (!stopping_) {
            auto reply = poll_.call(http::verb::get, sessionPath() + "?maxev=50", "");
            if (!reply) {
                if (stopping_) {
                    return;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                continue;
            }
            if (reply->is_array()) {
                for (const auto& event : reply->as_array()) {
                    deliver(event);
                }
            } else {
                deliver(*reply);
            }
        }
    }

    void deliver(const json::value& event) {
        if (stringAt(event, {"janus"}) != "event") {
            return;  // keepalive, webrtcup, media, slowlink, hangup: not awaited
        }
        const std::string transaction = stringAt(event, {"transaction"});
        std::lock_guard lock(mutex_);
        auto it = waiting_.find(transaction);
        if (it != waiting_.end()) {
            it->second.set_value(event);
            waiting_.erase(it);
        }
    }

    Url url_;
    HttpConnection requests_;  // the set-up thread's
    HttpConnection poll_;      // the long poll's
    std::uint64_t session_ = 0;
    std::atomic<std::uint64_t> transaction_{0};
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::map<std::string, std::promise<json::value>> waiting_;
    std::thread poller_;
};

common::Result<std::unique_ptr<JanusApi>> JanusApi::open(const Url& url) {
    auto impl = std::make_unique<Impl>(url);
    if (auto created = impl->createSession(); !created) {
        return created.error();
    }
    return std::unique_ptr<JanusApi>(new JanusApi(std::move(impl)));
}

JanusApi::JanusApi(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JanusApi::~JanusApi() = default;

common::Result<std::uint64_t> JanusApi::attach(const std::string& plugin) {
    return impl_->attach(plugin);
}

common::Result<json::value> JanusApi::request(std::uint64_t handle, json::object body) {
    return impl_->request(handle, std::move(body));
}

common::Result<json::value> JanusApi::message(std::uint64_t handle, json::object body,
                                              std::optional<json::object> jsep,
                                              std::chrono::milliseconds timeout) {
    return impl_->message(handle, std::move(body), std::move(jsep), timeout);
}

}  // namespace vp::tools::loadtest
