#include "sfu/dtls/dtls_transport.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "dtls_test_link.hpp"

namespace vp::sfu::dtls {
namespace {

using srtp::SrtpProfile;
using test_support::DtlsTestLink;
using test_support::makeContext;

// Fast timers (the shortest allowed) so retransmission tests take little real time.
constexpr DtlsTimerPolicy kFastTimers{std::chrono::milliseconds{20}, std::chrono::milliseconds{40}};

class DtlsTransportTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        clientContext_ = new DtlsContext(makeContext());
        serverContext_ = new DtlsContext(makeContext());
    }
    static void TearDownTestSuite() {
        delete clientContext_;
        delete serverContext_;
    }
    static DtlsContext* clientContext_;
    static DtlsContext* serverContext_;
};
DtlsContext* DtlsTransportTest::clientContext_ = nullptr;
DtlsContext* DtlsTransportTest::serverContext_ = nullptr;

void expectMirroredKeys(const DtlsTestLink& link, SrtpProfile profile) {
    ASSERT_TRUE(link.bothConnected());
    const SrtpKeys& client = *link.client.keys;
    const SrtpKeys& server = *link.server.keys;
    EXPECT_EQ(client.profile, profile);
    EXPECT_EQ(server.profile, profile);
    EXPECT_EQ(client.localKeyAndSalt.size(), srtp::keyAndSaltLength(profile));
    EXPECT_EQ(client.remoteKeyAndSalt.size(), srtp::keyAndSaltLength(profile));
    EXPECT_EQ(client.localKeyAndSalt, server.remoteKeyAndSalt);
    EXPECT_EQ(client.remoteKeyAndSalt, server.localKeyAndSalt);
    EXPECT_NE(client.localKeyAndSalt, client.remoteKeyAndSalt);
}

class DtlsProfileTest : public ::testing::TestWithParam<SrtpProfile> {};

TEST_P(DtlsProfileTest, HandshakeConnectsBothSidesWithMirroredSrtpKeys) {
    const SrtpProfile profile = GetParam();
    DtlsContextOptions serverOptions;
    serverOptions.srtpProfiles = {profile};
    const DtlsContext client = makeContext();  // offers both profiles
    const DtlsContext server = makeContext(serverOptions);
    DtlsTestLink link(client, server);
    link.exchangeFingerprints();
    link.start();
    link.pump();

    expectMirroredKeys(link, profile);
    EXPECT_EQ(link.client.transport->state(), DtlsState::Connected);
    EXPECT_EQ(link.server.transport->state(), DtlsState::Connected);
    EXPECT_FALSE(link.client.transport->timeout().has_value());
}

INSTANTIATE_TEST_SUITE_P(BothProfiles, DtlsProfileTest,
                         ::testing::Values(SrtpProfile::AesCm128HmacSha1_80,
                                           SrtpProfile::AeadAes128Gcm));

TEST_F(DtlsTransportTest, DefaultContextsNegotiateGcmFirst) {
    DtlsTestLink link(*clientContext_, *serverContext_);
    link.exchangeFingerprints();
    link.start();
    link.pump();
    expectMirroredKeys(link, SrtpProfile::AeadAes128Gcm);
}

TEST_F(DtlsTransportTest, DatagramsRespectTheMtu) {
    DtlsTestLink link(*clientContext_, *serverContext_);
    link.exchangeFingerprints();
    std::size_t largest = 0;
    link.filter = [&](bool, std::span<const std::uint8_t> datagram) {
        largest = std::max(largest, datagram.size());
        return true;
    };
    link.start();
    link.pump();
    ASSERT_TRUE(link.bothConnected());
    EXPECT_GT(largest, 0U);
    EXPECT_LE(largest, DtlsTransport::kMtu);
}

TEST_F(DtlsTransportTest, FingerprintMismatchFailsWithClearError) {
    const DtlsContext impostor = makeContext();
    DtlsTestLink link(*clientContext_, *serverContext_);
    // The client was told about a different server certificate.
    link.announce(impostor.certificate(), clientContext_->certificate());
    link.start();
    link.pump();

    ASSERT_TRUE(link.client.failure.has_value());
    EXPECT_EQ(link.client.failure->code, "dtls_fingerprint_mismatch");
    EXPECT_NE(link.client.failure->message.find(impostor.certificate().fingerprint()),
              std::string::npos);
    EXPECT_FALSE(link.client.keys.has_value());
    EXPECT_EQ(link.client.transport->state(), DtlsState::Failed);
}

TEST_F(DtlsTransportTest, ServerRejectsAClientWithTheWrongCertificate) {
    const DtlsContext impostor = makeContext();
    DtlsTestLink link(impostor, *serverContext_);
    link.announce(serverContext_->certificate(), clientContext_->certificate());
    link.start();
    link.pump();
    ASSERT_TRUE(link.server.failure.has_value());
    EXPECT_EQ(link.server.failure->code, "dtls_fingerprint_mismatch");
    EXPECT_FALSE(link.server.keys.has_value());
}

TEST_F(DtlsTransportTest, FingerprintArrivingAfterTheHandshakeCompletesIt) {
    DtlsTestLink link(*clientContext_, *serverContext_);
    ASSERT_TRUE(link.client.transport
                    ->setRemoteFingerprint("sha-256", serverContext_->certificate().fingerprint())
                    .ok());
    link.start();
    link.pump();
    EXPECT_TRUE(link.client.keys.has_value());
    EXPECT_FALSE(link.server.keys.has_value());  // waits for signalling
    EXPECT_EQ(link.server.transport->state(), DtlsState::Connecting);

    // Lower case is accepted: SDP fingerprints are case-insensitive.
    std::string lower = clientContext_->certificate().fingerprint();
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    ASSERT_TRUE(link.server.transport->setRemoteFingerprint("SHA-256", lower).ok());
    expectMirroredKeys(link, SrtpProfile::AeadAes128Gcm);
}

TEST_F(DtlsTransportTest, MalformedRemoteFingerprintIsRefused) {
    DtlsTestLink link(*clientContext_, *serverContext_);
    auto& transport = *link.client.transport;
    EXPECT_EQ(transport.setRemoteFingerprint("md5", "AB:CD").error().code,
              "dtls_fingerprint_algorithm");
    EXPECT_EQ(transport.setRemoteFingerprint("sha-256", "AB:CD").error().code,
              "dtls_fingerprint_malformed");
    std::string bad = serverContext_->certificate().fingerprint();
    bad[0] = 'Z';
    EXPECT_EQ(transport.setRemoteFingerprint("sha-256", bad).error().code,
              "dtls_fingerprint_malformed");
}

std::vector<std::vector<std::uint8_t>> garbageDatagrams() {
    std::vector<std::vector<std::uint8_t>> out;
    out.push_back({0x16});
    out.push_back(std::vector<std::uint8_t>(13, 0x16));
    out.push_back({0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3});  // length lies
    out.push_back({0x17, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 9, 0, 4, 1, 2, 3, 4});     // epoch 1 data
    out.push_back({0x15, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 9, 0, 2, 2});              // short alert
    std::vector<std::uint8_t> forged{0x17, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 1, 0, 40};
    forged.resize(13 + 40, 0x5A);  // epoch 1, long enough, wrong tag
    out.push_back(forged);
    std::vector<std::uint8_t> noise(1500);
    for (std::size_t i = 0; i < noise.size(); ++i) {
        noise[i] = static_cast<std::uint8_t>(i * 131 + 7);
    }
    out.push_back(noise);
    out.push_back(std::vector<std::uint8_t>(DtlsTransport::kMaxDatagramLength + 1, 0x16));
    return out;
}

TEST_F(DtlsTransportTest, GarbageDatagramsDoNotStopTheHandshake) {
    DtlsTestLink link(*clientContext_, *serverContext_);
    link.exchangeFingerprints();
    link.start();
    for (const auto& garbage : garbageDatagrams()) {
        link.server.transport->handleDatagram(garbage);
    }
    link.pump();  // interleave garbage with the handshake's flights
    for (const auto& garbage : garbageDatagrams()) {
        link.client.transport->handleDatagram(garbage);
        link.server.transport->handleDatagram(garbage);
    }
    link.pump();
    expectMirroredKeys(link, SrtpProfile::AeadAes128Gcm);
    link.client.transport->handleDatagram({});
    for (const auto& garbage : garbageDatagrams()) {
        link.client.transport->handleDatagram(garbage);
    }
    EXPECT_EQ(link.client.transport->state(), DtlsState::Connected);
}

TEST_F(DtlsTransportTest, LostFirstFlightIsRetransmittedOnTimeout) {
    DtlsTestLink link(*clientContext_, *serverContext_, kFastTimers);
    link.exchangeFingerprints();
    int lostFromClient = 0;
    int lostFromServer = 0;
    link.filter = [&](bool fromClient, std::span<const std::uint8_t>) {
        int& lost = fromClient ? lostFromClient : lostFromServer;
        return lost++ > 0;  // the first datagram each way is lost
    };
    link.start();
    link.pump();
    EXPECT_FALSE(link.bothConnected());
    ASSERT_TRUE(link.client.transport->timeout().has_value());

    link.runUntilSettled();
    expectMirroredKeys(link, SrtpProfile::AeadAes128Gcm);
    EXPECT_GE(lostFromClient, 2);
}

TEST_F(DtlsTransportTest, GivesUpWhenThePeerNeverAnswers) {
    DtlsTestLink link(*clientContext_, *serverContext_, kFastTimers);
    link.exchangeFingerprints();
    link.filter = [](bool, std::span<const std::uint8_t>) { return false; };
    link.start();
    link.runUntilSettled(100);
    ASSERT_TRUE(link.client.failure.has_value());
    EXPECT_EQ(link.client.failure->code, "dtls_handshake_timeout");
    EXPECT_FALSE(link.client.transport->timeout().has_value());
}

TEST_F(DtlsTransportTest, TimerStartsAtThePolicyAndOnlyWhileConnecting) {
    DtlsTimerPolicy timers{std::chrono::milliseconds{300}, std::chrono::milliseconds{1000}};
    DtlsTestLink link(*clientContext_, *serverContext_, timers);
    EXPECT_FALSE(link.client.transport->timeout().has_value());
    link.start();
    auto left = link.client.transport->timeout();
    ASSERT_TRUE(left.has_value());
    EXPECT_GT(*left, std::chrono::milliseconds{200});
    EXPECT_LE(*left, std::chrono::milliseconds{300});
    link.client.transport->onTimeout();  // early: nothing is retransmitted
    EXPECT_EQ(link.client.outbox.size(), 1U);
}

TEST_F(DtlsTransportTest, CloseNotifiesThePeer) {
    DtlsTestLink link(*clientContext_, *serverContext_);
    link.exchangeFingerprints();
    link.start();
    link.pump();
    ASSERT_TRUE(link.bothConnected());

    link.client.transport->close();
    EXPECT_EQ(link.client.transport->state(), DtlsState::Closed);
    EXPECT_FALSE(link.client.closed);  // no callback for our own close
    link.pump();
    EXPECT_TRUE(link.server.closed);
    EXPECT_EQ(link.server.transport->state(), DtlsState::Closed);
    EXPECT_FALSE(link.server.failure.has_value());
}

TEST_F(DtlsTransportTest, DatagramsBeforeStartOrAfterCloseAreIgnored) {
    DtlsTestLink link(*clientContext_, *serverContext_);
    link.client.transport->start();
    ASSERT_EQ(link.client.outbox.size(), 1U);
    link.server.transport->handleDatagram(link.client.outbox.front());  // server not started
    EXPECT_TRUE(link.server.outbox.empty());
    link.server.transport->close();
    link.server.transport->start();
    link.server.transport->handleDatagram(link.client.outbox.front());
    EXPECT_TRUE(link.server.outbox.empty());
    EXPECT_EQ(link.server.transport->state(), DtlsState::Closed);
}

}  // namespace
}  // namespace vp::sfu::dtls
