// IceServer: which binding requests are answered, how, and what they do to the
// selected tuple and the ICE state (nomination, consent freshness, restart).
#include "sfu/ice/ice_server.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "stun_test_messages.hpp"

namespace vp::sfu::ice {
namespace {

using namespace std::chrono_literals;
using testing::asBytes;
using testing::buildRequest;
using testing::RequestSpec;
using testing::view;

const IceParameters kLocal{"srvufrag", "server-password-0123456789", true};
const net::SocketAddress kPeerA = net::SocketAddress::v4({192, 0, 2, 1}, 40000);
const net::SocketAddress kPeerB = net::SocketAddress::v4({192, 0, 2, 2}, 40001);
const net::SocketAddress kPeerC = net::SocketAddress::v4({192, 0, 2, 3}, 40002);

struct Sent {
    std::vector<std::uint8_t> bytes;
    net::SocketAddress to;
};

class IceServerTest : public ::testing::Test {
  protected:
    IceServerTest() { makeServer({}); }

    void makeServer(IceServerOptions options) {
        IceServerEvents events;
        events.sendTo = [this](std::span<const std::uint8_t> b, const net::SocketAddress& to) {
            sent.push_back(Sent{{b.begin(), b.end()}, to});
        };
        events.onStateChanged = [this](IceState s) { states.push_back(s); };
        events.onSelectedTupleChanged = [this](const std::optional<net::SocketAddress>& t) {
            selections.push_back(t);
        };
        events.onTupleAdded = [this](const net::SocketAddress& a) { added.push_back(a); };
        events.onTupleRemoved = [this](const net::SocketAddress& a) { removed.push_back(a); };
        server = std::make_unique<IceServer>(kLocal, options, events, clock);
    }

    StunVerdict deliver(const RequestSpec& spec, const net::SocketAddress& from = kPeerA) {
        const auto bytes = buildRequest(spec);
        return server->handleStun(view(bytes), from);
    }

    // The error code of the last response, 0 for a success response.
    std::uint16_t lastResponseCode() {
        auto msg = packet::StunMessageView::parse(sent.back().bytes);
        EXPECT_TRUE(msg && msg->verifyFingerprint());
        if (msg->messageClass() == packet::StunClass::SuccessResponse) {
            return 0;
        }
        return msg->errorCode().value().code;
    }

    common::FakeClock clock;
    std::unique_ptr<IceServer> server;
    std::vector<Sent> sent;
    std::vector<IceState> states;
    std::vector<std::optional<net::SocketAddress>> selections;
    std::vector<net::SocketAddress> added;
    std::vector<net::SocketAddress> removed;
};

TEST_F(IceServerTest, ValidCheckIsAnsweredWithMappedAddressIntegrityAndFingerprint) {
    EXPECT_EQ(deliver({}), StunVerdict::Accepted);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].to, kPeerA);
    auto msg = packet::StunMessageView::parse(sent[0].bytes);
    ASSERT_TRUE(msg);
    EXPECT_EQ(msg->messageClass(), packet::StunClass::SuccessResponse);
    EXPECT_TRUE(msg->verifyMessageIntegrity(asBytes(kLocal.password)));
    EXPECT_TRUE(msg->verifyFingerprint());
    auto mapped = msg->xorMappedAddress();
    ASSERT_TRUE(mapped);
    EXPECT_EQ(mapped->port, 40000);
    EXPECT_EQ(mapped->ip[3], 1);
    std::array<std::uint8_t, 12> txid{};
    txid.fill(1);
    EXPECT_TRUE(std::equal(txid.begin(), txid.end(), msg->transactionId().begin()));
}

TEST_F(IceServerTest, CheckWithoutNominationConnectsAndNominationCompletes) {
    EXPECT_EQ(deliver({}), StunVerdict::Accepted);
    EXPECT_EQ(server->state(), IceState::Connected);
    EXPECT_EQ(server->selectedTuple(), kPeerA);
    EXPECT_EQ(added, std::vector<net::SocketAddress>{kPeerA});

    RequestSpec nominate;
    nominate.useCandidate = true;
    EXPECT_EQ(deliver(nominate), StunVerdict::Accepted);
    EXPECT_EQ(server->state(), IceState::Completed);
    EXPECT_EQ(states, (std::vector<IceState>{IceState::Connected, IceState::Completed}));
    EXPECT_EQ(added.size(), 1u);  // same tuple, refreshed
}

TEST_F(IceServerTest, NominationOfAnotherTupleMovesTheSelection) {
    RequestSpec nominate;
    nominate.useCandidate = true;
    deliver({}, kPeerA);
    deliver(nominate, kPeerB);
    EXPECT_EQ(server->selectedTuple(), kPeerB);
    EXPECT_EQ(server->state(), IceState::Completed);
    deliver({}, kPeerA);  // a plain check does not steal the nominated tuple
    EXPECT_EQ(server->selectedTuple(), kPeerB);
    deliver(nominate, kPeerA);  // renomination does
    EXPECT_EQ(server->selectedTuple(), kPeerA);
    EXPECT_EQ(server->tuples().size(), 2u);
}

TEST_F(IceServerTest, WrongUfragIsUnauthorized) {
    RequestSpec spec;
    spec.username = "otherufrag:cliufrag";
    EXPECT_EQ(deliver(spec), StunVerdict::Rejected);
    EXPECT_EQ(lastResponseCode(), 401);
    EXPECT_EQ(server->state(), IceState::New);
    EXPECT_TRUE(added.empty());
    // Error responses to unauthenticated requests carry no MESSAGE-INTEGRITY.
    EXPECT_FALSE(packet::StunMessageView::parse(sent.back().bytes)->hasMessageIntegrity());
}

TEST_F(IceServerTest, UsernameWithoutRemoteUfragIsUnauthorized) {
    RequestSpec spec;
    spec.username = "srvufrag";
    EXPECT_EQ(deliver(spec), StunVerdict::Rejected);
    EXPECT_EQ(lastResponseCode(), 401);
}

TEST_F(IceServerTest, WrongIntegrityIsUnauthorized) {
    RequestSpec spec;
    spec.password = "not-the-server-password!!";
    EXPECT_EQ(deliver(spec), StunVerdict::Rejected);
    EXPECT_EQ(lastResponseCode(), 401);
    EXPECT_EQ(server->stats().unauthorized, 1u);
    EXPECT_FALSE(server->selectedTuple());
}

TEST_F(IceServerTest, MissingIntegrityOrUsernameIsBadRequest) {
    RequestSpec noIntegrity;
    noIntegrity.withIntegrity = false;
    EXPECT_EQ(deliver(noIntegrity), StunVerdict::Rejected);
    EXPECT_EQ(lastResponseCode(), 400);
    RequestSpec noUsername;
    noUsername.withUsername = false;
    EXPECT_EQ(deliver(noUsername), StunVerdict::Rejected);
    EXPECT_EQ(lastResponseCode(), 400);
    EXPECT_EQ(server->stats().badRequest, 2u);
}

TEST_F(IceServerTest, MissingFingerprintIsDroppedSilently) {
    RequestSpec spec;
    spec.withFingerprint = false;
    EXPECT_EQ(deliver(spec), StunVerdict::Dropped);
    EXPECT_TRUE(sent.empty());
    EXPECT_EQ(server->state(), IceState::New);
}

TEST_F(IceServerTest, CorruptFingerprintIsDroppedSilently) {
    auto bytes = buildRequest({});
    bytes.back() ^= 0x01;
    EXPECT_EQ(server->handleStun(view(bytes), kPeerA), StunVerdict::Dropped);
    EXPECT_TRUE(sent.empty());
}

TEST_F(IceServerTest, IndicationsAndResponsesAreDropped) {
    RequestSpec indication;
    indication.cls = packet::StunClass::Indication;
    EXPECT_EQ(deliver(indication), StunVerdict::Dropped);
    RequestSpec response;
    response.cls = packet::StunClass::SuccessResponse;
    EXPECT_EQ(deliver(response), StunVerdict::Dropped);
    EXPECT_TRUE(sent.empty());
}

TEST_F(IceServerTest, PeerClaimingControlledRoleGetsRoleConflict) {
    RequestSpec spec;
    spec.controlling = false;
    EXPECT_EQ(deliver(spec), StunVerdict::Rejected);
    EXPECT_EQ(lastResponseCode(), 487);
    // The request was authenticated, so the error response is too.
    EXPECT_TRUE(packet::StunMessageView::parse(sent.back().bytes)
                    ->verifyMessageIntegrity(asBytes(kLocal.password)));
    EXPECT_EQ(server->state(), IceState::New);
}

TEST_F(IceServerTest, MissingRoleOrPriorityIsBadRequest) {
    RequestSpec noRole;
    noRole.controlling = std::nullopt;
    EXPECT_EQ(deliver(noRole), StunVerdict::Rejected);
    EXPECT_EQ(lastResponseCode(), 400);
    RequestSpec noPriority;
    noPriority.withPriority = false;
    EXPECT_EQ(deliver(noPriority), StunVerdict::Rejected);
    EXPECT_EQ(lastResponseCode(), 400);
}

TEST_F(IceServerTest, SilentSelectedTupleLosesConsentAfterTimeout) {
    RequestSpec nominate;
    nominate.useCandidate = true;
    deliver(nominate);
    clock.advance(29s);
    server->checkConsent();
    EXPECT_EQ(server->state(), IceState::Completed);
    clock.advance(2s);
    server->checkConsent();
    EXPECT_EQ(server->state(), IceState::Disconnected);
    EXPECT_FALSE(server->selectedTuple());
    EXPECT_EQ(removed, std::vector<net::SocketAddress>{kPeerA});
    EXPECT_TRUE(server->tuples().empty());

    // A new valid check restores the transport.
    EXPECT_EQ(deliver(nominate), StunVerdict::Accepted);
    EXPECT_EQ(server->state(), IceState::Completed);
    EXPECT_EQ(server->selectedTuple(), kPeerA);
}

TEST_F(IceServerTest, ChecksOnTheSelectedTupleKeepConsent) {
    RequestSpec nominate;
    nominate.useCandidate = true;
    deliver(nominate);
    for (int i = 0; i < 10; ++i) {
        clock.advance(20s);
        deliver({});
        server->checkConsent();
    }
    EXPECT_EQ(server->state(), IceState::Completed);
}

TEST_F(IceServerTest, ConsentTimeoutIsConfigurable) {
    makeServer(IceServerOptions{5s, 8});
    deliver({});
    clock.advance(6s);
    server->checkConsent();
    EXPECT_EQ(server->state(), IceState::Disconnected);
}

TEST_F(IceServerTest, SilentUnselectedTuplesAreForgotten) {
    RequestSpec nominate;
    nominate.useCandidate = true;
    deliver({}, kPeerB);
    deliver(nominate, kPeerA);
    clock.advance(20s);
    deliver({}, kPeerA);
    clock.advance(15s);
    server->checkConsent();
    EXPECT_EQ(server->state(), IceState::Completed);
    EXPECT_EQ(server->tuples(), std::vector<net::SocketAddress>{kPeerA});
    EXPECT_EQ(removed, std::vector<net::SocketAddress>{kPeerB});
}

TEST_F(IceServerTest, TuplesAreBoundedEvictingTheOldestUnselected) {
    makeServer(IceServerOptions{30s, 2});
    RequestSpec nominate;
    nominate.useCandidate = true;
    deliver(nominate, kPeerA);
    clock.advance(1s);
    deliver({}, kPeerB);
    clock.advance(1s);
    deliver({}, kPeerC);
    EXPECT_EQ(server->tuples(), (std::vector<net::SocketAddress>{kPeerA, kPeerC}));
    EXPECT_EQ(removed, std::vector<net::SocketAddress>{kPeerB});
    EXPECT_EQ(server->selectedTuple(), kPeerA);
}

TEST_F(IceServerTest, RestartSwitchesCredentialsAndKeepsTheSelectedTuple) {
    RequestSpec nominate;
    nominate.useCandidate = true;
    deliver(nominate);
    const IceParameters fresh{"newufrag", "fresh-password-abcdefghijk", true};
    server->restart(fresh);
    EXPECT_EQ(server->localParameters(), fresh);
    EXPECT_EQ(server->selectedTuple(), kPeerA);

    EXPECT_EQ(deliver(nominate), StunVerdict::Rejected);  // old credentials
    EXPECT_EQ(lastResponseCode(), 401);

    RequestSpec renewed;
    renewed.username = "newufrag:cliufrag2";
    renewed.password = fresh.password;
    renewed.useCandidate = true;
    EXPECT_EQ(deliver(renewed, kPeerB), StunVerdict::Accepted);
    EXPECT_TRUE(packet::StunMessageView::parse(sent.back().bytes)
                    ->verifyMessageIntegrity(asBytes(fresh.password)));
    EXPECT_EQ(server->selectedTuple(), kPeerB);
}

TEST(IceStateNames, AreTheWebRtcWords) {
    EXPECT_EQ(toString(IceState::New), "new");
    EXPECT_EQ(toString(IceState::Connected), "connected");
    EXPECT_EQ(toString(IceState::Completed), "completed");
    EXPECT_EQ(toString(IceState::Disconnected), "disconnected");
}

}  // namespace
}  // namespace vp::sfu::ice
