#pragma once
// RoomService: the first version of the meeting runtime — open developer test
// rooms over the signalling WebSocket, bound to the media server's control API.
//
// Methods (requests {id, method, data}; see docs/architecture.md):
//   join {roomId, displayName} -> {peerId, routerRtpCapabilities, peers, producers}
//   leave {}
//   createWebRtcTransport {direction} -> {id, iceParameters, iceCandidates, dtlsParameters}
//   connectWebRtcTransport {transportId, dtlsParameters}
//   restartIce {transportId} -> {iceParameters}
//   produce {transportId, kind, rtpParameters, appData: {source}} -> {id}
//   pauseProducer / resumeProducer / closeProducer {producerId}
//   consume {producerId, rtpCapabilities} -> {id, producerId, kind, rtpParameters, ...}
//     (created paused; the client calls resumeConsumer once its track is set up)
//   resumeConsumer {consumerId}
//   setConsumerPreferredLayers {consumerId, spatialLayer} (simulcast; 0 = lowest)
// Notifications: peerJoined, peerLeft, newProducer, producerClosed,
// producerPaused, producerResumed, consumerClosed, activeSpeaker.
//
// Meetings (enableMeetings; docs/meeting-protocol.md): joinMeeting {joinToken},
// resume {resumeToken}, leave, the same media methods, and admit, refuse,
// muteParticipant, muteAll, removeParticipant, setLocked, makeCohost, endMeeting,
// sendChat, raiseHand. A meeting's room is "meeting:<meetingId>", made on the
// first join (router + the store's facts) and closed on endMeeting or by tick()
// once empty for the empty-room timeout; tick() also lets members whose socket
// dropped go once their resume grace is over.
//
// Threads: handlers run on network threads and media callbacks on worker
// threads; one mutex guards every room. The media server is never called with
// the mutex held (its callbacks take it). Channel sends happen under the mutex,
// so each peer sees replies and notifications in the order the rooms changed.
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "rooms/join_rate_limiter.hpp"
#include "rooms/room.hpp"
#include "rooms/room_limits.hpp"
#include "services/meetings/join_tokens.hpp"
#include "services/meetings/live_meeting_store.hpp"
#include "sfu/media_server/media_server.hpp"
#include "signaling/method_table.hpp"

namespace vp::rooms {

class RoomService {
  public:
    // Installs itself as the media server's observer. Stop the media server
    // before destroying the service: its callbacks refer to the service.
    RoomService(sfu::media_server::MediaServer& media, common::Random& random,
                RoomLimits limits = {});
    RoomService(const RoomService&) = delete;
    RoomService& operator=(const RoomService&) = delete;

    // What meetings need; the references must outlive the service.
    struct MeetingDeps {
        const services::meetings::JoinTokenSigner& tokens;
        services::meetings::LiveMeetingStore& store;
        const common::Clock& clock;
        MeetingLimits limits;
    };
    // Call before registerMethods to serve the meeting methods too.
    void enableMeetings(MeetingDeps deps);

    // Adds every room method to `table`.
    common::Status registerMethods(signaling::MethodTable& table);
    // The signalling channel closed: its peer leaves its room (if any); a meeting
    // member stays for the resume grace instead.
    void onChannelClosed(std::uint64_t channelId);
    // Ends resume graces and closes meeting rooms empty past their timeout; call it
    // every second or so.
    void tick();
    // The server stops: every meeting's attendance session is closed (the meetings
    // stay joinable). Call before stopping the database pool.
    void closeMeetingSessions();

    std::size_t roomCount() const;
    std::size_t peerCount() const;

  private:
    struct Located {
        Room* room = nullptr;
        Peer* peer = nullptr;
        explicit operator bool() const { return peer != nullptr; }
    };
    // Identifies a peer across an asynchronous media call.
    struct PeerKey {
        std::string roomId;
        std::string routerId;
        std::uint64_t channelId = 0;
        std::string peerId;
    };

    using Call = signaling::Call;
    using Respond = signaling::Respond;

    // Membership (room_service.cpp).
    void join(const Call& call, Respond respond);
    void leave(const Call& call, Respond respond);
    void onRouterCreated(const std::string& roomId, const std::string& routerId,
                         const common::Status& created);
    // What the media server must free after a peer left; run without the mutex.
    struct Teardown {
        std::string routerId;
        std::vector<std::string> transports;
        std::vector<std::string> consumers;
        bool closeRouter = false;
    };
    Teardown removePeerLocked(std::uint64_t channelId, std::string_view reason = "left");
    void runTeardown(const Teardown& teardown);
    // The room is ready (router made, meeting facts loaded): completes its pending
    // joins and records the meeting stays they start.
    void completeJoinsLocked(Room& room);

    // Meetings (room_meeting_methods.cpp): entering, leaving, the room's life.
    void joinMeeting(const Call& call, Respond respond);
    void resume(const Call& call, Respond respond);
    void endMeeting(const Call& call, Respond respond);
    void onMeetingOpened(const std::string& roomId, const std::string& routerId,
                         common::Result<services::meetings::LiveMeetingFacts> facts);
    // Answers every member's join with `error`, forgets the room and its members,
    // and returns the channels to close (waiting members) and whether the router
    // must be closed.
    struct Dropped {
        std::vector<signaling::ChannelPtr> channels;
        std::string routerToClose;
    };
    Dropped dropRoomLocked(std::map<std::string, std::unique_ptr<Room>>::iterator it,
                           const common::Error& error);
    void forgetMemberLocked(const Peer& peer);
    // Host controls, chat, hands (room_host_methods.cpp).
    enum class Need : std::uint8_t { Member, Moderator, Host };
    template <typename Body>
    void withMember(const Call& call, const Respond& respond, Need need, Body&& body);
    void admit(const Call& call, Respond respond);
    void refuse(const Call& call, Respond respond);
    void muteParticipant(const Call& call, Respond respond);
    void muteAll(const Call& call, Respond respond);
    void removeParticipant(const Call& call, Respond respond);
    void setLocked(const Call& call, Respond respond);
    void makeCohost(const Call& call, Respond respond);
    void sendChat(const Call& call, Respond respond);
    void raiseHand(const Call& call, Respond respond);
    // The server pauses these microphones (after the lock is released).
    struct Mute {
        PeerKey key;
        std::string producerId;
    };
    static void collectMicrophones(const Room& room, const Peer& target, std::vector<Mute>& out,
                                   const PeerKey& key);
    void runMutes(const std::vector<Mute>& mutes);
    void onConsumerEvent(const std::string& routerId, const std::string& consumerId,
                         sfu::media_server::ConsumerEvent event);
    // The media server's dominant speaker changed: the room announces it.
    void onActiveSpeaker(const std::string& routerId, const std::string& producerId);
    sfu::media_server::RouterSettings routerSettings() const;

    // Media (room_media_methods.cpp).
    void createTransport(const Call& call, Respond respond);
    void connectTransport(const Call& call, Respond respond);
    void restartIce(const Call& call, Respond respond);
    void produce(const Call& call, Respond respond);
    void setProducerPaused(const Call& call, Respond respond, bool paused);
    void closeProducer(const Call& call, Respond respond);
    void consume(const Call& call, Respond respond);
    void resumeConsumer(const Call& call, Respond respond);
    void setConsumerPreferredLayers(const Call& call, Respond respond);

    // Locks, finds the call's joined peer and runs body(where), or answers not_joined.
    template <typename Body>
    void withPeer(const Call& call, const Respond& respond, Body&& body);
    // When the media server answered a reservation: under the mutex, checks that the
    // peer and its entry (reserved(where, false)) still exist, drops the entry on
    // error (reserved(where, true)) or runs made(where). Returns true when what the
    // media server made must be freed (nobody wants it any more).
    template <typename T, typename Reserved, typename Made>
    bool settle(const PeerKey& key, const common::Result<T>& result, const Respond& respond,
                Reserved&& reserved, Made&& made);
    // The router of the call's own ready transport, or answers an error.
    std::optional<std::string> routerOfTransport(const Call& call, const Respond& respond,
                                                 const std::string& transportId);
    static boost::json::object describeConsumer(const Room& room,
                                                const sfu::media_server::ConsumerInfo& info);

    // Under mutex_: the joined peer of a channel, or of a key (same peer id).
    Located locate(std::uint64_t channelId);
    Located locate(const PeerKey& key);
    static PeerKey keyOf(const Located& where);
    std::string newId(std::string_view prefix);

    sfu::media_server::MediaServer& media_;
    common::Random& random_;
    RoomLimits limits_;
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<Room>> rooms_;            // by room id
    std::unordered_map<std::uint64_t, std::string> roomOfChannel_;  // channel -> room id
    std::unordered_map<std::string, std::string> roomOfRouter_;     // router id -> room id

    // Meetings; null until enableMeetings.
    std::unique_ptr<MeetingDeps> meetings_;
    std::unique_ptr<JoinRateLimiter> joinRate_;
    struct ResumeTarget {
        std::string roomId;
        std::string peerId;
    };
    std::unordered_map<std::string, ResumeTarget> resumeTokens_;  // live members
    std::deque<std::string> expiredTokens_;                       // recent, bounded
};

// Replies "not_joined" to a call from a channel that has no joined peer.
signaling::Outcome notJoined();

}  // namespace vp::rooms
