#include "rooms/room_service.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "signaling_calls.hpp"

namespace vp::rooms {
namespace {

namespace json = boost::json;
namespace media = sfu::media_server;
using test::RecordingChannel;

using test::Client;
using test::fixture;

class RoomServiceTest : public test::SignalingCalls {
  protected:
    void SetUp() override {
        media::MediaServerOptions options;
        options.host = "127.0.0.1";
        options.basePort = 0;
        options.workers = 1;
        auto started = media::MediaServer::start(options, common::SystemClock::instance());
        ASSERT_TRUE(started.ok()) << started.error().message;
        media_ = std::move(*started);
        RoomLimits limits;
        limits.maxPeersPerRoom = 2;
        limits.maxRooms = 2;
        service_ = std::make_unique<RoomService>(*media_, common::SecureRandom::instance(), limits);
        auto table = std::make_shared<signaling::MethodTable>();
        ASSERT_TRUE(service_->registerMethods(*table).ok());
        dispatcher_ = std::make_unique<signaling::Dispatcher>(table);
    }

    void TearDown() override {
        if (media_) {
            media_->stop();
        }
    }

    Client client(std::uint64_t id) { return Client{test::makeChannel(id), {}, 1}; }

    static json::object join(std::string room, std::string name) {
        json::object data;
        data["roomId"] = room;
        data["displayName"] = name;
        return data;
    }

    std::unique_ptr<media::MediaServer> media_;
    std::unique_ptr<RoomService> service_;
};

TEST_F(RoomServiceTest, TwoPeersPublishConsumeAndLeave) {
    Client alice = client(1);
    Client bob = client(2);
    const auto aliceJoined = ok(alice, "join", join("abc", "Alice"));
    EXPECT_TRUE(aliceJoined.at("routerRtpCapabilities").at("codecs").as_array().size() > 0);
    const std::string aliceId(aliceJoined.at("peerId").as_string());

    json::object transport;
    transport["direction"] = "send";
    const auto info = ok(alice, "createWebRtcTransport", transport);
    EXPECT_FALSE(info.at("iceParameters").at("usernameFragment").as_string().empty());
    EXPECT_EQ(info.at("iceCandidates").as_array().size(), 1u);
    EXPECT_EQ(info.at("dtlsParameters").at("fingerprints").as_array().size() > 0, true);
    EXPECT_EQ(errorCode(alice, "createWebRtcTransport", transport), "transport_exists");

    json::object produce;
    produce["transportId"] = info.at("id");
    produce["kind"] = "audio";
    produce["rtpParameters"] = json::parse(fixture("chrome_opus_producer.json"));
    produce["appData"] = json::parse(R"({"source":"mic"})");
    const std::string micId(ok(alice, "produce", produce).at("id").as_string());
    EXPECT_EQ(errorCode(alice, "produce", produce), "source_in_use");

    // Bob joins late: he is told of Alice and her microphone; Alice of Bob.
    const auto bobJoined = ok(bob, "join", join("abc", "Bob"));
    ASSERT_EQ(bobJoined.at("producers").as_array().size(), 1u);
    EXPECT_EQ(bobJoined.at("producers").at(0).at("producerId").as_string(), micId);
    EXPECT_EQ(bobJoined.at("peers").at(0).at("peerId").as_string(), aliceId);
    EXPECT_EQ(alice.channel->notifications("peerJoined").size(), 1u);

    json::object consume;
    consume["producerId"] = micId;
    consume["rtpCapabilities"] = json::parse(fixture("chrome_device_capabilities.json"));
    EXPECT_EQ(errorCode(bob, "consume", consume), "no_recv_transport");
    transport["direction"] = "recv";
    ok(bob, "createWebRtcTransport", transport);
    const auto consumer = ok(bob, "consume", consume);
    EXPECT_EQ(consumer.at("kind").as_string(), "audio");
    EXPECT_EQ(consumer.at("producerId").as_string(), micId);
    EXPECT_EQ(consumer.at("peerId").as_string(), aliceId);
    EXPECT_EQ(consumer.at("appData").at("source").as_string(), "mic");
    EXPECT_EQ(consumer.at("rtpParameters").at("codecs").at(0).at("mimeType").as_string(),
              "audio/opus");
    json::object resume;
    resume["consumerId"] = consumer.at("id");
    ok(bob, "resumeConsumer", resume);

    // Alice's connection drops: Bob loses her consumer, her producer and her.
    service_->onChannelClosed(1);
    ASSERT_EQ(bob.channel->notifications("consumerClosed").size(), 1u);
    EXPECT_EQ(bob.channel->notifications("consumerClosed")[0].at("consumerId"), consumer.at("id"));
    EXPECT_EQ(bob.channel->notifications("producerClosed").size(), 1u);
    EXPECT_EQ(bob.channel->notifications("peerLeft").size(), 1u);
    EXPECT_EQ(errorCode(bob, "resumeConsumer", resume), "unknown_consumer");

    ok(bob, "leave");
    EXPECT_EQ(service_->roomCount(), 0u);
    EXPECT_EQ(service_->peerCount(), 0u);
    EXPECT_EQ(errorCode(bob, "createWebRtcTransport", transport), "not_joined");
}

TEST_F(RoomServiceTest, BoundsAndBadInputAreAnsweredClearly) {
    Client a = client(1);
    Client b = client(2);
    Client c = client(3);
    EXPECT_EQ(errorCode(a, "join", join("bad room", "A")), "bad_request");
    EXPECT_EQ(errorCode(a, "produce"), "bad_request");
    EXPECT_EQ(errorCode(a, "consume",
                        json::parse(R"({"producerId":"x","rtpCapabilities":{}})").as_object()),
              "not_joined");
    ok(a, "join", join("r1", "A"));
    EXPECT_EQ(errorCode(a, "join", join("r1", "A")), "already_joined");
    ok(b, "join", join("r1", "B"));
    EXPECT_EQ(errorCode(c, "join", join("r1", "C")), "room_full");
    ok(c, "join", join("r2", "C"));
    Client d = client(4);
    EXPECT_EQ(errorCode(d, "join", join("r3", "D")), "too_many_rooms");

    json::object connect;
    connect["transportId"] = "transport-unknown";
    connect["dtlsParameters"] =
        json::parse(R"({"role":"client","fingerprints":[{"algorithm":"sha-256","value":"AB"}]})");
    const std::string code = errorCode(a, "connectWebRtcTransport", connect);
    EXPECT_TRUE(code == "unknown_transport" || code.rfind("media.", 0) == 0) << code;
    EXPECT_EQ(errorCode(a, "closeProducer", json::parse(R"({"producerId":"nope"})").as_object()),
              "unknown_producer");

    // A producer with a codec the router does not offer is refused by the media server.
    json::object transport;
    transport["direction"] = "send";
    const auto info = ok(a, "createWebRtcTransport", transport);
    json::object produce;
    produce["transportId"] = info.at("id");
    produce["kind"] = "audio";
    produce["rtpParameters"] = json::parse(
        R"({"codecs":[{"mimeType":"audio/PCMU","payloadType":0,"clockRate":8000}],
            "encodings":[{"ssrc":1}],"rtcp":{"cname":"x"}})");
    produce["appData"] = json::parse(R"({"source":"mic"})");
    const std::string refused = errorCode(a, "produce", produce);
    EXPECT_FALSE(refused.empty());
    // The refused reservation was dropped: the microphone can still be produced.
    produce["rtpParameters"] = json::parse(fixture("chrome_opus_producer.json"));
    ok(a, "produce", produce);

    service_->onChannelClosed(1);
    service_->onChannelClosed(2);
    service_->onChannelClosed(3);
    EXPECT_EQ(service_->roomCount(), 0u);
}

TEST_F(RoomServiceTest, ClosingAProducerTellsConsumersAndPausingTellsOthers) {
    Client a = client(1);
    Client b = client(2);
    ok(a, "join", join("abc", "A"));
    ok(b, "join", join("abc", "B"));
    const std::string mic = produceMic(a);
    ASSERT_EQ(b.channel->notifications("newProducer").size(), 1u);
    json::object transport;
    transport["direction"] = "recv";
    ok(b, "createWebRtcTransport", transport);
    json::object consume;
    consume["producerId"] = mic;
    consume["rtpCapabilities"] = json::parse(fixture("chrome_device_capabilities.json"));
    const auto consumer = ok(b, "consume", consume);

    json::object producer;
    producer["producerId"] = mic;
    ok(a, "pauseProducer", producer);
    ASSERT_EQ(b.channel->notifications("producerPaused").size(), 1u);
    ok(a, "resumeProducer", producer);
    ok(a, "closeProducer", producer);
    const auto closed = b.channel->notifications("consumerClosed");
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].at("consumerId"), consumer.at("id"));
    EXPECT_EQ(b.channel->notifications("producerClosed").size(), 1u);
    EXPECT_EQ(errorCode(b, "consume", consume), "unknown_producer");
}

}  // namespace
}  // namespace vp::rooms
