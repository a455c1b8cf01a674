#pragma once
// Helpers for the worker integration tests: run code on a worker's thread, a
// transport that joins an IceServer to the worker's UdpMux and socket, and a peer
// (real socket + IceClient) that connects to it over loopback.
#include <poll.h>

#include <atomic>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "sfu/ice/ice_client.hpp"
#include "sfu/ice/ice_server.hpp"
#include "sfu/ice/udp_mux.hpp"
#include "sfu/net/linux_udp_socket.hpp"
#include "sfu/worker/worker.hpp"

namespace vp::sfu::testing {

// Runs `fn` on the worker's thread and returns its result.
template <typename Fn>
auto onWorker(worker::Worker& w, Fn fn) -> decltype(fn()) {
    std::packaged_task<decltype(fn())()> task(std::move(fn));
    auto result = task.get_future();
    if (!w.post([&task] { task(); })) {
        throw std::runtime_error("worker queue full");
    }
    return result.get();
}

// A WebRTC transport reduced to its ICE part: STUN goes to the IceServer, every
// other datagram is counted by RTP payload type (96 = data, 97 = marker).
class IceOnlyTransport final : public ice::MuxedTransport {
  public:
    // Worker thread only.
    IceOnlyTransport(worker::Worker& w, const common::Clock& clock)
        : worker_(w),
          server_(ice::generateIceParameters(common::SecureRandom::instance()),
                  ice::IceServerOptions{}, events(), clock) {
        if (!worker_.mux().addUfrag(server_.localParameters().usernameFragment, *this).ok()) {
            throw std::runtime_error("ufrag taken");
        }
    }
    ~IceOnlyTransport() { worker_.mux().removeTransport(*this); }

    void receiveStun(const packet::StunMessageView& message,
                     const net::SocketAddress& from) override {
        server_.handleStun(message, from);
    }
    void receiveDatagram(std::span<const std::uint8_t> data, packet::PacketKind kind,
                         const net::SocketAddress&) override {
        if (kind == packet::PacketKind::Rtp && (data[1] & 0x7F) == 97) {
            markers.fetch_add(1);
        } else {
            datagrams.fetch_add(1);
        }
    }

    ice::IceServer& ice() { return server_; }
    std::atomic<std::uint64_t> datagrams{0};
    std::atomic<std::uint64_t> markers{0};

  private:
    ice::IceServerEvents events() {
        ice::IceServerEvents e;
        e.sendTo = [this](std::span<const std::uint8_t> b, const net::SocketAddress& to) {
            worker_.socket().send(b, to);
        };
        e.onTupleAdded = [this](const net::SocketAddress& a) {
            (void)worker_.mux().addAddress(a, *this);
        };
        e.onTupleRemoved = [this](const net::SocketAddress& a) {
            worker_.mux().removeAddress(a, *this);
        };
        return e;
    }

    worker::Worker& worker_;
    ice::IceServer server_;
};

// The browser's side: a socket of its own and a controlling ICE agent.
class Peer {
  public:
    Peer() {
        net::UdpSocketOptions options;
        options.host = "127.0.0.1";
        options.sendQueueCapacity = 8192;
        auto opened = net::LinuxUdpSocket::open(options);
        if (!opened) {
            throw std::runtime_error(opened.error().message);
        }
        socket = std::move(*opened);
    }

    // Runs a connectivity check against `server`; true when it succeeded.
    bool connect(const ice::IceParameters& remote, const net::SocketAddress& server, bool nominate,
                 std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
        ice::IceClientOptions options;
        options.localUfrag = "peer" + std::to_string(socket->localAddress().port());
        options.localPassword = "peer-password-0123456789";
        options.remoteUfrag = remote.usernameFragment;
        options.remotePassword = remote.password;
        client = std::make_unique<ice::IceClient>(
            options, [this, server](std::span<const std::uint8_t> b) { socket->send(b, server); },
            common::SystemClock::instance(), common::SecureRandom::instance());
        if (!client->sendCheck(nominate).ok()) {
            return false;
        }
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (client->state() == ice::IceClientState::Checking &&
               std::chrono::steady_clock::now() < deadline) {
            flushBlocking();
            waitReadable(std::chrono::milliseconds(20));
            socket->receive([this](std::span<const std::uint8_t> data, const net::SocketAddress&) {
                if (auto msg = packet::StunMessageView::parse(data)) {
                    client->handleResponse(*msg);
                }
            });
            client->tick();
        }
        return client->state() == ice::IceClientState::Succeeded;
    }

    // Flushes the send queue, waiting for the kernel when it pushes back.
    void flushBlocking() {
        while (!socket->flush()) {
            pollfd p{socket->fd(), POLLOUT, 0};
            ::poll(&p, 1, 100);
        }
    }

    void waitReadable(std::chrono::milliseconds timeout) {
        pollfd p{socket->fd(), POLLIN, 0};
        ::poll(&p, 1, static_cast<int>(timeout.count()));
    }

    std::unique_ptr<net::LinuxUdpSocket> socket;
    std::unique_ptr<ice::IceClient> client;
};

// An RTP-shaped datagram: version 2, the given payload type and sequence number.
inline std::array<std::uint8_t, 24> rtpDatagram(std::uint8_t payloadType, std::uint16_t seq) {
    std::array<std::uint8_t, 24> p{};
    p[0] = 0x80;
    p[1] = payloadType;
    p[2] = static_cast<std::uint8_t>(seq >> 8);
    p[3] = static_cast<std::uint8_t>(seq & 0xFF);
    return p;
}

// Polls `condition` until it holds or `timeout` passes.
template <typename Condition>
bool eventually(Condition condition,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

}  // namespace vp::sfu::testing
