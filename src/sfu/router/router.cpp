#include "sfu/router/router.hpp"

#include <algorithm>

#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/rtp_parameters/ortc.hpp"
#include "sfu/rtp_parameters/supported_capabilities.hpp"
#include "sfu/rtp_parameters/validation.hpp"

namespace vp::sfu::router {

namespace rp = rtp_parameters;

namespace {

common::Error error(std::string code, std::string message) {
    return common::makeError(std::move(code), std::move(message));
}

common::Error unknown(const char* what, std::string_view id) {
    return error(std::string("router.unknown_") + what,
                 std::string("no ") + what + " \"" + std::string(id) + "\" in this router");
}

common::Status checkNewId(std::string_view id, bool exists, const char* what) {
    if (id.empty() || id.size() > rp::kMaxStringLength) {
        return error("router.invalid_id", std::string("a ") + what + " id must be 1 to " +
                                              std::to_string(rp::kMaxStringLength) + " characters");
    }
    if (exists) {
        return error("router.duplicate_id",
                     std::string("a ") + what + " \"" + std::string(id) + "\" already exists");
    }
    return {};
}

common::Status checkLimit(std::size_t count, std::size_t max, const char* what) {
    if (count >= max) {
        return error("router.limit_reached",
                     std::string("this router already has ") + std::to_string(max) + " " + what);
    }
    return {};
}

template <typename T>
void eraseValue(std::vector<T*>& list, const T* value) {
    std::erase(list, value);
}

}  // namespace

Router::Router(std::string id, const common::Clock& clock, common::Random& random,
               RouterOptions options)
    : id_(std::move(id)),
      clock_(clock),
      random_(random),
      options_(options),
      speakers_(options.activeSpeaker),
      loudest_(options.loudestAudio) {}

Router::~Router() = default;

const rp::RtpCapabilities& Router::rtpCapabilities() const {
    return rp::routerRtpCapabilities();
}

Router::Transport* Router::findTransport(std::string_view id) {
    auto it = transports_.find(id);
    return it == transports_.end() ? nullptr : &it->second;
}

Producer* Router::findProducer(std::string_view id) {
    auto it = producers_.find(id);
    return it == producers_.end() ? nullptr : it->second.get();
}

Consumer* Router::findConsumer(std::string_view id) {
    auto it = consumers_.find(id);
    return it == consumers_.end() ? nullptr : it->second.get();
}

const Producer* Router::producer(std::string_view id) const {
    auto it = producers_.find(id);
    return it == producers_.end() ? nullptr : it->second.get();
}

const Consumer* Router::consumer(std::string_view id) const {
    auto it = consumers_.find(id);
    return it == consumers_.end() ? nullptr : it->second.get();
}

std::string Router::randomCname() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(8, '0');
    for (char& c : out) {
        c = kHex[random_.uniform(16)];
    }
    return out;
}

std::uint32_t Router::newSsrc() {
    // Never 0 (means "unknown" here) and room for ssrc + 1 (RTX).
    return static_cast<std::uint32_t>(random_.uniform(0xFFFF'FFF0u)) + 1;
}

common::Status Router::addTransport(std::string transportId, RtpSink& rtpSink, RtcpSink& rtcpSink) {
    if (auto s = checkNewId(transportId, transports_.contains(transportId), "transport"); !s) {
        return s;
    }
    if (auto s = checkLimit(transports_.size(), options_.maxTransports, "transports"); !s) {
        return s;
    }
    Transport transport;
    transport.rtpSink = &rtpSink;
    transport.rtcpSink = &rtcpSink;
    transport.rtcpSsrc = newSsrc();
    transport.probes = bwe::ProbeController(options_.probing);
    transports_.emplace(std::move(transportId), std::move(transport));
    return {};
}

common::Status Router::checkProduce(const ProduceRequest& request,
                                    const Transport& transport) const {
    if (auto s =
            checkNewId(request.producerId, producers_.contains(request.producerId), "producer");
        !s) {
        return s;
    }
    if (auto s = checkLimit(producers_.size(), options_.maxProducers, "producers"); !s) {
        return s;
    }
    const auto& params = request.rtpParameters;
    if (auto s = rp::validateRtpParameters(params); !s) {
        return s;
    }
    for (std::size_t i = 0; i < params.codecs.size(); ++i) {
        if (rp::kindOfMimeType(params.codecs[i].mimeType) != request.kind) {
            return error("rtp.invalid_parameters", "rtpParameters.codecs[" + std::to_string(i) +
                                                       "].mimeType " + params.codecs[i].mimeType +
                                                       " does not match the producer kind " +
                                                       std::string(rp::toString(request.kind)));
        }
    }
    std::size_t ssrcCount = transport.producerBySsrc.size();
    for (const auto& e : params.encodings) {
        for (auto ssrc : {e.ssrc, e.rtxSsrc}) {
            if (ssrc && transport.producerBySsrc.contains(*ssrc)) {
                return error("rtp.duplicate_ssrc", "SSRC " + std::to_string(*ssrc) +
                                                       " is already used by another producer "
                                                       "on this transport");
            }
            ssrcCount += ssrc ? 1u : 0u;
        }
    }
    if (ssrcCount > options_.maxSsrcsPerTransport) {
        return error("router.limit_reached", "a transport carries at most " +
                                                 std::to_string(options_.maxSsrcsPerTransport) +
                                                 " SSRCs");
    }
    return {};
}

common::Result<const Producer*> Router::produce(ProduceRequest request) {
    Transport* transport = findTransport(request.transportId);
    if (transport == nullptr) {
        return unknown("transport", request.transportId);
    }
    if (auto s = checkProduce(request, *transport); !s) {
        return s.error();
    }
    auto& cname = request.rtpParameters.rtcp.cname;
    if (transport->cname.empty()) {
        transport->cname = cname && !cname->empty() ? *cname : randomCname();
    }
    cname = transport->cname;
    const auto& caps = rtpCapabilities();
    auto mapping = rp::mapProducerParameters(request.rtpParameters, caps, newSsrc());
    if (!mapping) {
        return mapping.error();
    }
    auto consumable = rp::consumableParameters(request.kind, request.rtpParameters, caps, *mapping);
    auto producer = std::make_unique<Producer>(request.producerId, request.transportId,
                                               request.kind, std::move(request.rtpParameters),
                                               std::move(*mapping), std::move(consumable),
                                               options_.keyframeRequestInterval, options_.recovery);
    producer->setPaused(request.paused);
    Producer* raw = producer.get();
    for (std::uint32_t ssrc : raw->signalledSsrcs()) {
        transport->producerBySsrc.emplace(ssrc, raw);
    }
    transport->producers.push_back(raw);
    if (raw->kind() == rp::MediaKind::Audio && raw->audioLevelId() != 0) {
        speakers_.add(raw->id());
        loudest_.add(raw->id());
    }
    producers_.emplace(std::move(request.producerId), std::move(producer));
    return static_cast<const Producer*>(raw);
}

bool Router::canConsume(std::string_view producerId, const rp::RtpCapabilities& device) const {
    const Producer* p = producer(producerId);
    return p != nullptr && rp::canConsume(p->consumableRtpParameters(), device);
}

common::Result<const Consumer*> Router::consume(ConsumeRequest request) {
    Transport* transport = findTransport(request.transportId);
    if (transport == nullptr) {
        return unknown("transport", request.transportId);
    }
    Producer* producer = findProducer(request.producerId);
    if (producer == nullptr) {
        return unknown("producer", request.producerId);
    }
    if (auto s =
            checkNewId(request.consumerId, consumers_.contains(request.consumerId), "consumer");
        !s) {
        return s.error();
    }
    if (auto s = checkLimit(consumers_.size(), options_.maxConsumers, "consumers"); !s) {
        return s.error();
    }
    if (auto s = rp::validateRtpCapabilities(request.deviceCapabilities); !s) {
        return s.error();
    }
    auto params =
        rp::consumerParameters(producer->consumableRtpParameters(), request.deviceCapabilities,
                               {.ssrc = newSsrc(), .enableRtx = true});
    if (!params) {
        return params.error();
    }
    params->mid = std::to_string(transport->nextMid++);
    ConsumerInit init;
    init.id = request.consumerId;
    init.transportId = request.transportId;
    init.producerId = request.producerId;
    init.kind = producer->kind();
    init.rtpParameters = std::move(*params);
    init.paused = request.paused;
    init.producerPaused = producer->paused();
    init.selected = loudest_.selected(producer->id());
    init.firstSequenceNumber = static_cast<std::uint16_t>(random_.uniform(0x10000));
    init.firstTimestamp = static_cast<std::uint32_t>(random_.uniform(0x1'0000'0000));
    init.firstRtxSequenceNumber = static_cast<std::uint16_t>(random_.uniform(0x10000));
    init.retransmission = options_.retransmission;
    init.producerEncodings = producer->streams().size();
    init.switchableLayers = producer->switchableLayers();
    auto consumer = std::make_unique<Consumer>(std::move(init), *transport->rtpSink);
    Consumer* raw = consumer.get();
    producer->consumers().push_back(raw);
    transport->consumers.push_back(raw);
    transport->consumerBySsrc.emplace(raw->ssrc(), raw);
    consumers_.emplace(std::move(request.consumerId), std::move(consumer));
    raw->setActiveEncodings(producer->activeEncodings(clock_.steadyNow()));
    if (!raw->paused()) {
        requestKeyframe(*producer, raw->keyframeEncoding(), true);
    }
    return static_cast<const Consumer*>(raw);
}

void Router::requestKeyframe(Producer& producer, std::size_t encoding, bool urgent) {
    Transport* transport = findTransport(producer.transportId());
    if (transport != nullptr && !producer.paused()) {
        producer.requestKeyframe(clock_.steadyNow(), *transport->rtcpSink, encoding, urgent);
    }
}

void Router::notify(const Consumer& consumer, ConsumerEvent event) {
    if (observer_ != nullptr) {
        observer_->onConsumerEvent(consumer.id(), event);
    }
}

void Router::setProducerPaused(Producer& producer, bool paused) {
    if (producer.paused() == paused) {
        return;
    }
    producer.setPaused(paused);
    for (Consumer* c : producer.consumers()) {
        c->setProducerPaused(paused);
        notify(*c, paused ? ConsumerEvent::ProducerPaused : ConsumerEvent::ProducerResumed);
    }
    for (const Consumer* c : producer.consumers()) {
        if (!paused && !c->paused()) {
            requestKeyframe(producer, c->keyframeEncoding(), true);
        }
    }
}

common::Status Router::pauseProducer(std::string_view producerId) {
    Producer* p = findProducer(producerId);
    if (p == nullptr) {
        return unknown("producer", producerId);
    }
    setProducerPaused(*p, true);
    return {};
}

common::Status Router::resumeProducer(std::string_view producerId) {
    Producer* p = findProducer(producerId);
    if (p == nullptr) {
        return unknown("producer", producerId);
    }
    setProducerPaused(*p, false);
    return {};
}

common::Status Router::pauseConsumer(std::string_view consumerId) {
    Consumer* c = findConsumer(consumerId);
    if (c == nullptr) {
        return unknown("consumer", consumerId);
    }
    c->setPaused(true);
    return {};
}

common::Status Router::resumeConsumer(std::string_view consumerId) {
    Consumer* c = findConsumer(consumerId);
    if (c == nullptr) {
        return unknown("consumer", consumerId);
    }
    const bool wasPaused = c->paused();
    c->setPaused(false);
    if (wasPaused) {
        if (Producer* p = findProducer(c->producerId()); p != nullptr) {
            requestKeyframe(*p, c->keyframeEncoding(), true);
        }
    }
    return {};
}

common::Status Router::setConsumerPreferredLayers(std::string_view consumerId,
                                                  std::size_t spatialLayer) {
    Consumer* c = findConsumer(consumerId);
    if (c == nullptr) {
        return unknown("consumer", consumerId);
    }
    if (spatialLayer >= rp::kMaxEncodings) {
        return error("router.invalid_layer", "spatialLayer must be 0 to " +
                                                 std::to_string(rp::kMaxEncodings - 1) +
                                                 " (an encoding index, lowest resolution first)");
    }
    Producer* p = findProducer(c->producerId());
    if (c->setPreferredLayer(spatialLayer) && p != nullptr && !c->paused()) {
        requestKeyframe(*p, c->keyframeEncoding());
    }
    return {};
}

void Router::updateSimulcastTargets(Producer& producer, std::chrono::steady_clock::time_point now) {
    const std::uint32_t active = producer.activeEncodings(now);
    for (Consumer* c : producer.consumers()) {
        const SimulcastLayers* layers = c->layers();
        if (layers == nullptr || c->paused()) {
            continue;
        }
        // A new target, or a switch still waiting for its keyframe (the
        // requester sends at most one per interval).
        if (c->setActiveEncodings(active) || layers->current() != layers->target()) {
            requestKeyframe(producer, c->keyframeEncoding());
        }
    }
}

void Router::removeConsumer(Consumer& consumer, std::optional<ConsumerEvent> event) {
    if (Producer* p = findProducer(consumer.producerId()); p != nullptr) {
        eraseValue(p->consumers(), &consumer);
    }
    if (Transport* t = findTransport(consumer.transportId()); t != nullptr) {
        eraseValue(t->consumers, &consumer);
        t->consumerBySsrc.erase(consumer.ssrc());
    }
    if (event) {
        notify(consumer, *event);
    }
    consumers_.erase(consumer.id());  // frees it: consumer is dangling from here
}

void Router::removeProducer(Producer& producer) {
    const std::vector<Consumer*> consumers = producer.consumers();
    for (Consumer* c : consumers) {
        removeConsumer(*c, ConsumerEvent::ProducerClosed);
    }
    if (Transport* t = findTransport(producer.transportId()); t != nullptr) {
        eraseValue(t->producers, &producer);
        std::erase_if(t->producerBySsrc,
                      [&](const auto& entry) { return entry.second == &producer; });
    }
    speakers_.remove(producer.id());
    loudest_.remove(producer.id());
    producers_.erase(producer.id());
}

common::Status Router::closeProducer(std::string_view producerId) {
    Producer* p = findProducer(producerId);
    if (p == nullptr) {
        return unknown("producer", producerId);
    }
    removeProducer(*p);
    return {};
}

common::Status Router::closeConsumer(std::string_view consumerId) {
    Consumer* c = findConsumer(consumerId);
    if (c == nullptr) {
        return unknown("consumer", consumerId);
    }
    removeConsumer(*c, std::nullopt);
    return {};
}

common::Status Router::closeTransport(std::string_view transportId) {
    Transport* t = findTransport(transportId);
    if (t == nullptr) {
        return unknown("transport", transportId);
    }
    const std::vector<Producer*> producers = t->producers;
    for (Producer* p : producers) {
        removeProducer(*p);
    }
    const std::vector<Consumer*> consumers = t->consumers;
    for (Consumer* c : consumers) {
        removeConsumer(*c, ConsumerEvent::TransportClosed);
    }
    transports_.erase(transports_.find(transportId));
    return {};
}

Producer* Router::demultiplex(Transport& transport, const packet::RtpPacketView& packet) {
    if (auto it = transport.producerBySsrc.find(packet.ssrc());
        it != transport.producerBySsrc.end()) {
        return it->second;
    }
    if (transport.producerBySsrc.size() >= options_.maxSsrcsPerTransport) {
        return nullptr;
    }
    for (Producer* p : transport.producers) {
        if (p->claims(packet)) {
            transport.producerBySsrc.emplace(packet.ssrc(), p);
            return p;
        }
    }
    return nullptr;
}

void Router::onRtp(std::string_view transportId, packet::MutableRtpPacket& packet) {
    Transport* transport = findTransport(transportId);
    if (transport == nullptr) {
        ++stats_.packetsUnknownTransport;
        return;
    }
    const packet::RtpPacketView& view = packet.view();
    Producer* producer = demultiplex(*transport, view);
    if (producer == nullptr) {
        ++stats_.packetsUnknownSsrc;
        return;
    }
    const auto now = clock_.steadyNow();
    if (!producer->admit(view.bytes().size(), now)) {
        ++stats_.packetsPoliced;
        return;
    }
    auto incoming = producer->receive(view, now);
    if (!incoming) {
        return;
    }
    producer->sendFeedback(incoming->stream.encoding, now, *transport->rtcpSink);
    producer->flushKeyframeRequest(now, *transport->rtcpSink);
    if (producer->paused()) {
        return;
    }
    if (producer->audioLevelId() != 0) {
        if (auto value = view.extension(producer->audioLevelId())) {
            if (auto level = packet::decodeAudioLevel(*value)) {
                speakers_.onLevel(producer->id(), level->level, now);
            }
        }
    }
    for (Consumer* c : producer->consumers()) {
        c->forward(incoming->packet, incoming->stream, producer->extensionIdsToRouter(), now);
    }
}

void Router::onKeyframeRequest(std::string_view transportId, std::uint32_t consumerSsrc) {
    Transport* transport = findTransport(transportId);
    if (transport == nullptr) {
        return;
    }
    auto it = transport->consumerBySsrc.find(consumerSsrc);
    if (it == transport->consumerBySsrc.end()) {
        return;
    }
    if (Producer* p = findProducer(it->second->producerId()); p != nullptr) {
        requestKeyframe(*p, it->second->keyframeEncoding());
    }
}

}  // namespace vp::sfu::router
