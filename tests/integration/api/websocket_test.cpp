// WebSocket over real sockets: the ping method, error replies, and closing only
// the connection that misbehaves.
#include "server_fixture.hpp"

namespace vp::api::testing {
namespace {

using namespace std::chrono_literals;

class WebSocketTest : public ServerFixture {
  protected:
    std::unique_ptr<RawClient> open() {
        auto client = std::make_unique<RawClient>(port);
        EXPECT_TRUE(client->upgrade("/ws"));
        return client;
    }
    std::string call(RawClient& client, const std::string& frame) {
        EXPECT_TRUE(client.sendText(frame));
        auto reply = client.readFrame();
        EXPECT_TRUE(reply);
        return reply ? reply->payload : std::string{};
    }
    void expectWorking(RawClient& client) {
        EXPECT_NE(call(client, R"({"id":99,"method":"ping"})").find(R"({"id":99,"ok":true)"),
                  std::string::npos);
    }
};

TEST_F(WebSocketTest, PingAnswersServerTime) {
    start();
    auto client = open();
    const auto before = common::toUnixMillis(std::chrono::system_clock::now());
    std::string reply = call(*client, R"({"id":1,"method":"ping","data":{}})");
    const std::string prefix = R"({"id":1,"ok":true,"data":{"time":)";
    ASSERT_EQ(reply.substr(0, prefix.size()), prefix) << reply;
    const auto time = std::stoll(reply.substr(prefix.size()));
    EXPECT_GE(time, before);
    EXPECT_LE(time, before + 5000);

    auto metrics = httpRequest(port, "GET", "/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("videopro_websocket_open 1"), std::string::npos);
}

TEST_F(WebSocketTest, UnknownMethodAndMalformedJsonAnswerErrors) {
    start();
    auto client = open();
    EXPECT_NE(call(*client, R"({"id":"a","method":"nope"})")
                  .find(R"({"id":"a","ok":false,"error":{"code":"unknown_method")"),
              std::string::npos);
    EXPECT_NE(call(*client, "{broken").find(R"("code":"bad_json")"), std::string::npos);
    expectWorking(*client);
}

TEST_F(WebSocketTest, TooManyMalformedFramesCloseWith1008) {
    start();
    auto bad = open();
    auto good = open();
    for (int i = 0; i < 6; ++i) {
        ASSERT_TRUE(bad->sendText("not json"));
    }
    std::optional<WsFrame> frame;
    while ((frame = bad->readFrame()) && frame->opcode != 0x8) {
    }
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->closeCode(), 1008);
    expectWorking(*good);
}

TEST_F(WebSocketTest, UnmaskedClientFrameClosesOnlyThatSocket) {
    start();
    auto bad = open();
    auto good = open();
    ASSERT_TRUE(bad->sendFrame(0x81, R"({"id":1,"method":"ping"})", /*masked=*/false));
    auto frame = bad->readFrame();
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->opcode, 0x8);
    EXPECT_EQ(frame->closeCode(), 1002);
    EXPECT_TRUE(bad->closedWithin(3s));
    expectWorking(*good);
}

TEST_F(WebSocketTest, ReservedOpcodeClosesOnlyThatSocket) {
    start();
    auto bad = open();
    auto good = open();
    ASSERT_TRUE(bad->sendFrame(0x83, "x", true));  // opcode 3 is reserved
    auto frame = bad->readFrame();
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->closeCode(), 1002);
    EXPECT_TRUE(bad->closedWithin(3s));
    expectWorking(*good);
}

TEST_F(WebSocketTest, OversizedMessageClosesWith1009) {
    options.wsMaxMessageBytes = 1024;
    start();
    auto bad = open();
    auto good = open();
    ASSERT_TRUE(bad->sendText(std::string(4096, 'x')));
    auto frame = bad->readFrame();
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->closeCode(), 1009);
    expectWorking(*good);
}

TEST_F(WebSocketTest, UnknownWebSocketPathIs404) {
    start();
    RawClient client(port);
    ASSERT_TRUE(client.send(
        "GET /elsewhere HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
    auto reply = client.readResponse();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 404);
}

TEST_F(WebSocketTest, DrainClosesWebSocketsWith1001) {
    start();
    auto client = open();
    expectWorking(*client);
    server->stop();
    auto frame = client->readFrame();
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->closeCode(), 1001);
    client->sendFrame(0x88, std::string("\x03\xe9", 2), true);  // answer the close
    server->wait();
}

}  // namespace
}  // namespace vp::api::testing
