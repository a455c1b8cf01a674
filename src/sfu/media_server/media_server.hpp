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
};

struct MediaServerStats {
    std::vector<WorkerStats> workers;
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
