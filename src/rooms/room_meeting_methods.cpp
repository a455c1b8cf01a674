// RoomService: entering meetings (joinMeeting, resume) and the life of a
// meeting's room (its facts from the store, resume graces, closing when empty).
// See docs/meeting-protocol.md.
#include <algorithm>

#include "common/log.hpp"
#include "rooms/room_service.hpp"
#include "rooms/rooms_support.hpp"
#include "sfu/rtp_parameters/json.hpp"
#include "signaling/message.hpp"

namespace vp::rooms {

namespace json = boost::json;
using signaling::Outcome;

namespace {

constexpr std::size_t kResumeTokenBytes = 64;
constexpr std::size_t kExpiredTokensKept = 1024;

std::string meetingRoomId(const std::string& meetingId) {
    return "meeting:" + meetingId;  // ':' never appears in a test room's id
}

json::object waitingReply(const Peer& peer) {
    json::object out;
    out["status"] = "waiting";
    out["participantId"] = peer.id;
    out["resumeToken"] = peer.member->resumeToken;
    return out;
}

}  // namespace

void RoomService::enableMeetings(MeetingDeps deps) {
    joinRate_ = std::make_unique<JoinRateLimiter>(deps.limits.joinsPerIpPerSecond);
    meetings_ = std::make_unique<MeetingDeps>(std::move(deps));
}

void RoomService::joinMeeting(const Call& call, Respond respond) {
    auto token = parseText(call.request.data, "joinToken", services::meetings::kMaxJoinTokenBytes);
    if (!token) {
        respond(failure(token.error()));
        return;
    }
    const common::Clock& clock = meetings_->clock;
    {
        std::lock_guard lock(mutex_);
        if (!joinRate_->allow(call.channel->remoteAddress(), clock.steadyNow())) {
            respond(Outcome::failure("rate_limited",
                                     "Too many join attempts from your address; wait a second."));
            return;
        }
    }
    auto claims = meetings_->tokens.verify(*token, clock.now());
    if (!claims) {
        respond(failure(claims.error()));
        return;
    }
    Member member;
    member.role = claims->host ? Role::Host : Role::Participant;
    member.userId = claims->userId;
    member.waiting = claims->waiting && !claims->host;
    member.resumeToken = random_.hexToken(kResumeTokenBytes / 2);
    const std::string roomId = meetingRoomId(claims->meetingId);
    std::string routerToCreate;
    {
        std::lock_guard lock(mutex_);
        if (roomOfChannel_.contains(call.channel->id())) {
            respond(Outcome::failure("already_joined",
                                     "This connection is already in a meeting; leave first."));
            return;
        }
        auto it = rooms_.find(roomId);
        if (it == rooms_.end()) {
            if (rooms_.size() >= limits_.maxRooms) {
                respond(Outcome::failure("too_many_rooms",
                                         "The server holds as many meetings as it allows; try "
                                         "again later."));
                return;
            }
            MeetingState state;
            state.meetingId = claims->meetingId;
            state.limits = meetings_->limits;
            state.startedAt = clock.now();
            state.emptySince = clock.steadyNow();  // until someone is in
            routerToCreate = newId("router-");
            auto room = std::make_unique<Room>(
                roomId, routerToCreate, sfu::rtp_parameters::toJsonValue(media_.rtpCapabilities()),
                limits_, std::move(state));
            roomOfRouter_[routerToCreate] = roomId;
            it = rooms_.emplace(roomId, std::move(room)).first;
        }
        Room& room = *it->second;
        if (auto admitted = room.checkAdmission(member, claims->name); !admitted) {
            respond(failure(admitted.error()));
            return;
        }
        auto peer = room.addPeer(call.channel, newId("participant-"), claims->name, member);
        if (!peer) {
            respond(failure(peer.error()));
            return;
        }
        room.meetingState().emptySince.reset();
        roomOfChannel_[call.channel->id()] = roomId;
        resumeTokens_[member.resumeToken] = ResumeTarget{roomId, (*peer)->id};
        roomsLog().info("participant joining", {{"room", roomId}, {"peer", (*peer)->id}});
        if (member.waiting) {
            respond(Outcome::success(waitingReply(**peer)));
            room.notifyWaitingChanged();
        } else {
            (*peer)->pendingJoin = std::move(respond);
            completeJoinsLocked(room);
        }
    }
    if (!routerToCreate.empty()) {
        media_.createRouter(routerToCreate, routerSettings(),
                            [this, roomId, routerId = routerToCreate](common::Status created) {
                                onRouterCreated(roomId, routerId, created);
                            });
        meetings_->store.open(claims->meetingId,
                              [this, roomId, routerId = routerToCreate](
                                  common::Result<services::meetings::LiveMeetingFacts> facts) {
                                  onMeetingOpened(roomId, routerId, std::move(facts));
                              });
    }
}

void RoomService::onMeetingOpened(const std::string& roomId, const std::string& routerId,
                                  common::Result<services::meetings::LiveMeetingFacts> facts) {
    Dropped dropped;
    {
        std::lock_guard lock(mutex_);
        auto it = rooms_.find(roomId);
        if (it == rooms_.end() || it->second->routerId() != routerId) {
            return;
        }
        if (!facts) {
            roomsLog().info("meeting not opened",
                            {{"room", roomId}, {"error", facts.error().code}});
            dropped = dropRoomLocked(it, facts.error());
        } else {
            MeetingState& meeting = it->second->meetingState();
            meeting.subject = facts->subject;
            meeting.locked = facts->locked;
            meeting.loaded = true;
            completeJoinsLocked(*it->second);
        }
    }
    if (!dropped.routerToClose.empty()) {
        media_.closeRouter(dropped.routerToClose);
    }
    for (const auto& channel : dropped.channels) {
        channel->close(1000, "the meeting is not open");
    }
}

RoomService::Dropped RoomService::dropRoomLocked(
    std::map<std::string, std::unique_ptr<Room>>::iterator it, const common::Error& error) {
    Room& room = *it->second;
    Dropped dropped;
    if (room.routerReady()) {
        dropped.routerToClose = room.routerId();
    }
    for (Peer* peer : room.peers()) {
        if (peer->pendingJoin) {
            peer->pendingJoin(failure(error));
            peer->pendingJoin = nullptr;
        } else if (peer->member) {
            peer->channel->send(signaling::encodeNotification("meetingEnded", json::object{}));
            dropped.channels.push_back(peer->channel);
        }
        if (peer->member) {
            forgetMemberLocked(*peer);
        }
        roomOfChannel_.erase(peer->channel->id());
    }
    roomOfRouter_.erase(room.routerId());
    rooms_.erase(it);
    return dropped;
}

void RoomService::forgetMemberLocked(const Peer& peer) {
    if (resumeTokens_.erase(peer.member->resumeToken) > 0) {
        expiredTokens_.push_back(peer.member->resumeToken);
        if (expiredTokens_.size() > kExpiredTokensKept) {
            expiredTokens_.pop_front();
        }
    }
}

void RoomService::resume(const Call& call, Respond respond) {
    auto token = parseText(call.request.data, "resumeToken", kResumeTokenBytes);
    if (!token) {
        respond(failure(token.error()));
        return;
    }
    signaling::ChannelPtr previous;
    {
        std::lock_guard lock(mutex_);
        if (roomOfChannel_.contains(call.channel->id())) {
            respond(Outcome::failure("already_joined",
                                     "This connection is already in a meeting; leave first."));
            return;
        }
        auto target = resumeTokens_.find(*token);
        if (target == resumeTokens_.end()) {
            const bool expired = std::find(expiredTokens_.begin(), expiredTokens_.end(), *token) !=
                                 expiredTokens_.end();
            respond(expired
                        ? Outcome::failure("resume_expired", "You left the meeting; join it again.")
                        : Outcome::failure("invalid_resume_token",
                                           "This resume token is not known; join again."));
            return;
        }
        Room& room = *rooms_.at(target->second.roomId);
        Peer* peer = room.peerById(target->second.peerId);
        previous = peer->channel;
        const std::uint64_t previousId = previous->id();
        peer = room.rebind(previousId, call.channel);
        roomOfChannel_.erase(previousId);
        roomOfChannel_[call.channel->id()] = room.id();
        peer->member->droppedAt.reset();
        roomsLog().info("participant resumed", {{"room", room.id()}, {"peer", peer->id}});
        if (peer->member->waiting) {
            respond(Outcome::success(waitingReply(*peer)));
        } else if (peer->joined) {
            respond(Outcome::success(room.meetingSnapshot(*peer)));
        } else {
            peer->pendingJoin = std::move(respond);  // the room is not ready yet
        }
    }
    previous->close(1000, "resumed on another connection");
}

void RoomService::tick() {
    if (!meetings_) {
        return;
    }
    const auto now = meetings_->clock.steadyNow();
    std::vector<Teardown> teardowns;
    std::vector<std::string> routers;
    {
        std::lock_guard lock(mutex_);
        for (auto it = rooms_.begin(); it != rooms_.end();) {
            Room& room = *it->second;
            MeetingState* meeting = room.meeting();
            if (meeting == nullptr) {
                ++it;
                continue;
            }
            for (Peer* peer : room.peers()) {
                const auto& dropped = peer->member->droppedAt;
                if (dropped && now - *dropped >= meeting->limits.resumeGrace) {
                    teardowns.push_back(removePeerLocked(peer->channel->id(), "disconnected"));
                }
            }
            if (!room.empty() || !meeting->emptySince ||
                now - *meeting->emptySince < meeting->limits.emptyTimeout) {
                ++it;
                continue;
            }
            roomsLog().info("meeting room closed: empty", {{"room", room.id()}});
            meetings_->store.closed(meeting->meetingId, /*endedByHost=*/false);
            if (room.routerReady()) {
                routers.push_back(room.routerId());
            }
            roomOfRouter_.erase(room.routerId());
            it = rooms_.erase(it);
        }
    }
    for (const auto& teardown : teardowns) {
        runTeardown(teardown);
    }
    for (const auto& routerId : routers) {
        media_.closeRouter(routerId);
    }
}

void RoomService::closeMeetingSessions() {
    std::lock_guard lock(mutex_);
    for (auto& [roomId, room] : rooms_) {
        if (MeetingState* meeting = room->meeting(); meeting != nullptr && meeting->loaded) {
            meetings_->store.closed(meeting->meetingId, /*endedByHost=*/false);
        }
    }
}

}  // namespace vp::rooms
