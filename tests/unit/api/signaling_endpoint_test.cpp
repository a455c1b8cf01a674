// The adapter between WebSocket sessions and the signalling dispatcher, with a
// recording session in place of a socket (the socket path is covered by the
// integration tests).
#include "api/signaling_endpoint.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "common/clock.hpp"
#include "signaling/ping.hpp"

namespace vp::api {
namespace {

class RecordingSession final : public WebSocketSession {
  public:
    explicit RecordingSession(std::uint64_t id) : id_(id) {}
    void send(std::string text) override { sent.push_back(std::move(text)); }
    void close(std::uint16_t code, std::string) override { closedWith = code; }
    std::uint64_t id() const override { return id_; }
    const Request& upgradeRequest() const override { return request_; }

    std::vector<std::string> sent;
    std::uint16_t closedWith = 0;

  private:
    std::uint64_t id_;
    Request request_;
};

TEST(SignalingEndpointTest, AnswersPingAndTracksChannels) {
    common::FakeClock clock;
    auto table = std::make_shared<signaling::MethodTable>();
    ASSERT_TRUE(signaling::addPing(*table, clock).ok());
    SignalingEndpoint endpoint(table);
    auto a = std::make_shared<RecordingSession>(1);
    auto b = std::make_shared<RecordingSession>(2);
    endpoint.onOpen(a);
    endpoint.onOpen(b);
    EXPECT_EQ(endpoint.openChannels(), 2u);

    endpoint.onText(a, R"({"id":1,"method":"ping"})");
    ASSERT_EQ(a->sent.size(), 1u);
    EXPECT_EQ(a->sent[0], R"({"id":1,"ok":true,"data":{"time":1800000000000}})");
    EXPECT_TRUE(b->sent.empty());

    endpoint.onClose(a);
    EXPECT_EQ(endpoint.openChannels(), 1u);
    endpoint.onText(a, R"({"id":2,"method":"ping"})");  // after close: ignored
    EXPECT_EQ(a->sent.size(), 1u);
}

TEST(SignalingEndpointTest, BadFramesAreCountedPerSession) {
    auto table = std::make_shared<signaling::MethodTable>();
    SignalingEndpoint endpoint(table, signaling::DispatcherLimits{{}, 2});
    auto a = std::make_shared<RecordingSession>(1);
    auto b = std::make_shared<RecordingSession>(2);
    endpoint.onOpen(a);
    endpoint.onOpen(b);
    for (int i = 0; i < 3; ++i) {
        endpoint.onText(a, "not json");
    }
    endpoint.onText(b, "not json");
    EXPECT_EQ(a->closedWith, 1008);
    EXPECT_EQ(b->closedWith, 0);
}

}  // namespace
}  // namespace vp::api
