// The edge over real sockets: built-in routes, routing, JSON errors, static
// serving, the request log and the graceful drain.
#include <condition_variable>
#include <future>

#include "server_fixture.hpp"

namespace vp::api::testing {
namespace {

using namespace std::chrono_literals;

class HttpServerTest : public ServerFixture {};

TEST_F(HttpServerTest, HealthzAndReadyzWhenReady) {
    hooks.checkReady = [](std::function<void(bool, std::string)> answer) {
        std::thread([answer] { answer(true, ""); }).detach();  // answered off-thread
    };
    start();
    auto health = httpRequest(port, "GET", "/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    EXPECT_EQ(health->body, R"({"status":"alive"})");
    auto ready = httpRequest(port, "GET", "/readyz");
    ASSERT_TRUE(ready);
    EXPECT_EQ(ready->status, 200);
    EXPECT_EQ(ready->body, R"({"status":"ready"})");
}

TEST_F(HttpServerTest, ReadyzIs503WhenTheDatabaseIsUnreachable) {
    hooks.checkReady = [](std::function<void(bool, std::string)> answer) {
        answer(false, "database unreachable: connection refused");
    };
    start();
    auto ready = httpRequest(port, "GET", "/readyz");
    ASSERT_TRUE(ready);
    EXPECT_EQ(ready->status, 503);
    EXPECT_EQ(ready->header("content-type"), "application/json");
    EXPECT_EQ(
        ready->body,
        R"({"error":{"code":"not_ready","message":"database unreachable: connection refused"}})");
}

TEST_F(HttpServerTest, MetricsInPrometheusTextFormat) {
    hooks.appendMetrics = [](std::string& out) {
        out += "# TYPE videopro_db_pool_in_use gauge\nvideopro_db_pool_in_use 3\n";
    };
    start();
    ASSERT_TRUE(httpRequest(port, "GET", "/healthz"));
    ASSERT_TRUE(httpRequest(port, "GET", "/api/rooms/42"));
    ASSERT_TRUE(httpRequest(port, "GET", "/api/nope"));
    auto metrics = httpRequest(port, "GET", "/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_EQ(metrics->status, 200);
    EXPECT_EQ(metrics->header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const std::string& m = metrics->body;
    EXPECT_NE(m.find(R"(videopro_http_requests_total{route="/healthz",status="200"} 1)"),
              std::string::npos)
        << m;
    // The route label is the pattern, not the raw path with ids.
    EXPECT_NE(m.find(R"(videopro_http_requests_total{route="/api/rooms/{id}",status="200"} 1)"),
              std::string::npos);
    EXPECT_NE(m.find(R"(videopro_http_requests_total{route="unmatched",status="404"} 1)"),
              std::string::npos);
    EXPECT_NE(m.find("# TYPE videopro_http_request_duration_seconds histogram"), std::string::npos);
    EXPECT_NE(m.find("videopro_http_request_duration_seconds_count 3"), std::string::npos);
    EXPECT_NE(m.find("videopro_websocket_open 0"), std::string::npos);
    EXPECT_NE(m.find("videopro_db_pool_in_use 3"), std::string::npos);
}

TEST_F(HttpServerTest, ApiErrorsAreJsonWithTheRightStatus) {
    start();
    auto missing = httpRequest(port, "GET", "/api/does-not-exist");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(missing->header("content-type"), "application/json");
    EXPECT_EQ(missing->body, R"({"error":{"code":"not_found","message":"No such endpoint."}})");

    auto wrongMethod = httpRequest(port, "DELETE", "/api/echo");
    ASSERT_TRUE(wrongMethod);
    EXPECT_EQ(wrongMethod->status, 405);
    EXPECT_EQ(wrongMethod->header("allow"), "POST");
    EXPECT_NE(wrongMethod->body.find(R"("code":"method_not_allowed")"), std::string::npos);
}

TEST_F(HttpServerTest, RoutesWithParametersBodiesAndLateReplies) {
    start();
    auto room = httpRequest(port, "GET", "/api/rooms/123456789?x=1");
    ASSERT_TRUE(room);
    EXPECT_EQ(room->body, R"({"id":"123456789"})");
    auto echo = httpRequest(port, "POST", "/api/echo", "Content-Type: text/plain\r\n", "hello");
    ASSERT_TRUE(echo);
    EXPECT_EQ(echo->body, R"({"length":5})");
    auto slow = httpRequest(port, "GET", "/api/slow");
    ASSERT_TRUE(slow);
    EXPECT_EQ(slow->status, 200);
    EXPECT_EQ(slow->body, R"({"slow":true})");
}

TEST_F(HttpServerTest, ExpectContinueGets100BeforeTheBody) {
    start();
    RawClient client(port);
    ASSERT_TRUE(
        client.send("POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                    "Expect: 100-continue\r\n\r\n"));
    auto interim = client.readResponse();
    ASSERT_TRUE(interim);
    EXPECT_EQ(interim->status, 100);
    ASSERT_TRUE(client.send("abc"));
    auto reply = client.readResponse();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->body, R"({"length":3})");
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    start();
    RawClient client(port);
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
        auto reply = client.readResponse();
        ASSERT_TRUE(reply);
        EXPECT_EQ(reply->status, 200);
    }
}

TEST_F(HttpServerTest, StaticFilesWithSpaFallbackEtagAndPrecompression) {
    start();
    auto index = httpRequest(port, "GET", "/meetings/123456789");
    ASSERT_TRUE(index);
    EXPECT_EQ(index->status, 200);
    EXPECT_EQ(index->body, "<!doctype html><title>VideoPro</title>");
    EXPECT_EQ(index->header("cache-control"), "no-cache");

    auto br = httpRequest(port, "GET", "/assets/app-abc123.js", "Accept-Encoding: gzip, br\r\n");
    ASSERT_TRUE(br);
    EXPECT_EQ(br->body, "brotli-bytes");
    EXPECT_EQ(br->header("content-encoding"), "br");
    EXPECT_EQ(br->header("vary"), "Accept-Encoding");
    EXPECT_EQ(br->header("content-type"), "text/javascript; charset=utf-8");

    auto gz = httpRequest(port, "GET", "/assets/app-abc123.js", "Accept-Encoding: gzip\r\n");
    ASSERT_TRUE(gz);
    EXPECT_EQ(gz->body, "gzip-bytes");
    EXPECT_EQ(gz->header("content-encoding"), "gzip");

    const std::string etag = br->header("etag");
    auto notModified = httpRequest(port, "GET", "/assets/app-abc123.js",
                                   "Accept-Encoding: br\r\nIf-None-Match: " + etag + "\r\n");
    ASSERT_TRUE(notModified);
    EXPECT_EQ(notModified->status, 304);
    EXPECT_TRUE(notModified->body.empty());

    auto head = httpRequest(port, "HEAD", "/assets/app-abc123.js");
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->header("content-length"), "20");
    EXPECT_TRUE(head->body.empty());

    auto traversal = httpRequest(port, "GET", "/assets/%2e%2e/%2e%2e/etc/passwd");
    ASSERT_TRUE(traversal);
    EXPECT_EQ(traversal->status, 400);
    auto missing = httpRequest(port, "GET", "/missing.png");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
}

TEST_F(HttpServerTest, EveryRequestReachesTheOperationLog) {
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<RequestRecord> records;
    hooks.recordRequest = [&](const RequestRecord& r) {
        std::lock_guard lock(mutex);
        records.push_back(r);
        cv.notify_all();
    };
    start();
    ASSERT_TRUE(httpRequest(port, "GET", "/api/rooms/7"));
    std::unique_lock lock(mutex);
    ASSERT_TRUE(cv.wait_for(lock, 2s, [&] { return !records.empty(); }));
    EXPECT_EQ(records[0].method, "GET");
    EXPECT_EQ(records[0].route, "/api/rooms/{id}");
    EXPECT_EQ(records[0].status, 200);
    EXPECT_EQ(records[0].clientIp, "127.0.0.1");
    EXPECT_GE(records[0].latencyMicros, 0);
}

TEST_F(HttpServerTest, GracefulDrainLetsInFlightRequestsFinish) {
    start();
    RawClient slow(port);
    ASSERT_TRUE(slow.send("GET /api/slow HTTP/1.1\r\nHost: x\r\n\r\n"));
    RawClient idle(port);
    ASSERT_TRUE(idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(idle.readResponse());  // now idle on keep-alive
    std::this_thread::sleep_for(100ms);

    const auto stopAt = std::chrono::steady_clock::now();
    server->stop();
    EXPECT_TRUE(idle.closedWithin(1s));  // idle keep-alive connections close at once
    auto reply = slow.readResponse();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, R"({"slow":true})");
    EXPECT_EQ(reply->header("connection"), "close");
    server->wait();
    EXPECT_LT(std::chrono::steady_clock::now() - stopAt, 2s);  // not the full drainTimeout
    RawClient late(port, 500ms);
    EXPECT_FALSE(late.connected() && late.send("GET /healthz HTTP/1.1\r\n\r\n") &&
                 late.readResponse().has_value());
}

TEST_F(HttpServerTest, StartNamesTheAddressWhenThePortIsTaken) {
    start();
    ServerOptions clash = options;
    clash.port = port;
    Router other;
    HttpServer second(clash, other);
    auto status = second.start();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().message.find("127.0.0.1:" + std::to_string(port)), std::string::npos)
        << status.error().message;
}

}  // namespace
}  // namespace vp::api::testing
