#pragma once
// RouterHost: one Router and the WebRtcTransports attached to it, on the worker
// the router is pinned to. Worker thread only; MediaServer reaches it by posting.
// It validates control calls, wires transport events to the router (RTP in,
// keyframe requests) and to the MediaServerObserver, and frees a transport
// completely on close (router registration, mux routes, timers).
#include <memory>
#include <string>
#include <unordered_map>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "sfu/media_server/media_server.hpp"
#include "sfu/router/router.hpp"
#include "sfu/transport/webrtc_transport.hpp"

namespace vp::sfu::media_server {

// What every router of one worker shares; outlives the RouterHosts.
struct WorkerContext {
    transport::TransportContext transport;
    ice::IceCandidate candidate;  // the worker socket's host candidate
    const MediaServerObserver& observer;
    const MediaServerOptions& options;
    common::Random& random;
};

struct RouterCounts {
    std::size_t transports = 0;
    std::size_t producers = 0;
    std::size_t consumers = 0;
    std::uint64_t rtpIn = 0;
    std::uint64_t rtpOut = 0;
    std::uint64_t dropped = 0;
    DropCounters drops;  // by reason; closed transports included
    std::uint64_t nackPacketsSent = 0;
    std::uint64_t packetsRecovered = 0;
    std::uint64_t packetsLost = 0;
    std::uint64_t keyframesForLoss = 0;
    std::uint64_t nackPacketsReceived = 0;
    std::uint64_t packetsRetransmitted = 0;
};

class RouterHost final : public router::RouterObserver {
  public:
    RouterHost(std::string id, WorkerContext& context, RouterSettings settings = {});
    ~RouterHost() override;
    RouterHost(const RouterHost&) = delete;
    RouterHost& operator=(const RouterHost&) = delete;

    common::Result<WebRtcTransportInfo> createTransport(std::string transportId);
    common::Status connectTransport(const std::string& transportId, const DtlsParameters& remote);
    common::Result<ice::IceParameters> restartIce(const std::string& transportId);
    common::Status closeTransport(const std::string& transportId);

    common::Status produce(std::string transportId, std::string producerId, const std::string& kind,
                           rtp_parameters::RtpParameters params, bool paused);
    common::Result<ConsumerInfo> consume(std::string transportId, std::string consumerId,
                                         std::string producerId,
                                         rtp_parameters::RtpCapabilities deviceCaps, bool paused);
    common::Status setProducerPaused(const std::string& producerId, bool paused);
    common::Status setConsumerPaused(const std::string& consumerId, bool paused);
    common::Status closeProducer(const std::string& producerId);
    common::Status closeConsumer(const std::string& consumerId);

    RouterCounts counts() const;
    // Appends the per-stream statistics of this router.
    void streamStats(std::vector<ProducerStreamStats>& producers,
                     std::vector<ConsumerStreamStats>& consumers) const;
    // Appends the bandwidth estimate and allocation of each transport.
    void bandwidthStats(std::vector<TransportBandwidthStats>& out) const;
    router::Router& router() { return router_; }

    // router::RouterObserver
    void onConsumerEvent(std::string_view consumerId, router::ConsumerEvent event) override;
    void onDominantSpeaker(std::string_view producerId) override;

  private:
    transport::WebRtcTransportEvents transportEvents(const std::string& transportId);
    transport::WebRtcTransport* find(const std::string& transportId);

    std::string id_;
    WorkerContext& context_;
    router::Router router_;
    std::unordered_map<std::string, std::unique_ptr<transport::WebRtcTransport>> transports_;
    RouterCounts closed_;  // packet counters of transports already closed
};

}  // namespace vp::sfu::media_server
