// End to end on loopback through MediaServer's public API, as signalling uses it:
// two clients built from the same stack (controlling ICE, DTLS client, SRTP),
// one publishes synthetic Opus + VP8, the other subscribes and must receive every
// packet decrypted, in order, with the consumer's SSRC and continuous sequence
// numbers; keyframe requests travel subscriber -> router -> publisher.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <thread>

#include "media_harness.hpp"
#include "sfu/client/media_peer.hpp"
#include "sfu/client/synthetic_media.hpp"
#include "sfu/packet/rtcp/common_header.hpp"
#include "sfu/packet/rtcp/fir.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/rtp_parameters/json.hpp"

namespace vp::sfu::testing {
namespace {

using media_server::MediaServer;
using media_server::WebRtcTransportInfo;
namespace ms = media_server;

constexpr std::uint32_t kAudioSsrc = 11111111;
constexpr std::uint32_t kVideoSsrc = 22222222;
constexpr std::uint32_t kVideoRtxSsrc = 22222223;

const char* kAudioParameters = R"({
  "mid": "0",
  "codecs": [{"mimeType": "audio/opus", "payloadType": 111, "clockRate": 48000, "channels": 2,
              "parameters": {"minptime": 10, "useinbandfec": 1},
              "rtcpFeedback": [{"type": "transport-cc", "parameter": ""}]}],
  "headerExtensions": [{"uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "id": 4, "encrypt": false,
                        "parameters": {}}],
  "encodings": [{"ssrc": 11111111, "dtx": false}],
  "rtcp": {"cname": "publisher", "reducedSize": true}
})";

const char* kVideoParameters = R"({
  "mid": "1",
  "codecs": [
    {"mimeType": "video/VP8", "payloadType": 96, "clockRate": 90000, "parameters": {},
     "rtcpFeedback": [{"type": "goog-remb", "parameter": ""}, {"type": "transport-cc", "parameter": ""},
                      {"type": "ccm", "parameter": "fir"}, {"type": "nack", "parameter": ""},
                      {"type": "nack", "parameter": "pli"}]},
    {"mimeType": "video/rtx", "payloadType": 97, "clockRate": 90000, "parameters": {"apt": 96},
     "rtcpFeedback": []}],
  "headerExtensions": [{"uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "id": 4, "encrypt": false,
                        "parameters": {}}],
  "encodings": [{"ssrc": 22222222, "rtx": {"ssrc": 22222223}, "dtx": false}],
  "rtcp": {"cname": "publisher", "reducedSize": true}
})";

class MediaServerE2E : public ::testing::Test {
  protected:
    void SetUp() override { startServer({}); }

    void startServer(ms::MediaServerOptions options) {
        server_.reset();
        options.host = "127.0.0.1";
        options.basePort = 0;
        options.workers = 1;
        auto started = MediaServer::start(options, common::SystemClock::instance());
        ASSERT_TRUE(started.ok()) << started.error().message;
        server_ = std::move(*started);
        server_->setObserver(events_.observer());
        ASSERT_TRUE(await<void>([&](auto cb) { server_->createRouter("room", cb); }).ok());
    }

    WebRtcTransportInfo createTransport(const std::string& id) {
        auto info = await<WebRtcTransportInfo>(
            [&](auto cb) { server_->createWebRtcTransport("room", id, cb); });
        EXPECT_TRUE(info.ok()) << info.error().message;
        return info.ok() ? *info : WebRtcTransportInfo{};
    }

    // Signalling 'connect' with the client's real fingerprint, then ICE + DTLS.
    void connectClient(client::WebRtcClient& c, const WebRtcTransportInfo& info) {
        auto dtls = ms::parseDtlsParameters(clientDtlsJson(c));
        ASSERT_TRUE(dtls.ok()) << dtls.error().message;
        auto connected = await<void>(
            [&](auto cb) { server_->connectWebRtcTransport("room", info.id, *dtls, cb); });
        ASSERT_TRUE(connected.ok()) << connected.error().message;
        ASSERT_TRUE(c.connect(remoteOf(info)).ok());
        ASSERT_TRUE(c.runUntil([&] { return c.connected() || c.failed(); },
                               std::chrono::milliseconds(5000)));
        ASSERT_TRUE(c.connected()) << (c.failed() ? c.failure()->message : "");
    }

    ms::MediaServer::Stats stats() {
        auto s = await<ms::MediaServer::Stats>([&](auto cb) { server_->stats(cb); });
        EXPECT_TRUE(s.ok());
        return s.ok() ? *s : ms::MediaServer::Stats{};
    }

    EventRecorder events_;
    std::unique_ptr<MediaServer> server_;
    std::unique_ptr<dtls::DtlsContext> clientDtls_ = makeClientDtlsContext();
};

struct Received {
    std::vector<std::uint16_t> sequenceNumbers;
    std::uint8_t payloadType = 0;
    std::size_t keyframes = 0;
};

TEST_F(MediaServerE2E, PublishedRtpReachesTheSubscriberDecryptedInOrder) {
    const auto pubInfo = createTransport("pub");
    const auto subInfo = createTransport("sub");
    auto pub = makeClient(*clientDtls_);
    auto sub = makeClient(*clientDtls_);
    connectClient(*pub, pubInfo);
    connectClient(*sub, subInfo);
    ASSERT_TRUE(events_.waitFor("dtls", "pub", "connected"));
    ASSERT_TRUE(events_.waitFor("ice", "sub", "connected"));

    for (auto [id, kind, json] : {std::tuple{"mic", "audio", kAudioParameters},
                                  std::tuple{"cam", "video", kVideoParameters}}) {
        auto params = rtp_parameters::parseRtpParameters(json);
        ASSERT_TRUE(params.ok()) << params.error().message;
        auto produced = await<void>(
            [&](auto cb) { server_->produce("room", "pub", id, kind, *params, false, cb); });
        ASSERT_TRUE(produced.ok()) << produced.error().message;
    }
    // A duplicate SSRC is refused with the router's error.
    auto duplicate = await<void>([&](auto cb) {
        server_->produce("room", "pub", "mic2", "audio",
                         *rtp_parameters::parseRtpParameters(kAudioParameters), false, cb);
    });
    ASSERT_FALSE(duplicate.ok());

    std::map<std::string, ms::ConsumerInfo> consumers;
    for (const char* producer : {"mic", "cam"}) {
        const std::string consumerId = std::string("sub-") + producer;
        auto info = await<ms::ConsumerInfo>([&](auto cb) {
            server_->consume("room", "sub", consumerId, producer, server_->rtpCapabilities(), true,
                             cb);
        });
        ASSERT_TRUE(info.ok()) << info.error().message;
        ASSERT_TRUE(await<void>([&](auto cb) {
                        server_->setConsumerPaused("room", consumerId, false, cb);
                    }).ok());
        consumers.emplace(producer, *info);
    }
    const std::uint32_t audioOut = *consumers.at("mic").rtpParameters.encodings.at(0).ssrc;
    const std::uint32_t videoOut = *consumers.at("cam").rtpParameters.encodings.at(0).ssrc;
    EXPECT_NE(audioOut, kAudioSsrc);
    EXPECT_NE(videoOut, kVideoSsrc);
    EXPECT_EQ(consumers.at("cam").kind, "video");

    std::map<std::uint32_t, Received> received;
    sub->setRtpHandler([&](const packet::RtpPacketView& p) {
        auto& r = received[p.ssrc()];
        r.sequenceNumbers.push_back(p.sequenceNumber());
        r.payloadType = p.payloadType();
        if (client::isVp8KeyframeStart(p.payload())) {
            ++r.keyframes;
        }
    });
    client::SyntheticStream audio({.ssrc = kAudioSsrc,
                                   .payloadType = 111,
                                   .clockRate = 48000,
                                   .midExtensionId = 4,
                                   .mid = "0",
                                   .video = false,
                                   .frameDuration = 960,
                                   .payloadSize = 80});
    client::SyntheticStream video({.ssrc = kVideoSsrc,
                                   .payloadType = 96,
                                   .clockRate = 90000,
                                   .midExtensionId = 4,
                                   .mid = "1",
                                   .video = true,
                                   .frameDuration = 3000,
                                   .packetsPerFrame = 4,
                                   .payloadSize = 900,
                                   .keyframeInterval = 0});
    std::size_t keyframeRequests = 0;
    pub->setRtcpHandler([&](std::span<const std::uint8_t> compound) {
        packet::rtcp::CompoundIterator it(compound);
        while (auto p = it.next()) {
            auto pli = packet::rtcp::parsePli(*p);
            auto fir = packet::rtcp::FirView::parse(*p);
            if ((pli && pli->media == kVideoSsrc) ||
                (fir && fir->entryCount() > 0 && fir->entry(0).ssrc == kVideoSsrc)) {
                ++keyframeRequests;
                video.requestKeyframe();
            }
        }
    });

    constexpr int kPackets = 2000;
    std::array<std::uint8_t, 1500> buffer{};
    for (int i = 0; i < kPackets; ++i) {
        for (auto* stream : {&audio, &video}) {
            auto size = stream->next(buffer);
            ASSERT_TRUE(size.ok()) << size.error().message;
            ASSERT_TRUE(pub->sendRtp(std::span(buffer.data(), *size)).ok());
        }
        if (i == 1000) {
            // The subscriber asks for a keyframe (as a decoder would after loss).
            std::array<std::uint8_t, 32> pli{};
            auto n = packet::rtcp::writePli(pli, {1, videoOut});
            ASSERT_TRUE(n.ok());
            ASSERT_TRUE(sub->sendRtcp(std::span(pli.data(), *n)).ok());
        }
        pub->poll(std::chrono::milliseconds(0));
        sub->poll(std::chrono::milliseconds(0));
        if (i % 2 == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    sub->runUntil(
        [&] {
            return received[audioOut].sequenceNumbers.size() >= kPackets &&
                   received[videoOut].sequenceNumbers.size() >= kPackets;
        },
        std::chrono::milliseconds(5000));
    // The keyframe request for the subscriber's PLI may wait for the throttle.
    pub->runUntil([&] { return keyframeRequests >= 2; }, std::chrono::milliseconds(3000));

    for (std::uint32_t ssrc : {audioOut, videoOut}) {
        const auto& r = received[ssrc];
        ASSERT_EQ(r.sequenceNumbers.size(), static_cast<std::size_t>(kPackets)) << ssrc;
        for (std::size_t k = 1; k < r.sequenceNumbers.size(); ++k) {
            ASSERT_EQ(static_cast<std::uint16_t>(r.sequenceNumbers[k - 1] + 1),
                      r.sequenceNumbers[k])
                << "gap or reorder at packet " << k << " of ssrc " << ssrc;
        }
    }
    EXPECT_EQ(received.size(), 2u) << "only the consumers' SSRCs may arrive";
    EXPECT_EQ(received[audioOut].payloadType,
              consumers.at("mic").rtpParameters.codecs.at(0).payloadType);
    EXPECT_EQ(received[videoOut].payloadType,
              consumers.at("cam").rtpParameters.codecs.at(0).payloadType);
    // One request when the consumer was created, one for the subscriber's PLI.
    EXPECT_GE(keyframeRequests, 2u);
    EXPECT_GE(received[videoOut].keyframes, 2u);

    auto s = stats();
    ASSERT_EQ(s.workers.size(), 1u);
    EXPECT_EQ(s.workers[0].transports, 2u);
    EXPECT_EQ(s.workers[0].producers, 2u);
    EXPECT_EQ(s.workers[0].consumers, 2u);
    EXPECT_GE(s.workers[0].rtpIn, 2u * kPackets);
    EXPECT_GE(s.workers[0].rtpOut, 2u * kPackets);

    // Closing the publisher's transport closes both consumers and frees everything.
    server_->closeTransport("room", "pub");
    EXPECT_TRUE(events_.waitFor("consumer", "sub-mic", "producerclose"));
    EXPECT_TRUE(events_.waitFor("consumer", "sub-cam", "producerclose"));
    server_->closeTransport("room", "sub");
    s = stats();
    EXPECT_EQ(s.workers[0].transports, 0u);
    EXPECT_EQ(s.workers[0].producers, 0u);
    EXPECT_EQ(s.workers[0].consumers, 0u);
    EXPECT_EQ(s.workers[0].routers, 1u);
    server_->closeRouter("room");
    EXPECT_EQ(stats().workers[0].routers, 0u);
}

TEST_F(MediaServerE2E, AWrongFingerprintFailsTheTransportWithAClearEvent) {
    const auto info = createTransport("t1");
    auto c = makeClient(*clientDtls_);
    // Well formed, but not the client's certificate.
    ms::DtlsParameters wrong{"client", {{"sha-256", info.dtlsParameters.fingerprints[0].value}}};
    ASSERT_TRUE(await<void>([&](auto cb) {
                    server_->connectWebRtcTransport("room", "t1", wrong, cb);
                }).ok());
    ASSERT_TRUE(c->connect(remoteOf(info)).ok());
    auto failed = std::optional<RecordedEvent>{};
    c->runUntil(
        [&] {
            failed = events_.waitFor("dtls", "t1", "failed", std::chrono::milliseconds(1));
            return failed.has_value();
        },
        std::chrono::milliseconds(5000));
    ASSERT_TRUE(failed);
    EXPECT_NE(failed->error.find("fingerprint"), std::string::npos) << failed->error;

    // Malformed fingerprints are refused at once.
    const auto info2 = createTransport("t2");
    auto bad = await<void>([&](auto cb) {
        server_->connectWebRtcTransport("room", "t2", {"client", {{"sha-256", "zz"}}}, cb);
    });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "media.bad_fingerprint");
}

TEST_F(MediaServerE2E, ControlCallsAreValidatedWithClearErrors) {
    auto unknownRouter = await<WebRtcTransportInfo>(
        [&](auto cb) { server_->createWebRtcTransport("nope", "t", cb); });
    ASSERT_FALSE(unknownRouter.ok());
    EXPECT_EQ(unknownRouter.error().code, "media.unknown_router");
    auto duplicateRouter = await<void>([&](auto cb) { server_->createRouter("room", cb); });
    ASSERT_FALSE(duplicateRouter.ok());
    EXPECT_EQ(duplicateRouter.error().code, "media.duplicate_router");
    auto unknownTransport = await<void>([&](auto cb) {
        server_->connectWebRtcTransport("room", "nope",
                                        {"client", {{"sha-256", std::string(95, 'A')}}}, cb);
    });
    ASSERT_FALSE(unknownTransport.ok());
    EXPECT_EQ(unknownTransport.error().code, "media.unknown_transport");
    createTransport("t");
    auto duplicateTransport = await<WebRtcTransportInfo>(
        [&](auto cb) { server_->createWebRtcTransport("room", "t", cb); });
    ASSERT_FALSE(duplicateTransport.ok());
    auto badKind = await<void>([&](auto cb) {
        server_->produce("room", "t", "p", "text",
                         *rtp_parameters::parseRtpParameters(kAudioParameters), false, cb);
    });
    ASSERT_FALSE(badKind.ok());
    EXPECT_EQ(badKind.error().code, "media.invalid_kind");
    auto params = *rtp_parameters::parseRtpParameters(kAudioParameters);
    params.codecs[0].mimeType = "audio/G729";
    auto unknownCodec = await<void>(
        [&](auto cb) { server_->produce("room", "t", "p", "audio", params, false, cb); });
    ASSERT_FALSE(unknownCodec.ok());
    EXPECT_EQ(unknownCodec.error().code, "rtp.unknown_codec");
    auto unknownProducer = await<ms::ConsumerInfo>([&](auto cb) {
        server_->consume("room", "t", "c", "nope", server_->rtpCapabilities(), false, cb);
    });
    ASSERT_FALSE(unknownProducer.ok());
    auto restarted =
        await<ice::IceParameters>([&](auto cb) { server_->restartIce("room", "t", cb); });
    ASSERT_TRUE(restarted.ok());
}

TEST_F(MediaServerE2E, ASilentPeerIsDisconnectedWhenConsentExpires) {
    ms::MediaServerOptions options;
    options.consentTimeout = std::chrono::milliseconds(300);
    options.consentCheckInterval = std::chrono::milliseconds(50);
    startServer(options);
    const auto info = createTransport("quiet");
    client::WebRtcClientOptions quiet;
    quiet.keepaliveInterval = std::chrono::milliseconds(0);
    auto c = makeClient(*clientDtls_, quiet);
    connectClient(*c, info);
    ASSERT_TRUE(events_.waitFor("ice", "quiet", "connected"));
    c->goSilent();
    EXPECT_TRUE(events_.waitFor("ice", "quiet", "disconnected", std::chrono::milliseconds(3000)));
}

// Loss recovery (issue 4): each client has a MediaPeer injecting 10 % random
// loss (publisher -> server and server -> subscriber, retransmissions included).
// The server NACKs the publisher's holes (RTX unwrapped), answers the
// subscriber's NACKs from its cache as RTX, and sends SR/RR; the subscriber
// application must still get >= 99.5 % of the packets, and the stats must show
// the recovery and an RTT measured from the subscriber's receiver reports.
TEST_F(MediaServerE2E, TenPercentLossBothWaysStillDeliversAtLeast995PercentAfterNack) {
    const auto pubInfo = createTransport("pub");
    const auto subInfo = createTransport("sub");
    auto pub = makeClient(*clientDtls_);
    auto sub = makeClient(*clientDtls_);
    connectClient(*pub, pubInfo);
    connectClient(*sub, subInfo);

    auto params = rtp_parameters::parseRtpParameters(kVideoParameters);
    ASSERT_TRUE(params.ok()) << params.error().message;
    ASSERT_TRUE(await<void>([&](auto cb) {
                    server_->produce("room", "pub", "cam", "video", *params, false, cb);
                }).ok());
    auto consumer = await<ms::ConsumerInfo>([&](auto cb) {
        server_->consume("room", "sub", "sub-cam", "cam", server_->rtpCapabilities(), false, cb);
    });
    ASSERT_TRUE(consumer.ok()) << consumer.error().message;
    const auto& cp = consumer->rtpParameters;
    ASSERT_TRUE(cp.encodings.at(0).rtxSsrc.has_value()) << "RTX must be negotiated";
    ASSERT_GE(cp.codecs.size(), 2u);
    const std::uint32_t videoOut = *cp.encodings[0].ssrc;

    auto& random = common::SecureRandom::instance();
    const auto& clock = common::SystemClock::instance();
    client::MediaPeerOptions lossy;
    lossy.sendLoss = 0.10;
    client::MediaPeer publisher(*pub, clock, random, lossy);
    publisher.addSendStream({kVideoSsrc, kVideoRtxSsrc, 97});
    lossy.sendLoss = 0.0;
    lossy.receiveLoss = 0.10;
    client::MediaPeer subscriber(*sub, clock, random, lossy);
    subscriber.addReceiveStream(
        {videoOut, *cp.encodings[0].rtxSsrc, cp.codecs[0].payloadType, 90000, true});
    std::set<std::uint16_t> delivered;
    subscriber.setRtpHandler([&](const packet::RtpPacketView& p) {
        if (p.ssrc() == videoOut) {
            delivered.insert(p.sequenceNumber());
        }
    });
    publisher.setRtcpHandler([&](std::span<const std::uint8_t>) {});

    client::SyntheticStream video({.ssrc = kVideoSsrc,
                                   .payloadType = 96,
                                   .clockRate = 90000,
                                   .midExtensionId = 4,
                                   .mid = "1",
                                   .video = true,
                                   .frameDuration = 3000,
                                   .packetsPerFrame = 4,
                                   .payloadSize = 900,
                                   .keyframeInterval = 0});
    auto pump = [&] {
        pub->poll(std::chrono::milliseconds(0));
        publisher.tick();
        sub->poll(std::chrono::milliseconds(0));
        subscriber.tick();
    };
    constexpr std::size_t kPackets = 3000;  // ~4 s at 750 packets/s
    std::array<std::uint8_t, 1500> buffer{};
    for (std::size_t i = 0; i < kPackets; ++i) {
        auto size = video.next(buffer);
        ASSERT_TRUE(size.ok());
        ASSERT_TRUE(publisher.sendRtp(std::span(buffer.data(), *size)).ok());
        pump();
        if (i % 2 == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (delivered.size() < kPackets && std::chrono::steady_clock::now() < deadline) {
        pump();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    // (The last packets' loss cannot be seen: no later packet reveals it.)
    // Let one more report interval pass so that SR/RR have crossed.
    const auto reports = std::chrono::steady_clock::now() + std::chrono::milliseconds(1200);
    while (std::chrono::steady_clock::now() < reports) {
        pump();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }

    // The loss was real on both legs...
    EXPECT_GT(publisher.stats().droppedOnSend, kPackets * 5 / 100);
    EXPECT_GT(subscriber.stats().droppedOnReceive, kPackets * 5 / 100);
    // ...and recovered: at least 99.5 % of the packets reached the application.
    EXPECT_GE(delivered.size(), kPackets * 995 / 1000)
        << "delivered " << delivered.size() << " of " << kPackets;
    EXPECT_GT(publisher.stats().retransmitted, 0u);
    EXPECT_GT(subscriber.stats().rtxReceived, 0u);
    EXPECT_GT(subscriber.stats().nacksSent, 0u);

    auto s = stats();
    ASSERT_EQ(s.workers.size(), 1u);
    ASSERT_EQ(s.producerStreams.size(), 1u);
    ASSERT_EQ(s.consumerStreams.size(), 1u);
    std::printf(
        "delivered %zu/%zu; publisher dropped %llu resent %llu; subscriber dropped %llu "
        "rtx %llu nacks %llu; server: missing %llu recovered %llu given up %llu, "
        "retransmitted %llu missed %llu throttled %llu, rtt in %.2f ms out %.2f ms\n",
        delivered.size(), kPackets,
        static_cast<unsigned long long>(publisher.stats().droppedOnSend),
        static_cast<unsigned long long>(publisher.stats().retransmitted),
        static_cast<unsigned long long>(subscriber.stats().droppedOnReceive),
        static_cast<unsigned long long>(subscriber.stats().rtxReceived),
        static_cast<unsigned long long>(subscriber.stats().nacksSent),
        static_cast<unsigned long long>(s.producerStreams[0].missing),
        static_cast<unsigned long long>(s.producerStreams[0].recovered),
        static_cast<unsigned long long>(s.producerStreams[0].givenUp),
        static_cast<unsigned long long>(s.consumerStreams[0].retransmitted),
        static_cast<unsigned long long>(s.consumerStreams[0].retransmitMissed),
        static_cast<unsigned long long>(s.consumerStreams[0].retransmitThrottled),
        s.producerStreams[0].rttMs, s.consumerStreams[0].rttMs);
    EXPECT_GT(s.workers[0].nackPacketsSent, 0u);
    EXPECT_GT(s.workers[0].packetsRecovered, 0u);
    EXPECT_GT(s.workers[0].nackPacketsReceived, 0u);
    EXPECT_GT(s.workers[0].packetsRetransmitted, 0u);
    const auto& in = s.producerStreams[0];
    EXPECT_EQ(in.producerId, "cam");
    EXPECT_EQ(in.ssrc, kVideoSsrc);
    EXPECT_GT(in.recovered, in.missing * 9 / 10) << "the server recovers the publisher's holes";
    EXPECT_GT(in.retransmissions, 0u);
    EXPECT_GT(in.rttMs, 0.0);
    const auto& out = s.consumerStreams[0];
    EXPECT_EQ(out.consumerId, "sub-cam");
    EXPECT_EQ(out.ssrc, videoOut);
    EXPECT_GT(out.retransmitted, 0u);
    EXPECT_GT(out.senderReports, 0u);
    EXPECT_GT(out.receiverReports, 0u);
    EXPECT_GT(out.rttMs, 0.0) << "RTT from the subscriber's RR answering our SR";
    EXPECT_LT(out.rttMs, 1000.0);
}

}  // namespace
}  // namespace vp::sfu::testing
