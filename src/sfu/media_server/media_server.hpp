#pragma once
// MediaServer: the in-process control API of the media core, used by the meeting
// runtime (rooms/). It owns the media workers; each Router is pinned to the
// least-loaded worker for life, and every call is posted to that worker's thread.
// Results arrive through callbacks invoked on the worker thread. Every call is
// validated and answers with a clear Error (media.unknown_router,
// media.unknown_transport, media.bad_fingerprint, router.* and rtp.* from the
// router and the parameter model, ...). No Boost in this header.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "sfu/ice/ice_parameters.hpp"
#include "sfu/media_server/drop_counters.hpp"
#include "sfu/rtp_parameters/types.hpp"

namespace vp::sfu::media_server {

template <typename T>
using Callback = std::function<void(common::Result<T>)>;  // invoked on a worker thread

struct MediaServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t basePort = 40000;  // worker i binds basePort + i; 0 = any free port
    std::size_t workers = 0;         // 0 = one per core
    std::string announcedIp;         // replaces the bound IP in candidates (NAT/public)
    std::size_t maxTransportsPerRouter = 512;
    std::size_t maxRouters = 4096;
    std::size_t maxSsrcsPerTransport = 64;
    std::chrono::milliseconds consentTimeout{30'000};  // RFC 7675: silent peer -> disconnected
    std::chrono::milliseconds consentCheckInterval{1'000};
};

// Per-router choices of the room layer.
struct RouterSettings {
    // Forward only the N loudest audio producers (ssrc-audio-level); 0 = all.
    std::size_t loudestAudio = 0;
};

struct DtlsFingerprint {
    std::string algorithm;  // "sha-256"
    std::string value;      // "AB:CD:..."
    friend bool operator==(const DtlsFingerprint&, const DtlsFingerprint&) = default;
};

struct DtlsParameters {
    std::string role;  // "auto" | "client" | "server"
    std::vector<DtlsFingerprint> fingerprints;
    friend bool operator==(const DtlsParameters&, const DtlsParameters&) = default;
};

struct WebRtcTransportInfo {
    std::string id;
    ice::IceParameters iceParameters;
    std::vector<ice::IceCandidate> iceCandidates;
    DtlsParameters dtlsParameters;
};

struct ConsumerInfo {
    std::string id;
    std::string producerId;
    std::string kind;  // "audio" | "video"
    rtp_parameters::RtpParameters rtpParameters;
    bool producerPaused = false;
};

// JSON in the shapes mediasoup-client expects: {id, iceParameters:
// {usernameFragment, password, iceLite}, iceCandidates: [{foundation, priority, ip,
// address, port, protocol, type}], dtlsParameters: {role, fingerprints:
// [{algorithm, value}]}}.
std::string toJson(const WebRtcTransportInfo& info);
std::string toJson(const DtlsParameters& parameters);
std::string toJson(const ice::IceParameters& parameters);
// transport.on('connect', ({dtlsParameters}) => ...) sends this; bounded, validated
// (media.invalid_dtls_parameters naming the field).
common::Result<DtlsParameters> parseDtlsParameters(std::string_view json);

enum class IceState : std::uint8_t { Connected, Disconnected };
enum class DtlsState : std::uint8_t { Connecting, Connected, Failed, Closed };
enum class ConsumerEvent : std::uint8_t {
    ProducerPaused,
    ProducerResumed,
    ProducerClosed,   // the consumer was closed and freed
    TransportClosed,  // the consumer's (or its producer's) transport closed; freed
};
std::string_view toString(IceState state);
std::string_view toString(DtlsState state);
std::string_view toString(ConsumerEvent event);

// Events to the room layer, delivered on the worker thread. Any member may be empty.
// Set before creating routers (setObserver is not synchronised with workers).
struct MediaServerObserver {
    std::function<void(const std::string& routerId, const std::string& consumerId,
                       ConsumerEvent event)>
        onConsumerEvent;
    std::function<void(const std::string& routerId, const std::string& transportId, IceState)>
        onIceState;
    // The dominant speaker of a router changed (audio producers sending ssrc-audio-level).
    std::function<void(const std::string& routerId, const std::string& producerId)> onActiveSpeaker;
    // `error` is empty unless state is Failed (e.g. the fingerprint did not match).
    std::function<void(const std::string& routerId, const std::string& transportId, DtlsState,
                       const std::string& error)>
        onDtlsState;
};

struct WorkerStats {
    std::size_t index = 0;
    std::uint16_t port = 0;
    std::size_t routers = 0;
    std::size_t transports = 0;
    std::size_t producers = 0;
    std::size_t consumers = 0;
    std::uint64_t packetsIn = 0;   // datagrams received on the worker socket
    std::uint64_t packetsOut = 0;  // datagrams sent
    std::uint64_t rtpIn = 0;       // decrypted RTP handed to routers
    std::uint64_t rtpOut = 0;      // RTP protected and sent to subscribers
    std::uint64_t dropped = 0;     // every datagram/packet dropped (mux, SRTP, queue, ...)
    DropCounters drops;            // by reason (STUN refused with 400/401/487 included)
    // Loss recovery, summed over the worker's producer and consumer streams
    // (streams already closed are not counted).
    std::uint64_t nackPacketsSent = 0;       // NACKs to publishers
    std::uint64_t packetsRecovered = 0;      // holes from publishers filled by retransmission
    std::uint64_t packetsLost = 0;           // publishers' packets never received (cumulative)
    std::uint64_t keyframesForLoss = 0;      // recovery gave up: keyframe requested
    std::uint64_t nackPacketsReceived = 0;   // NACKs from subscribers
    std::uint64_t packetsRetransmitted = 0;  // to subscribers
    // Send-side bandwidth estimates summed over the transports that have one.
    std::uint64_t outgoingBitrateEstimate = 0;
};

// One encoding of a producer, as the server receives it from the publisher.
struct ProducerStreamStats {
    std::string routerId;
    std::string producerId;
    std::string kind;  // "audio" | "video"
    std::uint32_t ssrc = 0;
    std::uint64_t packets = 0;  // retransmissions that filled a hole included
    std::uint64_t bytes = 0;
    std::uint64_t retransmissions = 0;  // RTX/repairs received
    std::int64_t packetsLost = 0;       // RFC 3550 cumulative lost, as in our last RR
    std::uint8_t fractionLost = 0;      // /256, in our last RR interval
    double jitterMs = 0;                // RFC 3550 interarrival jitter
    std::uint64_t nackedSequences = 0;  // sequence numbers we NACKed (retries included)
    std::uint64_t missing = 0;          // holes detected
    std::uint64_t recovered = 0;        // holes filled
    std::uint64_t givenUp = 0;          // holes abandoned
    double rttMs = 0;                   // from NACK -> repair timing; 0 = not measured yet
};

// One consumer, as the server sends it to the subscriber.
struct ConsumerStreamStats {
    std::string routerId;
    std::string consumerId;
    std::string producerId;
    std::string kind;
    std::uint32_t ssrc = 0;
    std::uint32_t rtxSsrc = 0;  // 0 = no RTX negotiated
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    std::uint64_t nackPackets = 0;      // NACK messages received
    std::uint64_t nackedSequences = 0;  // sequence numbers asked for
    std::uint64_t retransmitted = 0;
    std::uint64_t retransmittedBytes = 0;
    std::uint64_t retransmitMissed = 0;     // no longer cached / never received
    std::uint64_t retransmitThrottled = 0;  // per-packet or bitrate limit
    std::uint64_t senderReports = 0;        // SRs we sent
    std::uint64_t receiverReports = 0;      // report blocks the subscriber sent
    std::uint8_t remoteFractionLost = 0;    // from the subscriber's last RR, /256
    std::int64_t remotePacketsLost = 0;
    double remoteJitterMs = 0;
    double rttMs = 0;  // from the RR answering our SR; 0 = not measured yet
    // Simulcast consumers: the encoding forwarded now (-1 = none yet) and the
    // one it is heading for; both -1 for a simple consumer.
    int currentSpatialLayer = -1;
    int targetSpatialLayer = -1;
};

// One subscriber transport's send-side bandwidth estimate and layer allocation.
struct TransportBandwidthStats {
    std::string routerId;
    std::string transportId;
    std::uint64_t availableOutgoingBitrate = 0;  // bits/s; 0 = no feedback yet (no limit)
    std::uint64_t ackedBitrate = 0;              // what the peer acknowledged (transport-cc)
    std::uint64_t allocatedBitrate = 0;          // the layers chosen
    std::uint64_t desiredBitrate = 0;            // the preferred layers
    bool limited = false;                        // a consumer is below its preferred layer
    std::uint64_t transportCcFeedback = 0;       // messages received
    std::uint64_t rembs = 0;
    std::uint64_t overuseDecreases = 0;
    std::uint64_t lossDecreases = 0;
    std::uint64_t probeClusters = 0;
    std::uint64_t probePackets = 0;
};

struct MediaServerStats {
    std::vector<WorkerStats> workers;
    std::vector<TransportBandwidthStats> transports;
    // Per stream, over all routers (bounded by the routers' producer/consumer limits).
    std::vector<ProducerStreamStats> producerStreams;
    std::vector<ConsumerStreamStats> consumerStreams;
};

class MediaServer {
  public:
    using Stats = MediaServerStats;

    static common::Result<std::unique_ptr<MediaServer>> start(MediaServerOptions options,
                                                              const common::Clock& clock);
    ~MediaServer();  // stop()
    MediaServer(const MediaServer&) = delete;
    MediaServer& operator=(const MediaServer&) = delete;

    // routerRtpCapabilities(): what mediasoup-client's device.load() takes.
    const rtp_parameters::RtpCapabilities& rtpCapabilities() const;
    // Call before createRouter; events are delivered on worker threads.
    void setObserver(MediaServerObserver observer);

    void createRouter(std::string routerId, Callback<void> done);  // least-loaded worker
    void createRouter(std::string routerId, RouterSettings settings, Callback<void> done);
    void closeRouter(std::string routerId);
    void createWebRtcTransport(std::string routerId, std::string transportId,
                               Callback<WebRtcTransportInfo> done);
    void connectWebRtcTransport(std::string routerId, std::string transportId,
                                DtlsParameters remote, Callback<void> done);
    void restartIce(std::string routerId, std::string transportId,
                    Callback<ice::IceParameters> done);
    void produce(std::string routerId, std::string transportId, std::string producerId,
                 std::string kind, rtp_parameters::RtpParameters params, bool paused,
                 Callback<void> done);
    void consume(std::string routerId, std::string transportId, std::string consumerId,
                 std::string producerId, rtp_parameters::RtpCapabilities deviceCaps, bool paused,
                 Callback<ConsumerInfo> done);
    void setProducerPaused(std::string routerId, std::string producerId, bool paused,
                           Callback<void> done);
    void setConsumerPaused(std::string routerId, std::string consumerId, bool paused,
                           Callback<void> done);
    // Simulcast: the encoding (0 = lowest resolution) a consumer should forward
    // when the publisher sends it (router.invalid_layer, router.unknown_consumer).
    void setConsumerPreferredLayers(std::string routerId, std::string consumerId,
                                    std::size_t spatialLayer, Callback<void> done);
    void closeProducer(std::string routerId, std::string producerId);
    void closeConsumer(std::string routerId, std::string consumerId);
    void closeTransport(std::string routerId, std::string transportId);

    void stats(Callback<Stats> done);
    void stop();

    class Impl;

  private:
    explicit MediaServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace vp::sfu::media_server
