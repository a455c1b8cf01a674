// IceClient against a real IceServer, wired back to back in memory.
#include "sfu/ice/ice_client.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <vector>

#include "sfu/ice/ice_server.hpp"
#include "sfu/packet/stun_writer.hpp"

namespace vp::sfu::ice {
namespace {

using namespace std::chrono_literals;

const net::SocketAddress kClientAddress = net::SocketAddress::v4({198, 51, 100, 9}, 5555);

class IceClientTest : public ::testing::Test {
  protected:
    IceClientTest() {
        IceServerEvents events;
        events.sendTo = [this](std::span<const std::uint8_t> b, const net::SocketAddress&) {
            toClient.emplace_back(b.begin(), b.end());
        };
        server = std::make_unique<IceServer>(serverParams, IceServerOptions{}, events, clock);
    }

    std::unique_ptr<IceClient> makeClient(std::string remotePassword) {
        IceClientOptions options;
        options.localUfrag = "cliufrag";
        options.localPassword = "client-password-0123456789";
        options.remoteUfrag = serverParams.usernameFragment;
        options.remotePassword = std::move(remotePassword);
        return std::make_unique<IceClient>(
            options,
            [this](std::span<const std::uint8_t> b) { toServer.emplace_back(b.begin(), b.end()); },
            clock, common::SecureRandom::instance());
    }

    // Delivers everything in flight, both ways.
    void pump(IceClient& client) {
        while (!toServer.empty() || !toClient.empty()) {
            while (!toServer.empty()) {
                auto msg = packet::StunMessageView::parse(toServer.front());
                ASSERT_TRUE(msg);
                server->handleStun(*msg, kClientAddress);
                toServer.pop_front();
            }
            while (!toClient.empty()) {
                auto msg = packet::StunMessageView::parse(toClient.front());
                ASSERT_TRUE(msg);
                EXPECT_TRUE(client.handleResponse(*msg));
                toClient.pop_front();
            }
        }
    }

    common::FakeClock clock;
    IceParameters serverParams = generateIceParameters(common::SecureRandom::instance());
    std::unique_ptr<IceServer> server;
    std::deque<std::vector<std::uint8_t>> toServer;
    std::deque<std::vector<std::uint8_t>> toClient;
};

TEST_F(IceClientTest, NominatingCheckSucceedsAndLearnsTheMappedAddress) {
    auto client = makeClient(serverParams.password);
    ASSERT_TRUE(client->sendCheck(true).ok());
    EXPECT_EQ(client->state(), IceClientState::Checking);
    pump(*client);
    EXPECT_EQ(client->state(), IceClientState::Succeeded);
    EXPECT_EQ(client->mappedAddress(), kClientAddress);
    EXPECT_EQ(server->state(), IceState::Completed);
    EXPECT_EQ(server->selectedTuple(), kClientAddress);
}

TEST_F(IceClientTest, WrongPasswordFailsWith401) {
    auto client = makeClient("wrong-password-0123456789xx");
    ASSERT_TRUE(client->sendCheck(true).ok());
    pump(*client);
    EXPECT_EQ(client->state(), IceClientState::Failed);
    EXPECT_EQ(client->lastErrorCode(), 401);
    EXPECT_EQ(server->state(), IceState::New);
}

TEST_F(IceClientTest, RetransmitsWithDoublingTimeoutThenFails) {
    auto client = makeClient(serverParams.password);
    ASSERT_TRUE(client->sendCheck(false).ok());
    EXPECT_EQ(toServer.size(), 1u);
    client->tick();
    EXPECT_EQ(toServer.size(), 1u);  // not due yet
    std::chrono::milliseconds rto = 100ms;
    for (unsigned i = 2; i <= 7; ++i) {
        clock.advance(rto);
        client->tick();
        EXPECT_EQ(client->transmissions(), i);
        rto *= 2;
    }
    // Retransmissions reuse the transaction id.
    EXPECT_TRUE(std::equal(toServer.front().begin() + 8, toServer.front().begin() + 20,
                           toServer.back().begin() + 8));
    clock.advance(rto);
    client->tick();
    EXPECT_EQ(client->state(), IceClientState::Failed);
    EXPECT_EQ(client->lastErrorCode(), 0);
}

TEST_F(IceClientTest, IgnoresResponsesToOtherTransactionsAndForgeries) {
    auto client = makeClient(serverParams.password);
    ASSERT_TRUE(client->sendCheck(true).ok());
    auto request = packet::StunMessageView::parse(toServer.front());
    ASSERT_TRUE(request);
    // A success response signed with another password is not accepted.
    std::array<std::uint8_t, 128> forged{};
    auto size = packet::writeBindingSuccess(forged, request->transactionId(),
                                            packet::StunAddress::v4({1, 2, 3, 4}, 1),
                                            packet::Bytes(forged.data(), 0) /* no key */);
    ASSERT_TRUE(size.ok());
    EXPECT_FALSE(client->handleResponse(
        *packet::StunMessageView::parse(packet::Bytes(forged).first(*size))));
    // Another transaction id is not ours.
    packet::StunTransactionId other{};
    other.fill(0xEE);
    size = packet::writeBindingSuccess(
        forged, other, packet::StunAddress::v4({1, 2, 3, 4}, 1),
        packet::Bytes(reinterpret_cast<const std::uint8_t*>(serverParams.password.data()),
                      serverParams.password.size()));
    ASSERT_TRUE(size.ok());
    EXPECT_FALSE(client->handleResponse(
        *packet::StunMessageView::parse(packet::Bytes(forged).first(*size))));
    EXPECT_EQ(client->state(), IceClientState::Checking);
    pump(*client);
    EXPECT_EQ(client->state(), IceClientState::Succeeded);
}

TEST_F(IceClientTest, FollowsAnIceRestart) {
    auto client = makeClient(serverParams.password);
    ASSERT_TRUE(client->sendCheck(true).ok());
    pump(*client);
    const IceParameters fresh = generateIceParameters(common::SecureRandom::instance());
    server->restart(fresh);
    ASSERT_TRUE(client->sendCheck(true).ok());
    pump(*client);
    EXPECT_EQ(client->lastErrorCode(), 401);
    client->setRemoteCredentials(fresh.usernameFragment, fresh.password);
    ASSERT_TRUE(client->sendCheck(true).ok());
    pump(*client);
    EXPECT_EQ(client->state(), IceClientState::Succeeded);
}

}  // namespace
}  // namespace vp::sfu::ice
