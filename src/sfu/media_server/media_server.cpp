#include "sfu/media_server/media_server.hpp"

#include "sfu/rtp_parameters/supported_capabilities.hpp"

namespace vp::sfu::media_server {

class MediaServer::Impl {};

namespace {
common::Error notYet() {
    return common::makeError("media.not_implemented", "the media server is not implemented yet");
}
}  // namespace

common::Result<std::unique_ptr<MediaServer>> MediaServer::start(MediaServerOptions,
                                                                const common::Clock&) {
    return notYet();
}
MediaServer::MediaServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MediaServer::~MediaServer() {
    stop();
}
const rtp_parameters::RtpCapabilities& MediaServer::rtpCapabilities() const {
    return rtp_parameters::routerRtpCapabilities();
}
void MediaServer::setObserver(MediaServerObserver) {}
void MediaServer::createRouter(std::string, Callback<void> done) {
    done(notYet());
}
void MediaServer::closeRouter(std::string) {}
void MediaServer::createWebRtcTransport(std::string, std::string,
                                        Callback<WebRtcTransportInfo> done) {
    done(notYet());
}
void MediaServer::connectWebRtcTransport(std::string, std::string, DtlsParameters,
                                         Callback<void> done) {
    done(notYet());
}
void MediaServer::restartIce(std::string, std::string, Callback<ice::IceParameters> done) {
    done(notYet());
}
void MediaServer::produce(std::string, std::string, std::string, std::string,
                          rtp_parameters::RtpParameters, bool, Callback<void> done) {
    done(notYet());
}
void MediaServer::consume(std::string, std::string, std::string, std::string,
                          rtp_parameters::RtpCapabilities, bool, Callback<ConsumerInfo> done) {
    done(notYet());
}
void MediaServer::setProducerPaused(std::string, std::string, bool, Callback<void> done) {
    done(notYet());
}
void MediaServer::setConsumerPaused(std::string, std::string, bool, Callback<void> done) {
    done(notYet());
}
void MediaServer::closeProducer(std::string, std::string) {}
void MediaServer::closeConsumer(std::string, std::string) {}
void MediaServer::closeTransport(std::string, std::string) {}
void MediaServer::stats(Callback<Stats> done) {
    done(notYet());
}
void MediaServer::stop() {}

std::string toJson(const WebRtcTransportInfo&) {
    return "{}";
}
std::string toJson(const DtlsParameters&) {
    return "{}";
}
std::string toJson(const ice::IceParameters&) {
    return "{}";
}
common::Result<DtlsParameters> parseDtlsParameters(std::string_view) {
    return notYet();
}

std::string_view toString(IceState state) {
    return state == IceState::Connected ? "connected" : "disconnected";
}
std::string_view toString(DtlsState state) {
    switch (state) {
        case DtlsState::Connecting:
            return "connecting";
        case DtlsState::Connected:
            return "connected";
        case DtlsState::Failed:
            return "failed";
        case DtlsState::Closed:
            return "closed";
    }
    return "unknown";
}
std::string_view toString(ConsumerEvent event) {
    switch (event) {
        case ConsumerEvent::ProducerPaused:
            return "producerpause";
        case ConsumerEvent::ProducerResumed:
            return "producerresume";
        case ConsumerEvent::ProducerClosed:
            return "producerclose";
        case ConsumerEvent::TransportClosed:
            return "transportclose";
    }
    return "unknown";
}

}  // namespace vp::sfu::media_server
