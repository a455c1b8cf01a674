#include "signaling/dispatcher.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "common/clock.hpp"
#include "signaling/ping.hpp"

namespace vp::signaling {
namespace {

class RecordingChannel final : public Channel {
  public:
    void send(std::string text) override { sent.push_back(std::move(text)); }
    void close(std::uint16_t code, std::string reason) override {
        closedWith = code;
        closeReason = std::move(reason);
    }
    std::uint64_t id() const override { return 9; }

    std::vector<std::string> sent;
    std::uint16_t closedWith = 0;
    std::string closeReason;
};

class DispatcherTest : public ::testing::Test {
  protected:
    DispatcherTest() { EXPECT_TRUE(addPing(*table, clock).ok()); }
    common::FakeClock clock;
    std::shared_ptr<MethodTable> table = std::make_shared<MethodTable>();
    std::shared_ptr<RecordingChannel> channel = std::make_shared<RecordingChannel>();
    PeerState peer;
};

TEST_F(DispatcherTest, PingAnswersServerTime) {
    Dispatcher d(table);
    clock.advance(std::chrono::milliseconds(5));
    d.onFrame(channel, peer, R"({"id":"p1","method":"ping","data":{}})");
    ASSERT_EQ(channel->sent.size(), 1u);
    EXPECT_EQ(channel->sent[0], R"({"id":"p1","ok":true,"data":{"time":1800000000005}})");
}

TEST_F(DispatcherTest, UnknownMethodAnswersErrorWithItsId) {
    Dispatcher d(table);
    d.onFrame(channel, peer, R"({"id":4,"method":"launchRockets"})");
    ASSERT_EQ(channel->sent.size(), 1u);
    EXPECT_NE(channel->sent[0].find(R"({"id":4,"ok":false,"error":{"code":"unknown_method")"),
              std::string::npos);
    EXPECT_EQ(peer.badFrames, 0);
}

TEST_F(DispatcherTest, MalformedFramesAnswerThenCloseWith1008) {
    Dispatcher d(table, DispatcherLimits{{}, 3});
    for (int i = 0; i < 3; ++i) {
        d.onFrame(channel, peer, "{oops");
        EXPECT_EQ(channel->closedWith, 0);
    }
    d.onFrame(channel, peer, "{oops");
    EXPECT_EQ(channel->closedWith, kClosePolicyViolation);
    ASSERT_EQ(channel->sent.size(), 4u);
    EXPECT_NE(channel->sent[0].find(R"("code":"bad_json")"), std::string::npos);
}

TEST_F(DispatcherTest, HandlersMayAnswerLaterAndRegistrationIsUnique) {
    Respond saved;
    ASSERT_TRUE(table
                    ->add("later",
                          [&](const Call& call, Respond respond) {
                              EXPECT_EQ(call.channel->id(), 9u);
                              saved = std::move(respond);
                          })
                    .ok());
    EXPECT_FALSE(table->add("later", [](const Call&, Respond) {}).ok());
    Dispatcher d(table);
    d.onFrame(channel, peer, R"({"id":1,"method":"later"})");
    EXPECT_TRUE(channel->sent.empty());
    saved(Outcome::success());
    ASSERT_EQ(channel->sent.size(), 1u);
    EXPECT_EQ(channel->sent[0], R"({"id":1,"ok":true,"data":{}})");
    EXPECT_EQ(table->methods(), (std::vector<std::string>{"later", "ping"}));
}

TEST_F(DispatcherTest, FramesOverThePerSecondBoundAnswerRateLimited) {
    Dispatcher d(table, DispatcherLimits{{}, 5, 3}, clock);
    for (int i = 0; i < 4; ++i) {
        d.onFrame(channel, peer, R"({"id":1,"method":"ping"})");
    }
    ASSERT_EQ(channel->sent.size(), 4u);
    EXPECT_NE(channel->sent[2].find(R"("ok":true)"), std::string::npos);
    EXPECT_NE(channel->sent[3].find(R"({"id":1,"ok":false,"error":{"code":"rate_limited")"),
              std::string::npos);
    EXPECT_EQ(channel->closedWith, 0);
    clock.advance(std::chrono::seconds(1));
    d.onFrame(channel, peer, R"({"id":2,"method":"ping"})");
    EXPECT_NE(channel->sent[4].find(R"("ok":true)"), std::string::npos);
}

}  // namespace
}  // namespace vp::signaling
