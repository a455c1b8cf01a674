#pragma once
// An HttpServer on 127.0.0.1, port 0, with a temporary web root, the signalling
// endpoint at /ws and a few test routes.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "api/http_server.hpp"
#include "api/signaling_endpoint.hpp"
#include "api/static_files.hpp"
#include "raw_client.hpp"
#include "signaling/ping.hpp"

namespace vp::api::testing {

class ServerFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        webRoot = std::filesystem::temp_directory_path() /
                  ("vp-edge-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(webRoot / "assets");
        write("index.html", "<!doctype html><title>VideoPro</title>");
        write("assets/app-abc123.js", "console.log('plain')");
        write("assets/app-abc123.js.br", "brotli-bytes");
        write("assets/app-abc123.js.gz", "gzip-bytes");
        options.port = 0;
        options.readTimeout = std::chrono::milliseconds(2000);
        options.drainTimeout = std::chrono::milliseconds(3000);
    }

    void TearDown() override {
        if (server) {
            server->stop();
            server->wait();
            server.reset();
        }
        for (auto& t : helpers) {
            t.join();
        }
        std::filesystem::remove_all(webRoot);
    }

    void write(const std::string& rel, const std::string& content) {
        std::ofstream(webRoot / rel, std::ios::binary) << content;
    }

    // Builds the router and starts the server with `options` and `hooks`.
    void start() {
        router.serveStatic(std::make_shared<StaticFiles>(webRoot));
        auto table = std::make_shared<signaling::MethodTable>();
        ASSERT_TRUE(signaling::addPing(*table, common::SystemClock::instance()).ok());
        router.addWebSocket("/ws", std::make_shared<SignalingEndpoint>(table));
        router.add("POST", "/api/echo", [](const Request& r, Reply reply) {
            reply(Response::json(200, "{\"length\":" + std::to_string(r.body.size()) + "}"));
        });
        router.add("GET", "/api/rooms/{id}", [](const Request& r, Reply reply) {
            reply(Response::json(200, "{\"id\":\"" + std::string(*r.param("id")) + "\"}"));
        });
        // Answers from another thread after a delay, as a database call would.
        router.add("GET", "/api/slow", [this](const Request&, Reply reply) {
            std::lock_guard lock(helpersMutex);
            helpers.emplace_back([reply] {
                std::this_thread::sleep_for(std::chrono::milliseconds(400));
                reply(Response::json(200, R"({"slow":true})"));
            });
        });
        server = std::make_unique<HttpServer>(options, router, hooks);
        auto started = server->start();
        ASSERT_TRUE(started.ok()) << started.error().message;
        port = server->port();
        ASSERT_NE(port, 0);
    }

    std::filesystem::path webRoot;
    ServerOptions options;
    ServerHooks hooks;
    Router router;
    std::unique_ptr<HttpServer> server;
    std::uint16_t port = 0;
    std::mutex helpersMutex;
    std::vector<std::thread> helpers;
};

}  // namespace vp::api::testing
