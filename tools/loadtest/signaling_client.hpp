#pragma once
// SignalingClient: VideoPro's signalling over one WebSocket ({id, method, data}
// requests, {id, ok, data | error} replies), asynchronous on a SignalingHub's
// single network thread so hundreds of peers share it. Notifications are read
// and counted (the server closes a peer that does not read), not interpreted.
// Beast stays inside signaling_client.cpp.
#include <boost/json/value.hpp>

#include <atomic>
#include <future>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "tools/loadtest/url.hpp"

namespace vp::tools::loadtest {

using Reply = common::Result<boost::json::value>;

class SignalingHub {
  public:
    SignalingHub();
    ~SignalingHub();  // closes every connection and joins the thread
    SignalingHub(const SignalingHub&) = delete;
    SignalingHub& operator=(const SignalingHub&) = delete;

    class Impl;
    Impl& impl() { return *impl_; }

  private:
    std::unique_ptr<Impl> impl_;
};

class SignalingClient {
  public:
    // Connects and completes the WebSocket handshake (blocking).
    static common::Result<std::unique_ptr<SignalingClient>> connect(SignalingHub& hub,
                                                                    const Url& url);
    ~SignalingClient();
    SignalingClient(const SignalingClient&) = delete;
    SignalingClient& operator=(const SignalingClient&) = delete;

    // Sends a request; the future holds the reply's data or its error.
    std::future<Reply> request(std::string method, boost::json::object data);
    std::uint64_t notificationsReceived() const;

    class Impl;

  private:
    explicit SignalingClient(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> impl_;
};

// Waits for a reply with a timeout (an error when it expires).
Reply awaitReply(std::future<Reply>& reply, std::chrono::milliseconds timeout);

}  // namespace vp::tools::loadtest
