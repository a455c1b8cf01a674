#include "sfu/transport/webrtc_transport.hpp"

#include <algorithm>

namespace vp::sfu::transport {

common::Result<std::unique_ptr<WebRtcTransport>> WebRtcTransport::create(
    WebRtcTransportOptions options, TransportContext context, WebRtcTransportEvents events) {
    if (options.id.empty()) {
        return common::makeError("transport.invalid_id", "a transport needs a non-empty id");
    }
    std::unique_ptr<WebRtcTransport> transport(
        new WebRtcTransport(std::move(options), context, std::move(events)));
    const auto& ufrag = transport->ice_.localParameters().usernameFragment;
    if (auto added = context.mux.addUfrag(ufrag, *transport); !added) {
        transport->closed_ = true;  // nothing registered yet: skip close()
        return common::makeError("transport.mux_refused",
                                 "the worker refused the transport: " + added.error().message);
    }
    const auto interval =
        std::max(transport->options_.consentCheckInterval, std::chrono::milliseconds(1));
    transport->consentTimer_ =
        context.loop.addPeriodicTimer(interval, [t = transport.get()] { t->ice_.checkConsent(); });
    if (transport->options_.rtcpReportInterval.count() > 0) {
        transport->rtcpTimer_ = context.loop.addPeriodicTimer(
            transport->options_.rtcpReportInterval, [t = transport.get()] {
                if (t->connected() && t->ice_.selectedTuple() && t->events_.onRtcpReportDue) {
                    t->events_.onRtcpReportDue();
                }
            });
    }
    if (transport->options_.transportCcId) {
        // Sender SSRC 1: the SFU has no media SSRC of its own towards a publisher.
        transport->transportCc_ = std::make_unique<TransportCcFeedback>(1);
        transport->transportCcTimer_ = context.loop.addPeriodicTimer(
            std::max(transport->options_.transportCcInterval, std::chrono::milliseconds(10)),
            [t = transport.get()] {
                if (t->transportCc_->pending() && t->connected()) {
                    t->transportCc_->flush([t](packet::Bytes feedback) { t->sendRtcp(feedback); });
                }
            });
    }
    return transport;
}

WebRtcTransport::WebRtcTransport(WebRtcTransportOptions options, TransportContext context,
                                 WebRtcTransportEvents events)
    : options_(std::move(options)),
      context_(context),
      events_(std::move(events)),
      ice_(options_.iceParameters,
           ice::IceServerOptions{.consentTimeout = options_.consentTimeout, .maxTuples = 8},
           iceEvents(), context.clock) {}

WebRtcTransport::~WebRtcTransport() {
    close();
}

void WebRtcTransport::close() {
    if (closed_) {
        return;
    }
    closed_ = true;
    if (dtls_) {
        dtls_->close();
    }
    context_.mux.removeTransport(*this);
    context_.loop.cancelTimer(consentTimer_);
    context_.loop.cancelTimer(dtlsTimer_);
    context_.loop.cancelTimer(rtcpTimer_);
    context_.loop.cancelTimer(transportCcTimer_);
    transportCcTimer_ = 0;
    consentTimer_ = 0;
    dtlsTimer_ = 0;
    rtcpTimer_ = 0;
}

ice::IceServerEvents WebRtcTransport::iceEvents() {
    ice::IceServerEvents e;
    e.sendTo = [this](std::span<const std::uint8_t> bytes, const net::SocketAddress& to) {
        context_.socket.send(bytes, to);
    };
    e.onStateChanged = [this](ice::IceState state) { onIceStateChanged(state); };
    e.onTupleAdded = [this](const net::SocketAddress& address) {
        (void)context_.mux.addAddress(address, *this);
    };
    e.onTupleRemoved = [this](const net::SocketAddress& address) {
        context_.mux.removeAddress(address, *this);
    };
    return e;
}

void WebRtcTransport::onIceStateChanged(ice::IceState state) {
    if (events_.onIceState) {
        events_.onIceState(state);
    }
    if (state == ice::IceState::Connected || state == ice::IceState::Completed) {
        startDtlsIfReady();
    }
}

common::Status WebRtcTransport::connect(const RemoteDtls& remote) {
    if (closed_) {
        return common::makeError("transport.closed", "the transport is closed");
    }
    if (dtls_) {
        return common::makeError("transport.already_connected",
                                 "connect() was already called for transport " + options_.id);
    }
    auto fingerprint = dtls::parseFingerprint(remote.fingerprintAlgorithm, remote.fingerprintValue);
    if (!fingerprint) {
        return common::makeError(
            "transport.bad_fingerprint",
            "the DTLS fingerprint is not usable: " + fingerprint.error().message);
    }
    const dtls::DtlsRole role = dtls::chooseLocalRole(remote.role);
    dtls_ = std::make_unique<dtls::DtlsTransport>(context_.dtls, role, dtlsCallbacks(),
                                                  options_.dtlsTimers);
    if (auto set = dtls_->setRemoteFingerprint(fingerprint->algorithm, fingerprint->value); !set) {
        dtls_.reset();
        return common::makeError("transport.bad_fingerprint", set.error().message);
    }
    if (events_.onDtlsState) {
        events_.onDtlsState(dtls::DtlsState::Connecting, nullptr);
    }
    startDtlsIfReady();
    return {};
}

void WebRtcTransport::startDtlsIfReady() {
    if (!dtls_ || dtlsStarted_ || closed_) {
        return;
    }
    // A DTLS server waits for the peer's ClientHello; a client speaks first, so it
    // needs a selected ICE tuple to send to.
    if (dtls_->role() == dtls::DtlsRole::Client && !ice_.selectedTuple()) {
        return;
    }
    dtlsStarted_ = true;
    dtls_->start();
    auto pending = std::move(pendingDtls_);
    pendingDtls_.clear();
    for (const auto& datagram : pending) {
        if (!dtls_ || closed_) {
            break;
        }
        dtls_->handleDatagram(datagram);
    }
    afterDtlsActivity();
}

dtls::DtlsCallbacks WebRtcTransport::dtlsCallbacks() {
    dtls::DtlsCallbacks c;
    c.sendDatagram = [this](std::span<const std::uint8_t> data) { sendDatagram(data); };
    c.onConnected = [this](const dtls::SrtpKeys& keys) { onDtlsConnected(keys); };
    c.onFailed = [this](const common::Error& error) { onDtlsFailed(error); };
    c.onClosed = [this] {
        if (events_.onDtlsState) {
            events_.onDtlsState(dtls::DtlsState::Closed, nullptr);
        }
    };
    return c;
}

// Re-arms the retransmission timer after anything that may have changed it.
void WebRtcTransport::afterDtlsActivity() {
    if (dtlsTimer_ != 0) {
        context_.loop.cancelTimer(dtlsTimer_);
        dtlsTimer_ = 0;
    }
    if (!dtls_ || closed_) {
        return;
    }
    const auto state = dtls_->state();
    if (state != dtls::DtlsState::Connecting) {
        return;
    }
    if (auto wait = dtls_->timeout()) {
        dtlsTimer_ = context_.loop.addTimer(*wait, [this] {
            dtlsTimer_ = 0;
            if (dtls_) {
                dtls_->onTimeout();
            }
            afterDtlsActivity();
        });
    }
}

void WebRtcTransport::onDtlsConnected(const dtls::SrtpKeys& keys) {
    auto in = srtp::SrtpSession::create(srtp::SrtpDirection::Inbound, keys.profile,
                                        keys.remoteKeyAndSalt);
    auto out = srtp::SrtpSession::create(srtp::SrtpDirection::Outbound, keys.profile,
                                         keys.localKeyAndSalt);
    if (!in || !out) {
        onDtlsFailed(in ? out.error() : in.error());
        return;
    }
    srtpIn_.emplace(std::move(*in));
    srtpOut_.emplace(std::move(*out));
    log_.info("dtls connected",
              {{"transport", options_.id}, {"srtp", std::string(srtp::toString(keys.profile))}});
    if (events_.onDtlsState) {
        events_.onDtlsState(dtls::DtlsState::Connected, nullptr);
    }
}

void WebRtcTransport::onDtlsFailed(const common::Error& error) {
    srtpIn_.reset();
    srtpOut_.reset();
    log_.warn("dtls failed",
              {{"transport", options_.id}, {"code", error.code}, {"error", error.message}});
    if (events_.onDtlsState) {
        events_.onDtlsState(dtls::DtlsState::Failed, &error);
    }
}

dtls::DtlsState WebRtcTransport::dtlsState() const {
    return dtls_ ? dtls_->state() : dtls::DtlsState::New;
}

std::optional<dtls::DtlsRole> WebRtcTransport::dtlsRole() const {
    if (!dtls_) {
        return std::nullopt;
    }
    return dtls_->role();
}

void WebRtcTransport::restartIce(ice::IceParameters fresh) {
    if (closed_) {
        return;
    }
    context_.mux.removeUfrag(ice_.localParameters().usernameFragment);
    ice_.restart(std::move(fresh));
    (void)context_.mux.addUfrag(ice_.localParameters().usernameFragment, *this);
}

std::optional<net::SocketAddress> WebRtcTransport::destination() const {
    if (auto selected = ice_.selectedTuple()) {
        return selected;
    }
    return lastDtlsSource_;
}

void WebRtcTransport::sendDatagram(std::span<const std::uint8_t> data) {
    if (auto to = destination()) {
        context_.socket.send(data, *to);
    }
}

void WebRtcTransport::receiveStun(const packet::StunMessageView& message,
                                  const net::SocketAddress& from) {
    if (!closed_) {
        ice_.handleStun(message, from);
    }
}

void WebRtcTransport::receiveDatagram(std::span<const std::uint8_t> data, packet::PacketKind kind,
                                      const net::SocketAddress& from) {
    if (closed_) {
        return;
    }
    switch (kind) {
        case packet::PacketKind::Dtls:
            lastDtlsSource_ = from;
            if (!dtls_ || !dtlsStarted_) {
                if (pendingDtls_.size() < options_.maxPendingDtls &&
                    data.size() <= dtls::DtlsTransport::kMaxDatagramLength) {
                    pendingDtls_.emplace_back(data.begin(), data.end());
                } else {
                    ++stats_.droppedDtls;
                }
                if (dtls_) {
                    startDtlsIfReady();
                }
                return;
            }
            dtls_->handleDatagram(data);
            afterDtlsActivity();
            return;
        case packet::PacketKind::Rtp:
            receiveRtp(data);
            return;
        case packet::PacketKind::Rtcp:
            receiveRtcp(data);
            return;
        case packet::PacketKind::Stun:
        case packet::PacketKind::Unknown:
            ++stats_.droppedMalformed;
            return;
    }
}

}  // namespace vp::sfu::transport
