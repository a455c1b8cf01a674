// RouterHost::streamStats: the per-stream view of loss recovery and RTCP
// (producer receive streams, consumer send streams) for MediaServer::stats;
// RouterHost::bandwidthStats: each transport's send-side estimate and allocation.
#include "sfu/media_server/router_host.hpp"

namespace vp::sfu::media_server {

namespace {

double millis(std::chrono::microseconds us) {
    return static_cast<double>(us.count()) / 1000.0;
}

double rtpUnitsToMs(std::uint32_t units, std::uint32_t clockRate) {
    return clockRate == 0 ? 0.0 : 1000.0 * units / clockRate;
}

}  // namespace

void RouterHost::streamStats(std::vector<ProducerStreamStats>& producers,
                             std::vector<ConsumerStreamStats>& consumers) const {
    router_.forEachProducer([&](const router::Producer& p) {
        for (const auto& stream : p.streams()) {
            if (stream.ssrc == 0) {
                continue;
            }
            const auto& r = stream.recv.stats();
            ProducerStreamStats s;
            s.routerId = id_;
            s.producerId = p.id();
            s.kind = std::string(rtp_parameters::toString(p.kind()));
            s.ssrc = stream.ssrc;
            s.packets = r.packets;
            s.bytes = r.bytes;
            s.retransmissions = r.retransmissions;
            s.packetsLost = r.packetsLost;
            s.fractionLost = r.fractionLost;
            s.jitterMs = stream.recv.jitterMs();
            if (stream.nack) {
                const auto& n = stream.nack->stats();
                s.nackedSequences = n.nackedSequences;
                s.missing = n.missing;
                s.recovered = n.recovered;
                s.givenUp = n.givenUp;
                s.rttMs = stream.nack->rttMeasured() ? millis(stream.nack->rtt()) : 0.0;
            }
            producers.push_back(std::move(s));
        }
    });
    router_.forEachConsumer([&](const router::Consumer& c) {
        const auto& x = c.sendStats();
        const auto& codecs = c.rtpParameters().codecs;
        ConsumerStreamStats s;
        s.routerId = id_;
        s.consumerId = c.id();
        s.producerId = c.producerId();
        s.kind = std::string(rtp_parameters::toString(c.kind()));
        s.ssrc = c.ssrc();
        s.rtxSsrc = c.rtxSsrc();
        s.packets = x.packets;
        s.bytes = x.bytes;
        s.nackPackets = x.nackPackets;
        s.nackedSequences = x.nackedSequences;
        s.retransmitted = x.retransmitted;
        s.retransmittedBytes = x.retransmittedBytes;
        s.retransmitMissed = x.retransmitMissed;
        s.retransmitThrottled = x.retransmitThrottled;
        s.senderReports = x.senderReports;
        s.receiverReports = x.receiverReports;
        s.remoteFractionLost = x.remoteFractionLost;
        s.remotePacketsLost = x.remotePacketsLost;
        s.remoteJitterMs = rtpUnitsToMs(x.remoteJitter, codecs.empty() ? 0 : codecs[0].clockRate);
        s.rttMs = millis(std::chrono::microseconds(x.rttMicros));
        if (const auto* layers = c.layers(); layers != nullptr) {
            s.currentSpatialLayer = layers->current();
            s.targetSpatialLayer = layers->target();
        }
        consumers.push_back(std::move(s));
    });
}

void RouterHost::bandwidthStats(std::vector<TransportBandwidthStats>& out) const {
    for (const auto& [id, t] : transports_) {
        TransportBandwidthStats s;
        s.routerId = id_;
        s.transportId = id;
        s.availableOutgoingBitrate = t->availableOutgoingBitrate().value_or(0);
        if (const auto* estimator = t->bandwidthEstimator(); estimator != nullptr) {
            s.ackedBitrate = estimator->ackedBitrate();
            s.overuseDecreases = estimator->stats().overuseDecreases;
            s.lossDecreases = estimator->stats().lossDecreases;
        }
        s.transportCcFeedback = t->stats().transportCcFeedbackReceived;
        s.rembs = t->stats().rembReceived;
        s.probePackets = t->stats().probePacketsSent;
        if (auto b = router_.transportBandwidth(id)) {
            s.allocatedBitrate = b->allocated;
            s.desiredBitrate = b->desired;
            s.limited = b->limited;
            s.probeClusters = b->probeClusters;
        }
        out.push_back(std::move(s));
    }
}

}  // namespace vp::sfu::media_server
