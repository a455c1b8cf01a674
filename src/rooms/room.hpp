#pragma once
// Room: the bookkeeping of one test room — its peers (one per signalling
// channel), their transports, producers and consumers, and the notifications
// that keep the other peers informed. Pure: no media server calls; RoomService
// drives it and the media server under one lock. Entries are reserved before the
// media server is asked (ready = false) so that limits hold while calls are in
// flight, and finished or dropped when it answers.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "rooms/media_source.hpp"
#include "rooms/meeting_state.hpp"
#include "rooms/requests.hpp"
#include "rooms/room_limits.hpp"
#include "signaling/method_table.hpp"

namespace vp::rooms {

struct TransportEntry {
    std::string id;
    TransportDirection direction = TransportDirection::Send;
    bool ready = false;
};

struct ProducerEntry {
    std::string id;
    std::string transportId;
    sfu::rtp_parameters::MediaKind kind = sfu::rtp_parameters::MediaKind::Audio;
    MediaSource source = MediaSource::Mic;
    bool paused = false;
    bool ready = false;
};

struct ConsumerEntry {
    std::string id;
    std::string producerId;
    std::string transportId;
    bool ready = false;
};

struct Peer {
    std::string id;
    std::string displayName;
    signaling::ChannelPtr channel;
    // False while the room's router is being created; the join reply waits here.
    bool joined = false;
    signaling::Respond pendingJoin;
    std::vector<TransportEntry> transports;  // at most one per direction
    std::map<std::string, ProducerEntry> producers;
    std::map<std::string, ConsumerEntry> consumers;
    std::optional<Member> member;  // meeting rooms only

    const TransportEntry* transport(std::string_view transportId) const;
    const TransportEntry* transport(TransportDirection direction) const;
};

// What a departing peer leaves for the media server to free.
struct Departure {
    Peer peer;
    // Consumers of other peers that consumed the departing peer's producers,
    // already dropped from the room (their owners were sent consumerClosed).
    std::vector<std::string> orphanedConsumers;
};

class Room {
  public:
    // `routerRtpCapabilities` goes into every join reply. With `meeting` the room is
    // a meeting room: its peers are members and it speaks the meeting protocol.
    Room(std::string id, std::string routerId, boost::json::value routerRtpCapabilities,
         RoomLimits limits, std::optional<MeetingState> meeting = std::nullopt);

    const std::string& id() const { return id_; }
    const std::string& routerId() const { return routerId_; }
    bool routerReady() const { return routerReady_; }
    void setRouterReady() { routerReady_ = true; }
    bool empty() const { return peers_.empty(); }
    std::size_t size() const { return peers_.size(); }

    // room_full when the room has maxPeersPerRoom peers (waiting members apart); the
    // peer starts unjoined.
    common::Result<Peer*> addPeer(signaling::ChannelPtr channel, std::string peerId,
                                  std::string displayName,
                                  std::optional<Member> member = std::nullopt);
    Peer* peer(std::uint64_t channelId);
    // Unjoined peers that are not waiting to be admitted.
    std::vector<Peer*> unjoinedPeers();
    // Marks the peer joined, answers its join and tells the others (peerJoined).
    void completeJoin(Peer& peer);
    // Removes the peer: its producers' consumers elsewhere are dropped (their owners
    // get consumerClosed and producerClosed), the others get peerLeft (meeting:
    // participantLeft {participantId, reason}).
    std::optional<Departure> removePeer(std::uint64_t channelId, std::string_view reason = "left");

    // Meeting rooms (room_meeting.cpp); meeting() is null for a test room.
    MeetingState* meeting() { return meeting_ ? &*meeting_ : nullptr; }
    const MeetingState* meeting() const { return meeting_ ? &*meeting_ : nullptr; }
    // A meeting room's state (meeting() is not null).
    MeetingState& meetingState() { return *meeting_; }
    // The router is made and, for a meeting, the store's facts arrived.
    bool ready() const { return routerReady_ && (!meeting_ || meeting_->loaded); }
    Peer* peerById(std::string_view peerId);
    std::vector<Peer*> peers();
    // Members admitted (or joining) when `waiting` is false, else those waiting.
    std::size_t countMembers(bool waiting) const;
    // Whether `member` named `name` may come in now: removed_from_meeting,
    // meeting_locked (hosts excepted), room_full, waiting_room_full.
    common::Status checkAdmission(const Member& member, std::string_view name) const;
    // Lets a waiting member in: room_full when there is no place. He is unjoined
    // until completeJoin, whose snapshot he gets as an `admitted` notification.
    common::Status admit(Peer& waiting);
    // {status: "joined", participantId, resumeToken, role, meeting, routerRtpCapabilities,
    //  participants, producers, chat, waiting}; participants without `self`.
    boost::json::object meetingSnapshot(const Peer& self) const;
    boost::json::array waitingList() const;
    // waitingRoomUpdated {waiting} to every host and co-host.
    void notifyWaitingChanged() const;
    // The peer now talks over `channel` (resume); null when unknown.
    Peer* rebind(std::uint64_t oldChannelId, signaling::ChannelPtr channel);
    // A chat message from `from`: chat_empty, chat_too_long, rate_limited; else kept
    // (the last chatKept) and sent to everyone as chatMessage.
    common::Status sendChat(Peer& from, std::string_view text, WallTime now, SteadyTime steadyNow);
    // Announces a member's change (role, hand) to everyone: participantUpdated.
    void announceMember(const Peer& peer) const;
    // The ids of the peer's ready, unpaused microphone producers.
    std::vector<std::string> liveMicrophones(const Peer& peer) const;
    // Reservations, checked against the limits and the peer's own state.
    common::Status reserveTransport(Peer& peer, std::string transportId,
                                    TransportDirection direction);
    common::Status reserveProducer(Peer& peer, std::string producerId,
                                   const ProduceRequest& request);
    common::Status reserveConsumer(Peer& peer, std::string consumerId,
                                   const std::string& producerId);
    // Drop a reservation (the media server refused) or an entry; true if it existed.
    bool dropTransport(Peer& peer, std::string_view transportId);
    bool dropProducer(Peer& peer, std::string_view producerId);
    bool dropConsumer(Peer& peer, std::string_view consumerId);

    void markTransportReady(Peer& peer, std::string_view transportId);
    // Marks the producer ready and announces it (newProducer) to the other peers.
    void completeProducer(Peer& peer, std::string_view producerId);
    void markConsumerReady(Peer& peer, std::string_view consumerId);
    // Records the pause state and tells the others (producerPaused / producerResumed).
    void setProducerPaused(Peer& peer, std::string_view producerId, bool paused);

    // The media server named the dominant speaker's audio producer. When its owner is
    // not the participant announced last, every joined peer gets activeSpeaker
    // {participantId, producerId} (test rooms: {peerId, producerId}); returns
    // whether it was sent. The detector's hysteresis bounds how often this happens.
    bool announceActiveSpeaker(std::string_view producerId);
    // The participant announced last; empty before anyone spoke or after he left.
    const std::string& activeSpeaker() const { return activeSpeaker_; }

    // A ready producer, by id, and its owner; nulls when there is none.
    struct ProducerRef {
        const Peer* owner = nullptr;
        const ProducerEntry* producer = nullptr;
    };
    ProducerRef findProducer(std::string_view producerId) const;
    // Closes a producer of `peer`: consumers of it elsewhere are dropped and their
    // owners told (consumerClosed), every other peer gets producerClosed.
    // Returns the dropped consumers' ids.
    std::vector<std::string> closeProducer(Peer& peer, std::string_view producerId);
    // Drops the consumer `consumerId` wherever it is and tells its owner; false if
    // it is not known (already closed).
    bool consumerClosed(std::string_view consumerId);

    // {peerId, routerRtpCapabilities, peers: [...], producers: [...]}, without `self`.
    boost::json::object snapshotFor(const Peer& self) const;
    // Sends a notification to every joined peer except `except` (may be null).
    void notifyOthers(const Peer* except, std::string_view method,
                      const boost::json::value& data) const;

  private:
    // When the last host or co-host has left, someone must still be able to admit,
    // mute and lock: the signed-in participant present longest (else the guest
    // present longest) becomes co-host. The host is host again when he returns.
    void handOverModeration();
    std::vector<std::string> dropConsumersOf(std::string_view producerId);

    std::string id_;
    std::string routerId_;
    boost::json::value routerRtpCapabilities_;
    RoomLimits limits_;
    bool routerReady_ = false;
    std::optional<MeetingState> meeting_;
    std::map<std::uint64_t, Peer> peers_;  // by channel id
    std::string activeSpeaker_;            // a peer id
};

// {producerId, peerId, participantId, kind, paused, source, appData: {source}}; a
// meeting member's webcam is named "camera".
boost::json::object describeProducer(const ProducerEntry& producer, const Peer& owner);
// {peerId, displayName}
boost::json::object describePeer(const Peer& peer);
// {participantId, displayName, role, guest, handRaised} of a meeting member.
boost::json::object describeParticipant(const Peer& peer);
// {producerId, peerId, participantId}: the body of producer notifications.
boost::json::object producerNote(std::string_view producerId, const Peer& owner);

}  // namespace vp::rooms
