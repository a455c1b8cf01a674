// A real Worker (thread + epoll + LinuxUdpSocket on 127.0.0.1:0) with ICE-lite
// transports registered in its UdpMux, driven by peers with real sockets.
#include <gtest/gtest.h>

#include "worker_harness.hpp"

namespace vp::sfu {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::IceOnlyTransport;
using testing::onWorker;
using testing::Peer;
using testing::rtpDatagram;

class WorkerIceTest : public ::testing::Test {
  protected:
    void SetUp() override { startWorker(net::UdpSocketOptions{}.receiveBufferBytes); }

    void startWorker(int receiveBufferBytes) {
        if (worker) {
            TearDown();
            worker.reset();
        }
        worker::WorkerOptions options;
        options.socket.host = "127.0.0.1";
        options.socket.port = 0;
        options.socket.receiveBufferBytes = receiveBufferBytes;
        auto started = worker::Worker::start(options, common::SystemClock::instance());
        ASSERT_TRUE(started.ok()) << started.error().message;
        worker = std::move(*started);
    }

    void TearDown() override {
        if (worker) {
            onWorker(*worker, [this] {
                transports.clear();
                return 0;
            });
        }
    }

    IceOnlyTransport& addTransport() {
        return *onWorker(*worker, [this] {
            transports.push_back(
                std::make_unique<IceOnlyTransport>(*worker, common::SystemClock::instance()));
            return transports.back().get();
        });
    }

    ice::IceParameters parametersOf(IceOnlyTransport& t) {
        return onWorker(*worker, [&t] { return t.ice().localParameters(); });
    }

    std::unique_ptr<worker::Worker> worker;
    std::vector<std::unique_ptr<IceOnlyTransport>> transports;
};

TEST_F(WorkerIceTest, PeerCompletesConnectivityCheckAndNomination) {
    IceOnlyTransport& transport = addTransport();
    Peer peer;
    ASSERT_TRUE(peer.connect(parametersOf(transport), worker->localAddress(), true));
    EXPECT_EQ(peer.client->mappedAddress(), peer.socket->localAddress());

    auto [state, selected] = onWorker(*worker, [&transport] {
        return std::make_pair(transport.ice().state(), transport.ice().selectedTuple());
    });
    EXPECT_EQ(state, ice::IceState::Completed);
    EXPECT_EQ(selected, peer.socket->localAddress());
    EXPECT_GE(worker->socketStats().datagramsSent, 1u);
}

TEST_F(WorkerIceTest, TwoTransportsOnOneSocketAreRoutedSeparately) {
    IceOnlyTransport& a = addTransport();
    IceOnlyTransport& b = addTransport();
    Peer peerA;
    Peer peerB;
    ASSERT_TRUE(peerA.connect(parametersOf(a), worker->localAddress(), true));
    ASSERT_TRUE(peerB.connect(parametersOf(b), worker->localAddress(), true));

    for (std::uint16_t i = 0; i < 10; ++i) {
        peerA.socket->send(rtpDatagram(96, i), worker->localAddress());
    }
    for (std::uint16_t i = 0; i < 3; ++i) {
        peerB.socket->send(rtpDatagram(96, i), worker->localAddress());
    }
    peerA.flushBlocking();
    peerB.flushBlocking();
    EXPECT_TRUE(eventually([&] { return a.datagrams.load() == 10 && b.datagrams.load() == 3; }))
        << a.datagrams.load() << " / " << b.datagrams.load();
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(a.datagrams.load(), 10u);
    EXPECT_EQ(b.datagrams.load(), 3u);
}

TEST_F(WorkerIceTest, UnknownSourcesAndUnknownUfragsAreDroppedAndCounted) {
    IceOnlyTransport& a = addTransport();
    Peer peer;
    ASSERT_TRUE(peer.connect(parametersOf(a), worker->localAddress(), true));

    Peer stranger;  // never passed a check
    for (std::uint16_t i = 0; i < 5; ++i) {
        stranger.socket->send(rtpDatagram(96, i), worker->localAddress());
    }
    stranger.flushBlocking();
    ice::IceParameters bogus{"nosuchufrag", "whatever-password-0123456", true};
    EXPECT_FALSE(stranger.connect(bogus, worker->localAddress(), true, 300ms));  // no answer

    auto stats = onWorker(*worker, [this] { return worker->mux().stats(); });
    EXPECT_EQ(stats.droppedUnknownSource, 5u);
    EXPECT_GE(stats.droppedUnknownUfrag, 1u);  // every retransmission is counted
    EXPECT_EQ(a.datagrams.load(), 0u);
}

TEST_F(WorkerIceTest, IceRestartMovesTheUfragRouteAndKeepsMediaFlowing) {
    IceOnlyTransport& a = addTransport();
    Peer peer;
    ASSERT_TRUE(peer.connect(parametersOf(a), worker->localAddress(), true));

    const auto fresh = onWorker(*worker, [this, &a] {
        const auto old = a.ice().localParameters();
        auto params = ice::generateIceParameters(common::SecureRandom::instance());
        a.ice().restart(params);
        (void)worker->mux().addUfrag(params.usernameFragment, a);
        worker->mux().removeUfrag(old.usernameFragment);
        return params;
    });
    peer.socket->send(rtpDatagram(96, 1), worker->localAddress());
    peer.flushBlocking();
    EXPECT_TRUE(eventually([&] { return a.datagrams.load() == 1; }));

    ASSERT_TRUE(peer.connect(fresh, worker->localAddress(), true));
    EXPECT_EQ(onWorker(*worker, [&a] { return a.ice().state(); }), ice::IceState::Completed);
}

// Sends `kSent` datagrams from a nominated peer in bursts of 256 and returns
// {delivered, dropped}; dropped covers the kernel, truncation and the mux. The
// equation delivered + dropped == sent is checked here.
struct BurstResult {
    std::uint64_t delivered = 0;
    std::uint64_t dropped = 0;
};
constexpr std::uint64_t kSent = 10'000;

BurstResult sendBurst(worker::Worker& w, IceOnlyTransport& a, Peer& peer) {
    for (std::uint64_t i = 0; i < kSent; ++i) {
        EXPECT_TRUE(
            peer.socket->send(rtpDatagram(96, static_cast<std::uint16_t>(i)), w.localAddress()));
        if (i % 256 == 255) {
            peer.flushBlocking();
        }
    }
    peer.flushBlocking();
    EXPECT_EQ(peer.socket->stats().datagramsSent, kSent + peer.client->transmissions());
    EXPECT_EQ(peer.socket->stats().sendQueueDrops, 0u);

    // The kernel reports its drop counter with each datagram it hands over, so a
    // marker sent after the burst settles the count.
    std::this_thread::sleep_for(100ms);
    std::uint64_t markersSent = 0;
    while (a.markers.load() == 0 && markersSent < 50) {
        peer.socket->send(rtpDatagram(97, 0), w.localAddress());
        peer.flushBlocking();
        ++markersSent;
        eventually([&] { return a.markers.load() > 0; }, 100ms);
    }
    EXPECT_GT(a.markers.load(), 0u);
    std::this_thread::sleep_for(20ms);

    const auto socketStats = w.socketStats();
    const auto muxStats = onWorker(w, [&w] { return w.mux().stats(); });
    BurstResult r;
    r.delivered = a.datagrams.load();
    r.dropped = socketStats.kernelDrops + socketStats.receiveTruncated +
                muxStats.droppedUnknownSource + muxStats.droppedMalformed;
    const std::uint64_t markersLost = markersSent - a.markers.load();
    EXPECT_EQ(r.delivered + r.dropped, kSent + markersLost)
        << "delivered " << r.delivered << ", kernel drops " << socketStats.kernelDrops;
    std::printf("delivered %llu of %llu, dropped %llu\n",
                static_cast<unsigned long long>(r.delivered),
                static_cast<unsigned long long>(kSent), static_cast<unsigned long long>(r.dropped));
    return r;
}

TEST_F(WorkerIceTest, TenThousandDatagramsAreDeliveredOrCountedAsDropped) {
    IceOnlyTransport& a = addTransport();
    Peer peer;
    ASSERT_TRUE(peer.connect(parametersOf(a), worker->localAddress(), true));
    const BurstResult r = sendBurst(*worker, a, peer);
    EXPECT_GE(r.delivered, kSent * 9 / 10);
}

TEST_F(WorkerIceTest, KernelDropsUnderATinyReceiveBufferAreCounted) {
    startWorker(2048);  // the kernel's minimum: bursts of 256 must overflow it
    IceOnlyTransport& a = addTransport();
    Peer peer;
    ASSERT_TRUE(peer.connect(parametersOf(a), worker->localAddress(), true));
    const BurstResult r = sendBurst(*worker, a, peer);
    EXPECT_GT(r.dropped, 0u);
    EXPECT_GT(r.delivered, 0u);
}

}  // namespace
}  // namespace vp::sfu
