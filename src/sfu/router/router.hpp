#pragma once
// Router: one per meeting, pinned to one worker thread (no locks). Owns the
// producers and consumers of the transports registered with it, negotiates
// their parameters (rtp_parameters/ortc) and routes RTP from each producer to
// its consumers. The control calls validate everything and answer with a
// clear error; onRtp() is the forwarding hot path (lookups only, no allocation).
//
// Error codes: router.unknown_transport, router.unknown_producer,
// router.unknown_consumer, router.duplicate_id, router.limit_reached,
// rtp.* from the parameter model (rtp.unknown_codec, rtp.duplicate_ssrc,
// rtp.invalid_parameters, rtp.cannot_consume, ...).
#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "sfu/bwe/layer_allocator.hpp"
#include "sfu/bwe/probe_controller.hpp"
#include "sfu/packet/rtcp/nack.hpp"
#include "sfu/packet/rtcp/report_block.hpp"
#include "sfu/packet/rtcp/sender_report.hpp"
#include "sfu/packet/rtp_packet.hpp"
#include "sfu/router/active_speaker.hpp"
#include "sfu/router/consumer.hpp"
#include "sfu/router/loudest_audio.hpp"
#include "sfu/router/producer.hpp"
#include "sfu/router/sinks.hpp"
#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::router {

struct RouterOptions {
    std::chrono::milliseconds keyframeRequestInterval{1000};
    std::size_t maxTransports = 512;
    std::size_t maxProducers = 1024;
    std::size_t maxConsumers = 8192;
    std::size_t maxSsrcsPerTransport = 64;
    ProducerRecoveryOptions recovery;     // NACK generator and packet cache per producer
    RetransmissionLimits retransmission;  // per consumer
    ActiveSpeakerOptions activeSpeaker;   // audio producers with ssrc-audio-level
    LoudestAudioOptions loudestAudio;     // count 0: every audio producer is forwarded
    bwe::ProbeOptions probing;            // per subscriber transport with an estimate
};

struct ProduceRequest {
    std::string transportId;
    std::string producerId;
    rtp_parameters::MediaKind kind = rtp_parameters::MediaKind::Audio;
    rtp_parameters::RtpParameters rtpParameters;
    bool paused = false;
};

struct ConsumeRequest {
    std::string transportId;
    std::string consumerId;
    std::string producerId;
    rtp_parameters::RtpCapabilities deviceCapabilities;  // mediasoup-client device.rtpCapabilities
    bool paused = false;
};

// The bandwidth side of one subscriber transport (router_bwe.cpp).
struct TransportBandwidth {
    std::uint64_t estimate = 0;   // bits/s, 0 = no estimate yet (no layer limit)
    std::uint64_t allocated = 0;  // bits/s of the layers chosen
    std::uint64_t desired = 0;    // bits/s of the preferred layers
    bool limited = false;         // some consumer is below its preferred layer
    std::uint64_t allocations = 0;
    std::uint64_t probeClusters = 0;
    std::uint64_t probeBytes = 0;
};

struct RouterStats {
    std::uint64_t packetsUnknownTransport = 0;
    std::uint64_t packetsUnknownSsrc = 0;
    std::uint64_t packetsPoliced = 0;  // over the producer's IngressPolicer cap
};

class Router {
  public:
    Router(std::string id, const common::Clock& clock, common::Random& random,
           RouterOptions options = {});
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    const std::string& id() const { return id_; }
    // What mediasoup-client's device.load({routerRtpCapabilities}) takes.
    const rtp_parameters::RtpCapabilities& rtpCapabilities() const;
    void setObserver(RouterObserver* observer) { observer_ = observer; }

    // The sinks must outlive the transport's registration (closeTransport()).
    common::Status addTransport(std::string transportId, RtpSink& rtpSink, RtcpSink& rtcpSink);
    common::Result<const Producer*> produce(ProduceRequest request);
    bool canConsume(std::string_view producerId,
                    const rtp_parameters::RtpCapabilities& deviceCapabilities) const;
    // The consumer starts with a keyframe request to the producer (video).
    common::Result<const Consumer*> consume(ConsumeRequest request);

    common::Status pauseProducer(std::string_view producerId);
    common::Status resumeProducer(std::string_view producerId);
    // Simulcast: the spatial layer (encoding index, lowest first) a consumer
    // should forward when the publisher sends it; ignored by simple consumers.
    // router.invalid_layer beyond rtp_parameters::kMaxEncodings.
    common::Status setConsumerPreferredLayers(std::string_view consumerId,
                                              std::size_t spatialLayer);
    common::Status pauseConsumer(std::string_view consumerId);
    common::Status resumeConsumer(std::string_view consumerId);

    // Closing a producer closes its consumers; closing a transport closes its
    // producers (and their consumers everywhere) and its consumers.
    common::Status closeProducer(std::string_view producerId);
    common::Status closeConsumer(std::string_view consumerId);
    common::Status closeTransport(std::string_view transportId);

    // Hot path: an RTP packet (already decrypted) that arrived on a transport.
    void onRtp(std::string_view transportId, packet::MutableRtpPacket& packet);
    // A subscriber asked (PLI/FIR) for a keyframe on one of its consumers' SSRCs.
    void onKeyframeRequest(std::string_view transportId, std::uint32_t consumerSsrc);
    // A subscriber's NACK for one of its consumers: retransmissions from the cache.
    void onNack(std::string_view transportId, const packet::rtcp::NackView& nack);
    // A report block (from an RR or SR) the peer sent about a stream we send it.
    void onReceiverReport(std::string_view transportId, const packet::rtcp::ReportBlock& block);
    // A publisher's sender report about one of its streams.
    void onSenderReport(std::string_view transportId, const packet::rtcp::SenderInfo& info);
    // The send-side estimate of a subscriber transport changed: its consumers'
    // layers are chosen again when it moved by >= 5 % (and every second anyway).
    void onBandwidthEstimate(std::string_view transportId, std::uint64_t bitsPerSecond);
    std::optional<TransportBandwidth> transportBandwidth(std::string_view transportId) const;
    // The periodic RTCP of one transport: an SR per consumer that has sent,
    // an RR with a block per producer stream that has received.
    void sendRtcpReports(std::string_view transportId);
    // Periodic (every ~20 ms): NACK retries and give-ups of producers whose
    // stream went quiet (while packets flow, they run on arrival); simulcast
    // targets follow the encodings that arrive, keyframes for pending switches.
    void onTimer();

    template <typename Fn>
    void forEachProducer(Fn&& fn) const {
        for (const auto& [id, p] : producers_) {
            fn(*p);
        }
    }
    template <typename Fn>
    void forEachConsumer(Fn&& fn) const {
        for (const auto& [id, c] : consumers_) {
            fn(*c);
        }
    }

    const Producer* producer(std::string_view id) const;
    const Consumer* consumer(std::string_view id) const;
    std::size_t transportCount() const { return transports_.size(); }
    std::size_t producerCount() const { return producers_.size(); }
    std::size_t consumerCount() const { return consumers_.size(); }
    const RouterStats& stats() const { return stats_; }
    // Empty until someone spoke; changes are reported to RouterObserver::onDominantSpeaker.
    const std::string& dominantSpeaker() const { return speakers_.dominant(); }
    // Loudest-N forwarding: whether this audio producer is forwarded now.
    bool audioForwarded(std::string_view producerId) const { return loudest_.selected(producerId); }

  private:
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    template <typename T>
    using ById = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

    struct Transport {
        RtpSink* rtpSink = nullptr;
        RtcpSink* rtcpSink = nullptr;
        std::vector<Producer*> producers;
        std::unordered_map<std::uint32_t, Producer*> producerBySsrc;
        std::unordered_map<std::uint32_t, Consumer*> consumerBySsrc;
        std::vector<Consumer*> consumers;
        std::uint32_t nextMid = 0;
        std::uint32_t rtcpSsrc = 0;  // sender SSRC of our receiver reports
        // One CNAME for every producer of the transport (lip sync on the
        // subscriber's side): the first one given, or a random one when the
        // publisher sent none (Chrome's rid simulcast has no a=ssrc cname).
        std::string cname;
        // Bandwidth (router_bwe.cpp).
        TransportBandwidth bandwidth;
        std::uint64_t allocatedFor = 0;  // the estimate of the last allocation
        std::chrono::steady_clock::time_point allocatedAt{};
        std::chrono::steady_clock::time_point lastTick{};
        bwe::ProbeController probes;
        std::size_t nextProbeConsumer = 0;
    };

    Transport* findTransport(std::string_view id);
    Producer* findProducer(std::string_view id);
    Consumer* findConsumer(std::string_view id);
    Producer* demultiplex(Transport& transport, const packet::RtpPacketView& packet);
    common::Status checkProduce(const ProduceRequest& request, const Transport& transport) const;
    // urgent: a subscriber starts receiving (late joiner), KeyframeRequester::kUrgentInterval.
    void requestKeyframe(Producer& producer, std::size_t encoding = 0, bool urgent = false);
    void updateSimulcastTargets(Producer& producer, std::chrono::steady_clock::time_point now);
    void setProducerPaused(Producer& producer, bool paused);
    void removeConsumer(Consumer& consumer, std::optional<ConsumerEvent> event);
    void removeProducer(Producer& producer);
    void notify(const Consumer& consumer, ConsumerEvent event);
    std::uint32_t newSsrc();
    std::string randomCname();
    void flushReports(Transport& transport, std::size_t& size);
    // After a closed speaker window: applies the loudest-N selection to consumers.
    void updateLoudestAudio();
    void allocateLayers(Transport& transport, std::chrono::steady_clock::time_point now);
    void bandwidthTick(Transport& transport, std::chrono::steady_clock::time_point now);

    std::string id_;
    const common::Clock& clock_;
    common::Random& random_;
    RouterOptions options_;
    RouterObserver* observer_ = nullptr;
    ById<Transport> transports_;
    ById<std::unique_ptr<Producer>> producers_;
    ById<std::unique_ptr<Consumer>> consumers_;
    RouterStats stats_;
    ActiveSpeakerDetector speakers_;
    LoudestAudioSelector loudest_;
    std::uint64_t loudestWindows_ = 0;  // speakers_.windows() at the last selection
    std::array<std::uint8_t, 1200> rtcpBuffer_{};
};

}  // namespace vp::sfu::router
