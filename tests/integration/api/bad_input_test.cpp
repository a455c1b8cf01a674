// Bad input: each offending connection is answered with the right status and
// closed, and the server keeps serving everyone else.
#include <sys/resource.h>

#include "server_fixture.hpp"

namespace vp::api::testing {
namespace {

using namespace std::chrono_literals;

class BadInputTest : public ServerFixture {
  protected:
    void expectStillServing() {
        auto health = httpRequest(port, "GET", "/healthz");
        ASSERT_TRUE(health);
        EXPECT_EQ(health->status, 200);
    }
};

TEST_F(BadInputTest, GarbageRequestLineIs400) {
    start();
    RawClient client(port);
    ASSERT_TRUE(client.send("HELLO THERE\r\n\r\n"));
    auto reply = client.readResponse();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 400);
    EXPECT_NE(reply->body.find(R"("code":"bad_request")"), std::string::npos);
    EXPECT_TRUE(client.closedWithin(2s));
    expectStillServing();
}

TEST_F(BadInputTest, OversizedHeadersAre431) {
    start();
    RawClient client(port);
    std::string request =
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20 * 1024, 'a') + "\r\n\r\n";
    ASSERT_TRUE(client.send(request));
    auto reply = client.readResponse();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 431);
    EXPECT_TRUE(client.closedWithin(3s));
    expectStillServing();
}

TEST_F(BadInputTest, OversizedBodyIs413) {
    start();
    RawClient client(port);
    ASSERT_TRUE(client.send(
        "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(2 * 1024 * 1024) +
        "\r\n\r\n" + std::string(64 * 1024, 'b')));
    auto reply = client.readResponse();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 413);
    EXPECT_NE(reply->body.find(R"("code":"body_too_large")"), std::string::npos);
    EXPECT_TRUE(client.closedWithin(3s));
    expectStillServing();
}

TEST_F(BadInputTest, SlowHeadersAreCutAfterTheReadTimeoutWhileOthersAreServed) {
    options.readTimeout = 300ms;
    start();
    RawClient slow(port);
    const auto began = std::chrono::steady_clock::now();
    ASSERT_TRUE(slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Partial: "));
    expectStillServing();  // another client is served meanwhile
    auto reply = slow.readResponse();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 408);
    const auto waited = std::chrono::steady_clock::now() - began;
    EXPECT_GE(waited, 250ms);
    EXPECT_LT(waited, 2s);
    EXPECT_TRUE(slow.closedWithin(2s));
}

TEST_F(BadInputTest, SilentConnectionIsClosedAfterTheReadTimeout) {
    options.readTimeout = 300ms;
    start();
    RawClient silent(port);
    EXPECT_TRUE(silent.closedWithin(2s));
    expectStillServing();
}

TEST_F(BadInputTest, PerIpConnectionCapIsEnforced) {
    options.maxConnectionsPerIp = 3;
    start();
    std::vector<std::unique_ptr<RawClient>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<RawClient>(port));
        ASSERT_TRUE(held.back()->connected());
    }
    std::this_thread::sleep_for(100ms);  // let the server accept them
    RawClient extra(port);
    auto reply = extra.readResponse();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 429);
    EXPECT_NE(reply->body.find(R"("code":"too_many_connections")"), std::string::npos);
    EXPECT_TRUE(extra.closedWithin(2s));

    held.pop_back();  // a slot frees up
    std::this_thread::sleep_for(100ms);
    expectStillServing();
}

TEST_F(BadInputTest, ThousandIdleConnectionsDoNotStopTheServer) {
    raiseFileLimit(4096);
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < 2200) {
        GTEST_SKIP() << "needs 2200 file descriptors, have " << limit.rlim_cur;
    }
    options.maxConnectionsPerIp = 2000;
    options.readTimeout = 10s;
    start();
    std::vector<std::unique_ptr<RawClient>> idle;
    idle.reserve(1000);
    for (int i = 0; i < 1000; ++i) {
        idle.push_back(std::make_unique<RawClient>(port));
        ASSERT_TRUE(idle.back()->connected()) << "connection " << i;
    }
    expectStillServing();
    auto metrics = httpRequest(port, "GET", "/metrics");
    ASSERT_TRUE(metrics);
    const std::string key = "\nvideopro_http_connections_open ";
    auto at = metrics->body.find(key);
    ASSERT_NE(at, std::string::npos);
    EXPECT_GE(std::stoi(metrics->body.substr(at + key.size())), 1000);
}

}  // namespace
}  // namespace vp::api::testing
