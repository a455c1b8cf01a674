// Active speaker and loudest-N forwarding in meetings over real media: each
// participant's endpoint is the media core's own client (ICE, DTLS, SRTP) on
// loopback, publishing Opus-like packets whose ssrc-audio-level extension
// carries synthetic levels. The meeting announces the dominant speaker
// (activeSpeaker) and, with rooms.loudest_audio = 1, a subscriber receives only
// the loudest microphone.
#include <map>
#include <set>

#include "meeting_harness.hpp"
#include "sfu/client/webrtc_client.hpp"
#include "sfu/dtls/certificate.hpp"
#include "sfu/packet/rtp_writer.hpp"

namespace vp::rooms::test {
namespace {

using namespace std::chrono_literals;
namespace client = sfu::client;

constexpr std::uint8_t kSilence = 127;
constexpr std::uint8_t kLoud = 20;                // -20 dBov
constexpr std::uint8_t kShout = 0;                // 0 dBov
constexpr std::uint32_t kOpusSsrc = 1111111111u;  // chrome_opus_producer.json
constexpr std::uint8_t kAudioLevelId = 10;        // its ssrc-audio-level id

std::unique_ptr<sfu::dtls::DtlsContext> clientContext() {
    auto cert = sfu::dtls::Certificate::generate(common::SystemClock::instance(),
                                                 common::SecureRandom::instance());
    EXPECT_TRUE(cert.ok());
    auto ctx = sfu::dtls::DtlsContext::create(std::move(*cert));
    EXPECT_TRUE(ctx.ok());
    return std::make_unique<sfu::dtls::DtlsContext>(std::move(*ctx));
}

// One participant's WebRTC side: a transport made through the signalling and
// a client connected to it.
struct Endpoint {
    std::string transportId;
    std::unique_ptr<client::WebRtcClient> client;
    std::uint16_t seq = 0;
    std::map<std::uint32_t, std::uint64_t> received;  // by SSRC
};

class ActiveSpeakerTest : public MeetingHarness {
  protected:
    std::unique_ptr<Endpoint> connect(Client& c, const char* direction) {
        auto endpoint = std::make_unique<Endpoint>();
        const auto info = ok(c, "createWebRtcTransport", json::object{{"direction", direction}});
        endpoint->transportId = std::string(info.at("id").as_string());
        auto made = client::WebRtcClient::create(*dtls_, common::SystemClock::instance(),
                                                 common::SecureRandom::instance());
        EXPECT_TRUE(made.ok());
        endpoint->client = std::move(*made);
        auto& webrtc = *endpoint->client;
        json::object dtls;
        dtls["role"] = "client";
        dtls["fingerprints"] = json::array{json::object{
            {"algorithm", webrtc.fingerprintAlgorithm()}, {"value", webrtc.fingerprintValue()}}};
        ok(c, "connectWebRtcTransport",
           json::object{{"transportId", endpoint->transportId}, {"dtlsParameters", dtls}});
        const auto& candidate = info.at("iceCandidates").at(0);
        auto address = sfu::net::SocketAddress::parse(
            candidate.at("ip").as_string(),
            static_cast<std::uint16_t>(candidate.at("port").as_int64()));
        EXPECT_TRUE(address.ok());
        const auto& fingerprint = info.at("dtlsParameters").at("fingerprints").at(0);
        client::RemoteTransport remote{
            {std::string(info.at("iceParameters").at("usernameFragment").as_string()),
             std::string(info.at("iceParameters").at("password").as_string()), true},
            *address,
            std::string(fingerprint.at("algorithm").as_string()),
            std::string(fingerprint.at("value").as_string())};
        EXPECT_TRUE(webrtc.connect(remote).ok());
        EXPECT_TRUE(webrtc.runUntil([&] { return webrtc.connected(); }, 5s));
        auto* raw = endpoint.get();
        webrtc.setRtpHandler(
            [raw](const sfu::packet::RtpPacketView& packet) { ++raw->received[packet.ssrc()]; });
        return endpoint;
    }

    // A connected send endpoint producing the Opus fixture; its producer id in `producerId`.
    std::unique_ptr<Endpoint> publish(Client& c, std::string& producerId) {
        auto endpoint = connect(c, "send");
        json::object data;
        data["transportId"] = endpoint->transportId;
        data["kind"] = "audio";
        data["rtpParameters"] = json::parse(fixture("chrome_opus_producer.json"));
        data["appData"] = json::parse(R"({"source":"mic"})");
        producerId = std::string(ok(c, "produce", data).at("id").as_string());
        return endpoint;
    }

    // Consumes and resumes a producer on `endpoint` (a recv transport); the SSRC it arrives on.
    std::uint32_t subscribe(Client& c, const std::string& producerId) {
        json::object data;
        data["producerId"] = producerId;
        data["rtpCapabilities"] = json::parse(fixture("chrome_device_capabilities.json"));
        const auto consumer = ok(c, "consume", data);
        ok(c, "resumeConsumer", json::object{{"consumerId", consumer.at("id")}});
        return static_cast<std::uint32_t>(
            consumer.at("rtpParameters").at("encodings").at(0).at("ssrc").as_int64());
    }

    // Sends 20 ms audio packets from each publisher at its level, in real time,
    // polling every endpoint, for `duration` or until `done()`.
    void talk(
        const std::vector<std::pair<Endpoint*, std::uint8_t>>& publishers,
        const std::vector<Endpoint*>& receivers, std::chrono::milliseconds duration,
        const std::function<bool()>& done = [] { return false; }) {
        const auto end = std::chrono::steady_clock::now() + duration;
        auto next = std::chrono::steady_clock::now();
        while (std::chrono::steady_clock::now() < end && !done()) {
            for (const auto& [endpoint, level] : publishers) {
                sendAudio(*endpoint, level);
            }
            next += 20ms;
            do {
                for (const auto& [endpoint, level] : publishers) {
                    endpoint->client->poll(0ms);
                }
                for (Endpoint* receiver : receivers) {
                    receiver->client->poll(1ms);
                }
            } while (std::chrono::steady_clock::now() < next);
        }
    }

    static void sendAudio(Endpoint& endpoint, std::uint8_t level) {
        std::array<std::uint8_t, 200> buffer{};
        std::array<std::uint8_t, 60> payload{};
        payload.fill(0x5A);
        const std::uint8_t value[] = {level};
        const sfu::packet::RtpExtensionElement extension{kAudioLevelId, value};
        sfu::packet::RtpHeaderFields header;
        header.payloadType = 100;
        header.sequenceNumber = endpoint.seq;
        header.timestamp = 960u * endpoint.seq;
        header.ssrc = kOpusSsrc;
        ++endpoint.seq;
        auto size = sfu::packet::writeRtpPacket(buffer, header, std::span(&extension, 1), payload);
        ASSERT_TRUE(size.ok());
        EXPECT_TRUE(endpoint.client->sendRtp(std::span(buffer.data(), *size)).ok());
    }

    std::unique_ptr<sfu::dtls::DtlsContext> dtls_ = clientContext();
};

TEST_F(ActiveSpeakerTest, TheDominantSpeakerIsAnnouncedFromAudioLevelsWithHysteresis) {
    Client ann = client();
    Client bob = client();
    const auto annJoined = joinMeeting(ann, token("123456789", "Ann", true));
    const auto bobJoined = joinMeeting(bob, token("123456789", "Bob"));
    EXPECT_TRUE(annJoined.at("activeSpeaker").is_null());
    std::string annMic;
    std::string bobMic;
    auto annSend = publish(ann, annMic);
    auto bobSend = publish(bob, bobMic);

    // Ann talks, Bob is silent: both are told that Ann speaks.
    talk({{annSend.get(), kLoud}, {bobSend.get(), kSilence}}, {}, 5s,
         [&] { return bob.channel->notifications("activeSpeaker").size() >= 1; });
    ASSERT_EQ(bob.channel->notifications("activeSpeaker").size(), 1u);
    ASSERT_TRUE(awaitNotification(*ann.channel, "activeSpeaker"));
    for (Client* c : {&ann, &bob}) {
        const auto note = c->channel->notifications("activeSpeaker").at(0);
        EXPECT_EQ(note.at("participantId"), annJoined.at("participantId"));
        EXPECT_EQ(note.at("producerId").as_string(), annMic);
    }
    // Ann talks on; Bob's short, louder interjection (200 ms) does not take the stage.
    talk({{annSend.get(), kLoud}, {bobSend.get(), kSilence}}, {}, 500ms);
    talk({{annSend.get(), kLoud}, {bobSend.get(), kShout}}, {}, 200ms);
    talk({{annSend.get(), kLoud}, {bobSend.get(), kSilence}}, {}, 1s);
    EXPECT_EQ(ann.channel->notifications("activeSpeaker").size(), 1u);

    // Ann stops and Bob talks: he takes over, announced once.
    talk({{annSend.get(), kSilence}, {bobSend.get(), kLoud}}, {}, 5s,
         [&] { return ann.channel->notifications("activeSpeaker").size() >= 2; });
    talk({{annSend.get(), kSilence}, {bobSend.get(), kLoud}}, {}, 1s);
    ASSERT_EQ(ann.channel->notifications("activeSpeaker").size(), 2u);
    EXPECT_EQ(ann.channel->notifications("activeSpeaker")[1].at("participantId"),
              bobJoined.at("participantId"));

    // A late joiner learns the current speaker from his snapshot.
    Client carl = client();
    const auto carlJoined = joinMeeting(carl, token("123456789", "Carl"));
    EXPECT_EQ(carlJoined.at("activeSpeaker"), bobJoined.at("participantId"));
}

class LoudestAudioTest : public ActiveSpeakerTest {
  protected:
    LoudestAudioTest() { loudestAudio_ = 1; }
};

TEST_F(LoudestAudioTest, ASubscriberReceivesOnlyTheLoudestMicrophone) {
    Client ann = client();
    Client bob = client();
    Client carl = client();
    joinMeeting(ann, token("123456789", "Ann", true));
    joinMeeting(bob, token("123456789", "Bob"));
    joinMeeting(carl, token("123456789", "Carl"));
    std::string annMic;
    std::string bobMic;
    auto annSend = publish(ann, annMic);
    auto bobSend = publish(bob, bobMic);
    auto carlRecv = connect(carl, "recv");
    const std::uint32_t fromAnn = subscribe(carl, annMic);
    const std::uint32_t fromBob = subscribe(carl, bobMic);

    // Ann talks: Carl hears Ann and nothing of Bob's silent microphone.
    talk({{annSend.get(), kLoud}, {bobSend.get(), kSilence}}, {carlRecv.get()}, 2s);
    EXPECT_GT(carlRecv->received[fromAnn], 40u);
    EXPECT_EQ(carlRecv->received[fromBob], 0u);

    // Bob talks, Ann stops: after the hold Carl hears Bob instead of Ann.
    talk({{annSend.get(), kSilence}, {bobSend.get(), kLoud}}, {carlRecv.get()}, 2s);
    const auto annBefore = carlRecv->received[fromAnn];
    const auto bobBefore = carlRecv->received[fromBob];
    EXPECT_GT(bobBefore, 20u);
    talk({{annSend.get(), kSilence}, {bobSend.get(), kLoud}}, {carlRecv.get()}, 1s);
    EXPECT_EQ(carlRecv->received[fromAnn], annBefore);
    EXPECT_GT(carlRecv->received[fromBob], bobBefore + 30);
}

}  // namespace
}  // namespace vp::rooms::test
