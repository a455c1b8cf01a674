#include "sfu/client/webrtc_client.hpp"

#include <poll.h>

#include <algorithm>
#include <cstring>

#include "sfu/ice/stun_address.hpp"
#include "sfu/packet/demux.hpp"
#include "sfu/packet/stun_message.hpp"
#include "sfu/packet/stun_writer.hpp"

namespace vp::sfu::client {

namespace {
constexpr std::size_t kMaxMediaPacket = 1600;
}  // namespace

common::Result<std::unique_ptr<WebRtcClient>> WebRtcClient::create(const dtls::DtlsContext& context,
                                                                   const common::Clock& clock,
                                                                   common::Random& random,
                                                                   WebRtcClientOptions options) {
    net::UdpSocketOptions so;
    so.host = options.host;
    so.sendQueueCapacity = options.sendQueueCapacity;
    auto socket = net::LinuxUdpSocket::open(so);
    if (!socket) {
        return socket.error();
    }
    return std::unique_ptr<WebRtcClient>(
        new WebRtcClient(context, clock, random, std::move(options), std::move(*socket)));
}

WebRtcClient::WebRtcClient(const dtls::DtlsContext& context, const common::Clock& clock,
                           common::Random& random, WebRtcClientOptions options,
                           std::unique_ptr<net::LinuxUdpSocket> socket)
    : context_(context),
      clock_(clock),
      random_(random),
      options_(std::move(options)),
      socket_(std::move(socket)) {}

WebRtcClient::~WebRtcClient() = default;

const std::string& WebRtcClient::fingerprintAlgorithm() const {
    return context_.certificate().algorithm();
}

const std::string& WebRtcClient::fingerprintValue() const {
    return context_.certificate().fingerprint();
}

common::Status WebRtcClient::connect(RemoteTransport remote) {
    if (remote_) {
        return common::makeError("client.already_connected", "connect() was already called");
    }
    remote_ = std::move(remote);
    ice::IceClientOptions io;
    io.localUfrag = options_.iceUfrag.empty() ? random_.hexToken(4) : options_.iceUfrag;
    io.localPassword = options_.icePassword.empty() ? random_.hexToken(12) : options_.icePassword;
    localPassword_ = io.localPassword;
    io.remoteUfrag = remote_->iceParameters.usernameFragment;
    io.remotePassword = remote_->iceParameters.password;
    ice_ = std::make_unique<ice::IceClient>(
        io,
        [this](std::span<const std::uint8_t> bytes) {
            if (!socket_->send(bytes, remote_->address)) {
                ++stats_.sendDrops;
            }
        },
        clock_, random_);
    return ice_->sendCheck(true);
}

void WebRtcClient::startDtls() {
    dtls::DtlsCallbacks callbacks;
    callbacks.sendDatagram = [this](std::span<const std::uint8_t> bytes) {
        if (!socket_->send(bytes, remote_->address)) {
            ++stats_.sendDrops;
        }
    };
    callbacks.onConnected = [this](const dtls::SrtpKeys& keys) {
        auto in = srtp::SrtpSession::create(srtp::SrtpDirection::Inbound, keys.profile,
                                            keys.remoteKeyAndSalt);
        auto out = srtp::SrtpSession::create(srtp::SrtpDirection::Outbound, keys.profile,
                                             keys.localKeyAndSalt);
        if (!in || !out) {
            failure_ = in ? out.error() : in.error();
            return;
        }
        srtpIn_.emplace(std::move(*in));
        srtpOut_.emplace(std::move(*out));
    };
    callbacks.onFailed = [this](const common::Error& error) { failure_ = error; };
    dtls_ = std::make_unique<dtls::DtlsTransport>(context_, dtls::DtlsRole::Client, callbacks);
    if (auto set =
            dtls_->setRemoteFingerprint(remote_->fingerprintAlgorithm, remote_->fingerprintValue);
        !set) {
        failure_ = set.error();
        return;
    }
    dtls_->start();
}

void WebRtcClient::poll(std::chrono::milliseconds maxWait) {
    if (!silent_) {
        (void)socket_->flush();
    }
    pollfd p{socket_->fd(), POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(nextWait(maxWait).count()));
    socket_->receive([this](std::span<const std::uint8_t> data, const net::SocketAddress& from) {
        if (!silent_) {
            receive(data, from);
        }
    });
    if (!silent_) {
        runTimers();
        (void)socket_->flush();
    }
}

bool WebRtcClient::runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        poll(std::chrono::milliseconds(10));
    }
    return done();
}

std::chrono::milliseconds WebRtcClient::nextWait(std::chrono::milliseconds maxWait) const {
    auto wait = maxWait;
    if (dtls_) {
        if (auto t = dtls_->timeout()) {
            wait = std::min(wait, std::max(*t, std::chrono::milliseconds(0)));
        }
    }
    if (ice_) {
        if (auto t = ice_->nextTimeout()) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(*t - clock_.steadyNow());
            wait = std::min(wait, std::max(left, std::chrono::milliseconds(0)));
        }
    }
    return wait;
}

void WebRtcClient::runTimers() {
    if (ice_) {
        ice_->tick();
    }
    if (dtls_) {
        if (auto t = dtls_->timeout(); t && t->count() <= 0) {
            dtls_->onTimeout();
        }
    }
    if (connected() && options_.keepaliveInterval.count() > 0 &&
        clock_.steadyNow() >= nextKeepalive_) {
        nextKeepalive_ = clock_.steadyNow() + options_.keepaliveInterval;
        (void)ice_->sendCheck(true);
    }
}

void WebRtcClient::receive(std::span<const std::uint8_t> data, const net::SocketAddress& from) {
    switch (packet::classifyPacket(data)) {
        case packet::PacketKind::Stun:
            if (auto message = packet::StunMessageView::parse(data);
                message && ice_ && message->messageClass() == packet::StunClass::Request) {
                answerBindingRequest(*message, from);
            } else if (message && ice_) {
                const bool wasSucceeded = iceSucceeded();
                ice_->handleResponse(*message);
                if (!wasSucceeded && iceSucceeded() && !dtls_) {
                    nextKeepalive_ = clock_.steadyNow() + options_.keepaliveInterval;
                    startDtls();
                }
            }
            return;
        case packet::PacketKind::Dtls:
            if (dtls_) {
                dtls_->handleDatagram(data);
            }
            return;
        case packet::PacketKind::Rtp:
            receiveMedia(data, false);
            return;
        case packet::PacketKind::Rtcp:
            receiveMedia(data, true);
            return;
        case packet::PacketKind::Unknown:
            return;
    }
}

void WebRtcClient::answerBindingRequest(const packet::StunMessageView& request,
                                        const net::SocketAddress& from) {
    // A full ICE peer (e.g. Janus's libnice) checks the pair from its side too.
    std::array<std::uint8_t, 256> response{};
    auto size = packet::writeBindingSuccess(
        response, request.transactionId(), ice::toStunAddress(from),
        std::span(reinterpret_cast<const std::uint8_t*>(localPassword_.data()),
                  localPassword_.size()));
    if (size && !socket_->send(std::span<const std::uint8_t>(response.data(), *size), from)) {
        ++stats_.sendDrops;
    }
}

void WebRtcClient::receiveMedia(std::span<const std::uint8_t> data, bool rtcp) {
    if (!srtpIn_ || data.size() > kMaxMediaPacket) {
        return;
    }
    std::memcpy(buffer_.data(), data.data(), data.size());
    auto length = rtcp ? srtpIn_->unprotectRtcp(buffer_, data.size())
                       : srtpIn_->unprotectRtp(buffer_, data.size());
    if (!length) {
        ++stats_.srtpErrors;
        return;
    }
    const std::span<const std::uint8_t> plain(buffer_.data(), *length);
    if (rtcp) {
        ++stats_.rtcpReceived;
        if (onRtcp_) {
            onRtcp_(plain);
        }
        return;
    }
    if (auto view = packet::RtpPacketView::parse(plain)) {
        ++stats_.rtpReceived;
        if (onRtp_) {
            onRtp_(*view);
        }
    }
}

common::Status WebRtcClient::sendRtp(std::span<const std::uint8_t> packet) {
    return protectAndSend(packet, false);
}

common::Status WebRtcClient::sendRtcp(std::span<const std::uint8_t> packet) {
    return protectAndSend(packet, true);
}

common::Status WebRtcClient::protectAndSend(std::span<const std::uint8_t> packet, bool rtcp) {
    if (!srtpOut_) {
        return common::makeError("client.not_connected", "DTLS has not finished yet");
    }
    if (packet.size() > kMaxMediaPacket) {
        return common::makeError("client.too_large", "packets are limited to 1600 bytes");
    }
    std::memcpy(buffer_.data(), packet.data(), packet.size());
    auto length = rtcp ? srtpOut_->protectRtcp(buffer_, packet.size())
                       : srtpOut_->protectRtp(buffer_, packet.size());
    if (!length) {
        ++stats_.srtpErrors;
        return length.error();
    }
    if (!socket_->send(std::span<const std::uint8_t>(buffer_.data(), *length), remote_->address)) {
        ++stats_.sendDrops;
        return common::makeError("client.send_queue_full", "the send queue is full; poll() more");
    }
    ++(rtcp ? stats_.rtcpSent : stats_.rtpSent);
    return {};
}

}  // namespace vp::sfu::client
