// The bandwidth half of Router: per subscriber transport, the consumers'
// layers chosen so their sum fits the transport's send-side estimate
// (bwe::allocateLayers over the bitrates the producers' encodings arrive at),
// and probe clusters (RTX padding through one of its consumers) while that
// allocation is limited, so the estimate can climb back. A transport without
// an estimate (no transport-cc feedback or REMB yet) is not limited at all.
// Layer switches still wait for a keyframe of the new target, which is
// requested here.
#include <algorithm>

#include "sfu/router/router.hpp"

namespace vp::sfu::router {

namespace {
constexpr std::uint64_t kReallocatePercent = 5;
constexpr std::chrono::seconds kReallocateInterval{1};
constexpr std::chrono::milliseconds kDefaultTick{20};
}  // namespace

void Router::onBandwidthEstimate(std::string_view transportId, std::uint64_t bitsPerSecond) {
    Transport* t = findTransport(transportId);
    if (t == nullptr || bitsPerSecond == 0) {
        return;
    }
    t->bandwidth.estimate = bitsPerSecond;
    const std::uint64_t last = t->allocatedFor;
    const std::uint64_t change = bitsPerSecond > last ? bitsPerSecond - last : last - bitsPerSecond;
    if (last == 0 || change * 100 >= last * kReallocatePercent) {
        allocateLayers(*t, clock_.steadyNow());
    }
}

std::optional<TransportBandwidth> Router::transportBandwidth(std::string_view transportId) const {
    auto it = transports_.find(transportId);
    if (it == transports_.end()) {
        return std::nullopt;
    }
    TransportBandwidth b = it->second.bandwidth;
    b.probeClusters = it->second.probes.clustersStarted();
    b.probeBytes = it->second.probes.bytesRequested();
    return b;
}

void Router::allocateLayers(Transport& transport, std::chrono::steady_clock::time_point now) {
    transport.allocatedFor = transport.bandwidth.estimate;
    transport.allocatedAt = now;
    std::vector<bwe::LayerRequest> requests;
    std::vector<Consumer*> consumers;
    requests.reserve(transport.consumers.size());
    consumers.reserve(transport.consumers.size());
    for (Consumer* c : transport.consumers) {
        const Producer* p = findProducer(c->producerId());
        if (p == nullptr || c->paused() || c->producerPaused() || p->streams().empty()) {
            continue;
        }
        bwe::LayerRequest r;
        r.audio = c->kind() == rtp_parameters::MediaKind::Audio;
        if (const SimulcastLayers* layers = c->layers(); layers != nullptr) {
            const std::uint32_t active = p->activeEncodings(now);
            r.layers = std::min(p->streams().size(), bwe::kMaxLayers);
            for (std::size_t i = 0; i < r.layers; ++i) {
                r.bitrates[i] = ((active >> i) & 1u) != 0 ? p->streams()[i].rate.bitrate(now) : 0;
            }
            r.preferred = layers->preferred();
            r.current = layers->current();
        } else {
            r.bitrates[0] = p->streams().front().rate.bitrate(now);
            r.current = 0;
        }
        requests.push_back(r);
        consumers.push_back(c);
    }
    std::vector<int> layers(requests.size(), -1);
    const auto summary = bwe::allocateLayers(requests, transport.bandwidth.estimate, layers);
    transport.bandwidth.allocated = summary.allocated;
    transport.bandwidth.desired = summary.desired;
    transport.bandwidth.limited = summary.limited;
    ++transport.bandwidth.allocations;
    for (std::size_t i = 0; i < consumers.size(); ++i) {
        Consumer* c = consumers[i];
        if (layers[i] < 0 || c->layers() == nullptr) {
            continue;
        }
        if (c->setMaxLayer(static_cast<std::size_t>(layers[i]))) {
            if (Producer* p = findProducer(c->producerId()); p != nullptr) {
                requestKeyframe(*p, c->keyframeEncoding());
            }
        }
    }
}

void Router::bandwidthTick(Transport& transport, std::chrono::steady_clock::time_point now) {
    if (transport.bandwidth.estimate == 0) {
        return;
    }
    if (now - transport.allocatedAt >= kReallocateInterval) {
        allocateLayers(transport, now);
    }
    const auto elapsed =
        transport.lastTick == std::chrono::steady_clock::time_point{}
            ? std::chrono::duration_cast<std::chrono::microseconds>(kDefaultTick)
            : std::chrono::duration_cast<std::chrono::microseconds>(now - transport.lastTick);
    transport.lastTick = now;
    const auto& b = transport.bandwidth;
    const auto probe = transport.probes.tick(now, elapsed, b.estimate, b.desired, b.limited);
    const std::size_t n = transport.consumers.size();
    for (std::size_t k = 0; probe.bytes > 0 && k < n; ++k) {
        Consumer* c = transport.consumers[(transport.nextProbeConsumer + k) % n];
        if (c->canSendPadding()) {
            c->sendPadding(probe.bytes, probe.cluster);
            transport.nextProbeConsumer = (transport.nextProbeConsumer + k) % n;
            break;
        }
    }
}

}  // namespace vp::sfu::router
