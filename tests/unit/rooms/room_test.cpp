#include "rooms/room.hpp"

#include <gtest/gtest.h>

#include <optional>

#include "recording_channel.hpp"

namespace vp::rooms {
namespace {

namespace json = boost::json;
using test::makeChannel;
using test::RecordingChannel;

struct Joined {
    std::shared_ptr<RecordingChannel> channel;
    Peer* peer = nullptr;
    std::optional<signaling::Outcome> reply;
};

class RoomTest : public ::testing::Test {
  protected:
    RoomTest() : room_("abc", "router-1", json::parse(R"({"codecs":[]})"), limits()) {}

    static RoomLimits limits() {
        RoomLimits l;
        l.maxPeersPerRoom = 3;
        return l;
    }

    // Adds a peer and completes its join (the router is ready).
    Joined& join(std::uint64_t id, std::string name) {
        auto& j = joined_.emplace_back(std::make_unique<Joined>());
        j->channel = makeChannel(id);
        auto peer = room_.addPeer(j->channel, "peer-" + std::to_string(id), std::move(name));
        EXPECT_TRUE(peer.ok());
        j->peer = *peer;
        Joined* self = j.get();
        j->peer->pendingJoin = [self](signaling::Outcome o) { self->reply = std::move(o); };
        room_.completeJoin(*j->peer);
        return *j;
    }

    std::string produce(Joined& j, MediaSource source) {
        const std::string transportId = "t-send-" + j.peer->id;
        if (j.peer->transport(TransportDirection::Send) == nullptr) {
            EXPECT_TRUE(room_.reserveTransport(*j.peer, transportId, TransportDirection::Send));
            room_.markTransportReady(*j.peer, transportId);
        }
        ProduceRequest request;
        request.transportId = transportId;
        request.kind = kindOf(source);
        request.source = source;
        const std::string producerId = "p-" + j.peer->id + "-" + std::string(toString(source));
        EXPECT_TRUE(room_.reserveProducer(*j.peer, producerId, request));
        room_.completeProducer(*j.peer, producerId);
        return producerId;
    }

    std::string consume(Joined& j, const std::string& producerId) {
        if (j.peer->transport(TransportDirection::Recv) == nullptr) {
            EXPECT_TRUE(
                room_.reserveTransport(*j.peer, "t-recv-" + j.peer->id, TransportDirection::Recv));
        }
        const std::string consumerId = "c-" + j.peer->id + "-" + producerId;
        auto reserved = room_.reserveConsumer(*j.peer, consumerId, producerId);
        EXPECT_TRUE(reserved.ok()) << (reserved ? "" : reserved.error().message);
        room_.markConsumerReady(*j.peer, consumerId);
        return consumerId;
    }

    Room room_;
    std::vector<std::unique_ptr<Joined>> joined_;
};

TEST_F(RoomTest, JoinRepliesWithTheOthersAndTheirProducersAndAnnouncesTheNewcomer) {
    Joined& alice = join(1, "Alice");
    ASSERT_TRUE(alice.reply && alice.reply->ok);
    const auto& first = alice.reply->data.as_object();
    EXPECT_EQ(first.at("peerId").as_string(), "peer-1");
    EXPECT_TRUE(first.at("routerRtpCapabilities").is_object());
    EXPECT_TRUE(first.at("peers").as_array().empty());
    const std::string mic = produce(alice, MediaSource::Mic);

    Joined& bob = join(2, "Bob");
    ASSERT_TRUE(bob.reply && bob.reply->ok);
    const auto& second = bob.reply->data.as_object();
    ASSERT_EQ(second.at("peers").as_array().size(), 1u);
    EXPECT_EQ(second.at("peers").at(0).at("displayName").as_string(), "Alice");
    ASSERT_EQ(second.at("producers").as_array().size(), 1u);
    const auto& producer = second.at("producers").at(0).as_object();
    EXPECT_EQ(producer.at("producerId").as_string(), mic);
    EXPECT_EQ(producer.at("peerId").as_string(), "peer-1");
    EXPECT_EQ(producer.at("kind").as_string(), "audio");
    EXPECT_EQ(producer.at("appData").at("source").as_string(), "mic");

    const auto joinedNotes = alice.channel->notifications("peerJoined");
    ASSERT_EQ(joinedNotes.size(), 1u);
    EXPECT_EQ(joinedNotes[0].at("peerId").as_string(), "peer-2");
    EXPECT_EQ(joinedNotes[0].at("displayName").as_string(), "Bob");
    EXPECT_TRUE(bob.channel->notifications("peerJoined").empty());
}

TEST_F(RoomTest, UnjoinedPeersAreNeitherListedNorNotified) {
    auto waiting = makeChannel(9);
    ASSERT_TRUE(room_.addPeer(waiting, "peer-9", "Wait").ok());
    Joined& alice = join(1, "Alice");
    EXPECT_TRUE(alice.reply->data.at("peers").as_array().empty());
    produce(alice, MediaSource::Webcam);
    EXPECT_EQ(waiting->count(), 0u);
    EXPECT_EQ(room_.unjoinedPeers().size(), 1u);
}

TEST_F(RoomTest, NewProducersAreAnnouncedToTheOthersOnlyWhenReady) {
    Joined& alice = join(1, "Alice");
    Joined& bob = join(2, "Bob");
    ASSERT_TRUE(room_.reserveTransport(*alice.peer, "t-a", TransportDirection::Send));
    ProduceRequest request;
    request.transportId = "t-a";
    request.kind = sfu::rtp_parameters::MediaKind::Video;
    request.source = MediaSource::Screen;
    ASSERT_TRUE(room_.reserveProducer(*alice.peer, "p-screen", request));
    EXPECT_TRUE(bob.channel->notifications("newProducer").empty());
    EXPECT_EQ(room_.findProducer("p-screen").producer, nullptr);

    room_.completeProducer(*alice.peer, "p-screen");
    const auto notes = bob.channel->notifications("newProducer");
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].at("producerId").as_string(), "p-screen");
    EXPECT_EQ(notes[0].at("peerId").as_string(), "peer-1");
    EXPECT_EQ(notes[0].at("kind").as_string(), "video");
    EXPECT_EQ(notes[0].at("appData").at("source").as_string(), "screen");
    EXPECT_TRUE(alice.channel->notifications("newProducer").empty());
    EXPECT_EQ(room_.findProducer("p-screen").owner, alice.peer);
}

TEST_F(RoomTest, ProducersNeedTheOwnSendTransportAndOneSourceEach) {
    Joined& alice = join(1, "Alice");
    Joined& bob = join(2, "Bob");
    ASSERT_TRUE(room_.reserveTransport(*alice.peer, "t-a", TransportDirection::Send));
    ASSERT_TRUE(room_.reserveTransport(*alice.peer, "t-a-recv", TransportDirection::Recv));
    auto again = room_.reserveTransport(*alice.peer, "t-a2", TransportDirection::Send);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "transport_exists");

    ProduceRequest request;
    request.transportId = "t-a-recv";
    auto onRecv = room_.reserveProducer(*alice.peer, "p1", request);
    ASSERT_FALSE(onRecv.ok());
    EXPECT_EQ(onRecv.error().code, "unknown_transport");
    request.transportId = "t-a";
    EXPECT_FALSE(room_.reserveProducer(*bob.peer, "p1", request).ok());  // not Bob's
    ASSERT_TRUE(room_.reserveProducer(*alice.peer, "p1", request));
    auto second = room_.reserveProducer(*alice.peer, "p2", request);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, "source_in_use");

    EXPECT_TRUE(room_.dropProducer(*alice.peer, "p1"));
    EXPECT_TRUE(room_.reserveProducer(*alice.peer, "p2", request).ok());
}

TEST_F(RoomTest, ConsumersAreCheckedAgainstTheRoom) {
    Joined& alice = join(1, "Alice");
    Joined& bob = join(2, "Bob");
    const std::string mic = produce(alice, MediaSource::Mic);

    auto noTransport = room_.reserveConsumer(*bob.peer, "c1", mic);
    ASSERT_FALSE(noTransport.ok());
    EXPECT_EQ(noTransport.error().code, "no_recv_transport");

    ASSERT_TRUE(room_.reserveTransport(*bob.peer, "t-b", TransportDirection::Recv));
    ASSERT_TRUE(room_.reserveTransport(*alice.peer, "t-a-recv", TransportDirection::Recv));
    EXPECT_EQ(room_.reserveConsumer(*bob.peer, "c1", "nope").error().code, "unknown_producer");
    EXPECT_EQ(room_.reserveConsumer(*alice.peer, "c1", mic).error().code, "own_producer");
    ASSERT_TRUE(room_.reserveConsumer(*bob.peer, "c1", mic));
    EXPECT_EQ(bob.peer->consumers.at("c1").transportId, "t-b");
    EXPECT_EQ(room_.reserveConsumer(*bob.peer, "c2", mic).error().code, "already_consuming");
}

TEST_F(RoomTest, ConsumersPerPeerAreBounded) {
    RoomLimits tiny;
    tiny.maxPeersPerRoom = 2;  // one other peer: at most 3 consumers
    Room room("r", "router", nullptr, tiny);
    auto a = makeChannel(1);
    auto b = makeChannel(2);
    Peer* alice = *room.addPeer(a, "a", "A");
    Peer* bob = *room.addPeer(b, "b", "B");
    room.completeJoin(*alice);
    room.completeJoin(*bob);
    auto third = room.addPeer(makeChannel(3), "c", "C");
    ASSERT_FALSE(third.ok());
    EXPECT_EQ(third.error().code, "room_full");

    ASSERT_TRUE(room.reserveTransport(*alice, "ta", TransportDirection::Send));
    ASSERT_TRUE(room.reserveTransport(*bob, "tb", TransportDirection::Recv));
    for (MediaSource s : {MediaSource::Mic, MediaSource::Webcam, MediaSource::Screen}) {
        ProduceRequest request;
        request.transportId = "ta";
        request.source = s;
        request.kind = kindOf(s);
        const std::string id = "p-" + std::string(toString(s));
        ASSERT_TRUE(room.reserveProducer(*alice, id, request));
        room.completeProducer(*alice, id);
        ASSERT_TRUE(room.reserveConsumer(*bob, "c-" + id, id));
    }
    EXPECT_EQ(tiny.maxConsumersPerPeer(), 3u);
    EXPECT_EQ(bob->consumers.size(), 3u);
}

TEST_F(RoomTest, ClosingAProducerClosesItsConsumersAndTellsEveryone) {
    Joined& alice = join(1, "Alice");
    Joined& bob = join(2, "Bob");
    Joined& carol = join(3, "Carol");
    const std::string cam = produce(alice, MediaSource::Webcam);
    const std::string bobsConsumer = consume(bob, cam);

    auto dropped = room_.closeProducer(*alice.peer, cam);
    EXPECT_EQ(dropped, std::vector<std::string>{bobsConsumer});
    EXPECT_TRUE(bob.peer->consumers.empty());
    const auto closed = bob.channel->notifications("consumerClosed");
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].at("consumerId").as_string(), bobsConsumer);
    EXPECT_TRUE(carol.channel->notifications("consumerClosed").empty());
    for (Joined* other : {&bob, &carol}) {
        const auto notes = other->channel->notifications("producerClosed");
        ASSERT_EQ(notes.size(), 1u);
        EXPECT_EQ(notes[0].at("producerId").as_string(), cam);
    }
    EXPECT_TRUE(alice.channel->notifications("producerClosed").empty());
    EXPECT_EQ(room_.findProducer(cam).producer, nullptr);
}

TEST_F(RoomTest, ALeavingPeerTakesItsMediaAlongAndTheOthersAreTold) {
    Joined& alice = join(1, "Alice");
    Joined& bob = join(2, "Bob");
    const std::string mic = produce(alice, MediaSource::Mic);
    const std::string cam = produce(alice, MediaSource::Webcam);
    const std::string bobsMic = consume(bob, mic);
    const std::string bobsCam = consume(bob, cam);
    consume(alice, produce(bob, MediaSource::Mic));

    auto departure = room_.removePeer(1);
    ASSERT_TRUE(departure.has_value());
    EXPECT_EQ(departure->peer.id, "peer-1");
    EXPECT_EQ(departure->peer.transports.size(), 2u);
    EXPECT_EQ(departure->orphanedConsumers.size(), 2u);
    EXPECT_TRUE(bob.peer->consumers.empty());
    EXPECT_EQ(bob.channel->notifications("consumerClosed").size(), 2u);
    EXPECT_EQ(bob.channel->notifications("producerClosed").size(), 2u);
    const auto left = bob.channel->notifications("peerLeft");
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].at("peerId").as_string(), "peer-1");
    EXPECT_EQ(room_.size(), 1u);
    EXPECT_FALSE(room_.removePeer(1).has_value());

    EXPECT_TRUE(room_.removePeer(2).has_value());
    EXPECT_TRUE(room_.empty());
}

TEST_F(RoomTest, ConsumerClosedByTheMediaServerIsToldOnce) {
    Joined& alice = join(1, "Alice");
    Joined& bob = join(2, "Bob");
    const std::string consumer = consume(bob, produce(alice, MediaSource::Mic));
    EXPECT_TRUE(room_.consumerClosed(consumer));
    EXPECT_FALSE(room_.consumerClosed(consumer));
    EXPECT_EQ(bob.channel->notifications("consumerClosed").size(), 1u);
}

TEST_F(RoomTest, AChannelJoinsOnce) {
    Joined& alice = join(1, "Alice");
    auto again = room_.addPeer(alice.channel, "peer-x", "Again");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "already_joined");
}

}  // namespace
}  // namespace vp::rooms
