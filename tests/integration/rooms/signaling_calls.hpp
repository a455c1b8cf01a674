#pragma once
// Calls into the signalling dispatcher from recording channels, for the room
// and meeting service tests: a request, its reply (waited for: replies may come
// from a media worker), and publishing a microphone from a fixture.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "recording_channel.hpp"
#include "signaling/dispatcher.hpp"

namespace vp::rooms::test {

inline std::string fixture(const std::string& name) {
    std::ifstream in(std::string(VP_RTP_FIXTURES_DIR) + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// One participant: a recording channel and the request ids it used.
struct Client {
    std::shared_ptr<RecordingChannel> channel;
    signaling::PeerState state;
    std::int64_t nextId = 1;
};

class SignalingCalls : public ::testing::Test {
  protected:
    // Sends a request and waits for its reply.
    boost::json::object call(Client& c, const std::string& method, boost::json::object data = {}) {
        namespace json = boost::json;
        const std::int64_t id = c.nextId++;
        json::object request;
        request["id"] = id;
        request["method"] = method;
        request["data"] = std::move(data);
        dispatcher_->onFrame(c.channel, c.state, json::serialize(request));
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (std::chrono::steady_clock::now() < deadline) {
            for (const auto& frame : c.channel->frames()) {
                const auto& obj = frame.as_object();
                if (obj.contains("id") && obj.at("id").is_int64() &&
                    obj.at("id").as_int64() == id) {
                    return obj;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        ADD_FAILURE() << "no reply to " << method;
        return {};
    }

    boost::json::object ok(Client& c, const std::string& method, boost::json::object data = {}) {
        boost::json::object reply = call(c, method, std::move(data));
        EXPECT_TRUE(reply.contains("ok") && reply.at("ok").as_bool())
            << method << ": " << boost::json::serialize(reply);
        return reply.contains("data") && reply.at("data").is_object() ? reply.at("data").as_object()
                                                                      : boost::json::object{};
    }

    std::string errorCode(Client& c, const std::string& method, boost::json::object data = {}) {
        boost::json::object reply = call(c, method, std::move(data));
        return reply.contains("error") ? std::string(reply.at("error").at("code").as_string()) : "";
    }

    // Creates a send transport and produces an Opus microphone; returns its id.
    std::string produceMic(Client& c) {
        boost::json::object transport;
        transport["direction"] = "send";
        const auto info = ok(c, "createWebRtcTransport", transport);
        boost::json::object data;
        data["transportId"] = info.at("id");
        data["kind"] = "audio";
        data["rtpParameters"] = boost::json::parse(fixture("chrome_opus_producer.json"));
        data["appData"] = boost::json::parse(R"({"source":"mic"})");
        return std::string(ok(c, "produce", data).at("id").as_string());
    }

    std::unique_ptr<signaling::Dispatcher> dispatcher_;
};

}  // namespace vp::rooms::test
