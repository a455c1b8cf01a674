#pragma once
// JanusApi: Janus's HTTP JSON API (one session): attach plugin handles, send
// plugin messages with an optional JSEP, and wait for the asynchronous event that
// answers a transaction; a long-poll thread collects the session's events.
// Beast stays inside janus_api.cpp.
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "common/result.hpp"
#include "tools/loadtest/url.hpp"

namespace vp::tools::loadtest {

class JanusApi {
  public:
    static common::Result<std::unique_ptr<JanusApi>> open(const Url& url);
    ~JanusApi();  // destroys the session, stops the long poll
    JanusApi(const JanusApi&) = delete;
    JanusApi& operator=(const JanusApi&) = delete;

    common::Result<std::uint64_t> attach(const std::string& plugin);
    // A synchronous plugin request (e.g. "create"): the plugin's data of the reply.
    common::Result<boost::json::value> request(std::uint64_t handle, boost::json::object body);
    // An asynchronous one (join, start): the whole event that answers it.
    common::Result<boost::json::value> message(std::uint64_t handle, boost::json::object body,
                                               std::optional<boost::json::object> jsep,
                                               std::chrono::milliseconds timeout);

    class Impl;

  private:
    explicit JanusApi(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace vp::tools::loadtest
