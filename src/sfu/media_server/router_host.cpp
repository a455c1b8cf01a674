#include "sfu/media_server/router_host.hpp"

#include "sfu/media_server/drop_counting.hpp"
#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/rtp_parameters/supported_capabilities.hpp"

namespace vp::sfu::media_server {

namespace {

constexpr std::size_t kMaxIdLength = 256;

common::Status checkId(const std::string& id, const char* what) {
    if (id.empty() || id.size() > kMaxIdLength) {
        return common::makeError(
            "media.invalid_id",
            std::string(what) + " must have 1 to " + std::to_string(kMaxIdLength) + " characters");
    }
    return {};
}

// The router's abs-send-time id (the same for audio and video), if it offers one.
std::optional<std::uint8_t> routerExtensionId(packet::RtpExtensionType type) {
    const auto uri = packet::rtpExtensionUri(type);
    for (const auto& ext : rtp_parameters::routerRtpCapabilities().headerExtensions) {
        if (ext.uri == uri) {
            return ext.preferredId;
        }
    }
    return std::nullopt;
}

ConsumerEvent toConsumerEvent(router::ConsumerEvent event) {
    switch (event) {
        case router::ConsumerEvent::ProducerPaused:
            return ConsumerEvent::ProducerPaused;
        case router::ConsumerEvent::ProducerResumed:
            return ConsumerEvent::ProducerResumed;
        case router::ConsumerEvent::ProducerClosed:
            return ConsumerEvent::ProducerClosed;
        case router::ConsumerEvent::TransportClosed:
            return ConsumerEvent::TransportClosed;
    }
    return ConsumerEvent::ProducerClosed;
}

// The fingerprint to check: sha-256 when offered (what browsers send), else the first.
const DtlsFingerprint& preferredFingerprint(const DtlsParameters& remote) {
    for (const auto& f : remote.fingerprints) {
        if (f.algorithm == "sha-256") {
            return f;
        }
    }
    return remote.fingerprints.front();
}

router::RouterOptions routerOptions(const WorkerContext& context, const RouterSettings& settings) {
    router::RouterOptions options;
    options.maxTransports = context.options.maxTransportsPerRouter;
    options.maxSsrcsPerTransport = context.options.maxSsrcsPerTransport;
    options.loudestAudio.count = settings.loudestAudio;
    return options;
}

}  // namespace

RouterHost::RouterHost(std::string id, WorkerContext& context, RouterSettings settings)
    : id_(std::move(id)),
      context_(context),
      router_(id_, context.transport.clock, context.random, routerOptions(context, settings)) {
    router_.setObserver(this);
}

RouterHost::~RouterHost() {
    while (!transports_.empty()) {
        (void)closeTransport(transports_.begin()->first);
    }
    router_.setObserver(nullptr);
}

transport::WebRtcTransport* RouterHost::find(const std::string& transportId) {
    auto it = transports_.find(transportId);
    return it == transports_.end() ? nullptr : it->second.get();
}

transport::WebRtcTransportEvents RouterHost::transportEvents(const std::string& transportId) {
    transport::WebRtcTransportEvents e;
    e.onRtp = [this, transportId](packet::MutableRtpPacket& packet) {
        router_.onRtp(transportId, packet);
    };
    e.onKeyframeRequest = [this, transportId](std::uint32_t ssrc) {
        router_.onKeyframeRequest(transportId, ssrc);
    };
    e.onNack = [this, transportId](const packet::rtcp::NackView& nack) {
        router_.onNack(transportId, nack);
    };
    e.onReceiverReport = [this, transportId](const packet::rtcp::ReportBlock& block) {
        router_.onReceiverReport(transportId, block);
    };
    e.onSenderReport = [this, transportId](const packet::rtcp::SenderInfo& info) {
        router_.onSenderReport(transportId, info);
    };
    e.onRtcpReportDue = [this, transportId] { router_.sendRtcpReports(transportId); };
    e.onBandwidthEstimate = [this, transportId](std::uint64_t bitsPerSecond) {
        router_.onBandwidthEstimate(transportId, bitsPerSecond);
    };
    e.onIceState = [this, transportId](ice::IceState state) {
        const auto& cb = context_.observer.onIceState;
        if (!cb || state == ice::IceState::New) {
            return;
        }
        cb(id_, transportId,
           state == ice::IceState::Disconnected ? IceState::Disconnected : IceState::Connected);
    };
    e.onDtlsState = [this, transportId](dtls::DtlsState state, const common::Error* error) {
        const auto& cb = context_.observer.onDtlsState;
        if (!cb) {
            return;
        }
        switch (state) {
            case dtls::DtlsState::New:
                return;
            case dtls::DtlsState::Connecting:
                cb(id_, transportId, DtlsState::Connecting, "");
                return;
            case dtls::DtlsState::Connected:
                cb(id_, transportId, DtlsState::Connected, "");
                return;
            case dtls::DtlsState::Closed:
                cb(id_, transportId, DtlsState::Closed, "");
                return;
            case dtls::DtlsState::Failed:
                cb(id_, transportId, DtlsState::Failed,
                   error != nullptr ? error->code + ": " + error->message : "DTLS failed");
                return;
        }
    };
    return e;
}

common::Result<WebRtcTransportInfo> RouterHost::createTransport(std::string transportId) {
    if (auto ok = checkId(transportId, "transportId"); !ok) {
        return ok.error();
    }
    if (transports_.contains(transportId)) {
        return common::makeError("router.duplicate_id",
                                 "transport " + transportId + " already exists in router " + id_);
    }
    if (transports_.size() >= context_.options.maxTransportsPerRouter) {
        return common::makeError("router.limit_reached",
                                 "router " + id_ + " has its maximum of " +
                                     std::to_string(context_.options.maxTransportsPerRouter) +
                                     " transports");
    }
    transport::WebRtcTransportOptions options;
    options.id = transportId;
    options.iceParameters = ice::generateIceParameters(context_.random);
    options.consentTimeout = context_.options.consentTimeout;
    options.consentCheckInterval = context_.options.consentCheckInterval;
    options.maxSsrcs = context_.options.maxSsrcsPerTransport;
    options.absSendTimeId = routerExtensionId(packet::RtpExtensionType::AbsSendTime);
    // mediasoup-client sends with the router's extension ids.
    options.transportCcId = routerExtensionId(packet::RtpExtensionType::TransportWideCc);
    auto created = transport::WebRtcTransport::create(std::move(options), context_.transport,
                                                      transportEvents(transportId));
    if (!created) {
        return created.error();
    }
    auto& t = **created;
    if (auto added = router_.addTransport(transportId, t, t); !added) {
        return added.error();
    }
    const auto& cert = context_.transport.dtls.certificate();
    WebRtcTransportInfo info{transportId,
                             t.iceParameters(),
                             {context_.candidate},
                             DtlsParameters{"auto", {{cert.algorithm(), cert.fingerprint()}}}};
    transports_.emplace(transportId, std::move(*created));
    return info;
}

common::Status RouterHost::connectTransport(const std::string& transportId,
                                            const DtlsParameters& remote) {
    auto* t = find(transportId);
    if (t == nullptr) {
        return common::makeError("media.unknown_transport",
                                 "no transport " + transportId + " in router " + id_);
    }
    auto role = dtls::parseRemoteDtlsRole(remote.role.empty() ? "auto" : remote.role);
    if (!role) {
        return common::makeError("media.invalid_dtls_parameters", role.error().message);
    }
    if (remote.fingerprints.empty()) {
        return common::makeError("media.bad_fingerprint",
                                 "dtlsParameters.fingerprints is empty; send the browser's "
                                 "certificate fingerprint");
    }
    const auto& fp = preferredFingerprint(remote);
    auto connected = t->connect(transport::RemoteDtls{*role, fp.algorithm, fp.value});
    if (!connected && connected.error().code == "transport.bad_fingerprint") {
        return common::makeError("media.bad_fingerprint", connected.error().message);
    }
    return connected;
}

common::Result<ice::IceParameters> RouterHost::restartIce(const std::string& transportId) {
    auto* t = find(transportId);
    if (t == nullptr) {
        return common::makeError("media.unknown_transport",
                                 "no transport " + transportId + " in router " + id_);
    }
    t->restartIce(ice::generateIceParameters(context_.random));
    return t->iceParameters();
}

common::Status RouterHost::closeTransport(const std::string& transportId) {
    auto it = transports_.find(transportId);
    if (it == transports_.end()) {
        return common::makeError("media.unknown_transport",
                                 "no transport " + transportId + " in router " + id_);
    }
    // The router first (its consumers may still hold the sinks), then the transport.
    (void)router_.closeTransport(transportId);
    const auto& s = it->second->stats();
    closed_.rtpIn += s.rtpReceived;
    closed_.rtpOut += s.rtpSent;
    closed_.dropped += s.dropped();
    countTransportDrops(closed_.drops, *it->second);
    it->second->close();
    transports_.erase(it);
    return {};
}

common::Status RouterHost::produce(std::string transportId, std::string producerId,
                                   const std::string& kind, rtp_parameters::RtpParameters params,
                                   bool paused) {
    if (auto ok = checkId(producerId, "producerId"); !ok) {
        return ok;
    }
    auto mediaKind = rtp_parameters::mediaKindFromString(kind);
    if (!mediaKind) {
        return common::makeError("media.invalid_kind", "kind must be \"audio\" or \"video\"");
    }
    if (find(transportId) == nullptr) {
        return common::makeError("media.unknown_transport",
                                 "no transport " + transportId + " in router " + id_);
    }
    auto produced = router_.produce(router::ProduceRequest{
        std::move(transportId), std::move(producerId), *mediaKind, std::move(params), paused});
    if (!produced) {
        return produced.error();
    }
    return {};
}

common::Result<ConsumerInfo> RouterHost::consume(std::string transportId, std::string consumerId,
                                                 std::string producerId,
                                                 rtp_parameters::RtpCapabilities deviceCaps,
                                                 bool paused) {
    if (auto ok = checkId(consumerId, "consumerId"); !ok) {
        return ok.error();
    }
    if (find(transportId) == nullptr) {
        return common::makeError("media.unknown_transport",
                                 "no transport " + transportId + " in router " + id_);
    }
    auto consumed = router_.consume(
        router::ConsumeRequest{std::move(transportId), std::move(consumerId), std::move(producerId),
                               std::move(deviceCaps), paused});
    if (!consumed) {
        return consumed.error();
    }
    const router::Consumer& c = **consumed;
    return ConsumerInfo{c.id(), c.producerId(), std::string(rtp_parameters::toString(c.kind())),
                        c.rtpParameters(), c.producerPaused()};
}

common::Status RouterHost::setProducerPaused(const std::string& producerId, bool paused) {
    return paused ? router_.pauseProducer(producerId) : router_.resumeProducer(producerId);
}

common::Status RouterHost::setConsumerPaused(const std::string& consumerId, bool paused) {
    return paused ? router_.pauseConsumer(consumerId) : router_.resumeConsumer(consumerId);
}

common::Status RouterHost::closeProducer(const std::string& producerId) {
    return router_.closeProducer(producerId);
}

common::Status RouterHost::closeConsumer(const std::string& consumerId) {
    return router_.closeConsumer(consumerId);
}

void RouterHost::onConsumerEvent(std::string_view consumerId, router::ConsumerEvent event) {
    if (context_.observer.onConsumerEvent) {
        context_.observer.onConsumerEvent(id_, std::string(consumerId), toConsumerEvent(event));
    }
}

void RouterHost::onDominantSpeaker(std::string_view producerId) {
    if (context_.observer.onActiveSpeaker) {
        context_.observer.onActiveSpeaker(id_, std::string(producerId));
    }
}

RouterCounts RouterHost::counts() const {
    RouterCounts c = closed_;
    c.transports = transports_.size();
    c.producers = router_.producerCount();
    c.consumers = router_.consumerCount();
    for (const auto& [id, t] : transports_) {
        c.rtpIn += t->stats().rtpReceived;
        c.rtpOut += t->stats().rtpSent;
        c.dropped += t->stats().dropped();
        countTransportDrops(c.drops, *t);
    }
    c.dropped += router_.stats().packetsUnknownSsrc + router_.stats().packetsUnknownTransport +
                 router_.stats().packetsPoliced;
    countRouterDrops(c.drops, router_.stats());
    router_.forEachProducer([&](const router::Producer& p) {
        c.nackPacketsSent += p.stats().nackPacketsSent;
        c.keyframesForLoss += p.stats().keyframesForLoss;
        for (const auto& stream : p.streams()) {
            c.packetsRecovered += stream.nack ? stream.nack->stats().recovered : 0;
            const auto lost = stream.recv.stats().packetsLost;
            c.packetsLost += lost > 0 ? static_cast<std::uint64_t>(lost) : 0;
        }
    });
    router_.forEachConsumer([&](const router::Consumer& consumer) {
        c.nackPacketsReceived += consumer.sendStats().nackPackets;
        c.packetsRetransmitted += consumer.sendStats().retransmitted;
    });
    return c;
}

}  // namespace vp::sfu::media_server
