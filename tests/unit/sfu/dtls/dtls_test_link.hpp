#pragma once
// Test support: two real DtlsTransports (client and server) joined by in-memory
// datagram queues, with an optional filter to lose datagrams on the way.
#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "sfu/dtls/dtls_transport.hpp"

namespace vp::sfu::dtls::test_support {

inline DtlsContext makeContext(const DtlsContextOptions& options = {}) {
    const common::FakeClock clock;
    auto certificate = Certificate::generate(clock, common::SecureRandom::instance());
    EXPECT_TRUE(certificate.ok());
    auto context = DtlsContext::create(std::move(certificate).value(), options);
    EXPECT_TRUE(context.ok());
    return std::move(context).value();
}

struct Endpoint {
    std::deque<std::vector<std::uint8_t>> outbox;
    std::optional<SrtpKeys> keys;
    std::optional<common::Error> failure;
    bool closed = false;
    std::unique_ptr<DtlsTransport> transport;

    void create(const DtlsContext& context, DtlsRole role, DtlsTimerPolicy timers) {
        DtlsCallbacks callbacks;
        callbacks.sendDatagram = [this](std::span<const std::uint8_t> datagram) {
            outbox.emplace_back(datagram.begin(), datagram.end());
        };
        callbacks.onConnected = [this](const SrtpKeys& k) { keys = k; };
        callbacks.onFailed = [this](const common::Error& e) { failure = e; };
        callbacks.onClosed = [this] { closed = true; };
        transport = std::make_unique<DtlsTransport>(context, role, std::move(callbacks), timers);
    }
};

class DtlsTestLink {
  public:
    // Return false to lose a datagram; `fromClient` says which way it travels.
    using Filter = std::function<bool(bool fromClient, std::span<const std::uint8_t>)>;

    DtlsTestLink(const DtlsContext& clientContext, const DtlsContext& serverContext,
                 DtlsTimerPolicy timers = {})
        : clientContext_(clientContext), serverContext_(serverContext) {
        client.create(clientContext, DtlsRole::Client, timers);
        server.create(serverContext, DtlsRole::Server, timers);
    }
    DtlsTestLink(const DtlsTestLink&) = delete;
    DtlsTestLink& operator=(const DtlsTestLink&) = delete;

    // What signalling would do: each side learns the other's fingerprint.
    void exchangeFingerprints() {
        announce(serverContext_.certificate(), clientContext_.certificate());
    }

    // Signalling that says the server is `serverAs` and the client `clientAs`.
    void announce(const Certificate& serverAs, const Certificate& clientAs) {
        ASSERT_TRUE(client.transport->setRemoteFingerprint("sha-256", serverAs.fingerprint()).ok());
        ASSERT_TRUE(server.transport->setRemoteFingerprint("sha-256", clientAs.fingerprint()).ok());
    }

    void start() {
        server.transport->start();
        client.transport->start();
    }

    // Delivers queued datagrams (both ways) until none are left.
    void pump() {
        for (int guard = 0; guard < 1000 && (!client.outbox.empty() || !server.outbox.empty());
             ++guard) {
            deliverOne(client, server, true);
            deliverOne(server, client, false);
        }
    }

    // Pumps and, while not both connected, waits out the retransmission timers.
    void runUntilSettled(int maxRounds = 40) {
        pump();
        for (int round = 0; round < maxRounds && !settled(); ++round) {
            fireTimer(client);
            fireTimer(server);
            pump();
        }
    }

    bool bothConnected() const { return client.keys.has_value() && server.keys.has_value(); }
    bool settled() const {
        return bothConnected() || client.failure.has_value() || server.failure.has_value();
    }

    Endpoint client;
    Endpoint server;
    Filter filter;

  private:
    void deliverOne(Endpoint& from, Endpoint& to, bool fromClient) {
        if (from.outbox.empty()) {
            return;
        }
        std::vector<std::uint8_t> datagram = std::move(from.outbox.front());
        from.outbox.pop_front();
        if (!filter || filter(fromClient, datagram)) {
            to.transport->handleDatagram(datagram);
        }
    }

    static void fireTimer(Endpoint& endpoint) {
        if (auto left = endpoint.transport->timeout()) {
            std::this_thread::sleep_for(*left + std::chrono::milliseconds{1});
            endpoint.transport->onTimeout();
        }
    }

    const DtlsContext& clientContext_;
    const DtlsContext& serverContext_;
};

}  // namespace vp::sfu::dtls::test_support
