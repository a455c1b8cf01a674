// RoomService: what members do in a meeting besides media — host and co-host
// controls (admit, refuse, mute, remove, lock, co-host, end), chat and raised
// hands. Host-only methods answer not_host to others.
#include "common/log.hpp"
#include "rooms/room_service.hpp"
#include "rooms/rooms_support.hpp"
#include "signaling/message.hpp"

namespace vp::rooms {

namespace json = boost::json;
using signaling::Outcome;

namespace {

Outcome unknownParticipant() {
    return Outcome::failure("unknown_participant",
                            "participantId names nobody in this meeting; he may have left.");
}

}  // namespace

template <typename Body>
void RoomService::withMember(const Call& call, const Respond& respond, Need need, Body&& body) {
    if (!meetings_) {
        respond(Outcome::failure("meetings_unavailable", "This server does not run meetings."));
        return;
    }
    std::lock_guard lock(mutex_);
    auto roomId = roomOfChannel_.find(call.channel->id());
    auto room = roomId == roomOfChannel_.end() ? rooms_.end() : rooms_.find(roomId->second);
    Peer* peer = room == rooms_.end() ? nullptr : room->second->peer(call.channel->id());
    if (peer == nullptr || !peer->member) {
        respond(Outcome::failure("not_joined", "Join a meeting first (joinMeeting {joinToken})."));
        return;
    }
    if (!peer->joined) {
        respond(Outcome::failure(
            "not_admitted", peer->member->waiting
                                ? "You are in the waiting room; wait for the host to admit you."
                                : "Your join is not complete yet."));
        return;
    }
    if (need == Need::Moderator && !peer->member->moderates()) {
        respond(Outcome::failure("not_host", "Only the host or a co-host may do this."));
        return;
    }
    if (need == Need::Host && peer->member->role != Role::Host) {
        respond(Outcome::failure("not_host", "Only the host may do this."));
        return;
    }
    body(Located{room->second.get(), peer});
}

void RoomService::admit(const Call& call, Respond respond) {
    auto target = parseObjectId(call.request.data, "participantId");
    if (!target) {
        respond(failure(target.error()));
        return;
    }
    withMember(call, respond, Need::Moderator, [&](const Located& where) {
        Peer* waiting = where.room->peerById(*target);
        if (waiting == nullptr || !waiting->member->waiting) {
            respond(Outcome::failure("not_waiting", "participantId names nobody who is waiting."));
            return;
        }
        if (auto admitted = where.room->admit(*waiting); !admitted) {
            respond(failure(admitted.error()));
            return;
        }
        respond(Outcome::success());
        completeJoinsLocked(*where.room);
    });
}

void RoomService::refuse(const Call& call, Respond respond) {
    auto target = parseObjectId(call.request.data, "participantId");
    if (!target) {
        respond(failure(target.error()));
        return;
    }
    signaling::ChannelPtr refused;
    withMember(call, respond, Need::Moderator, [&](const Located& where) {
        Peer* waiting = where.room->peerById(*target);
        if (waiting == nullptr || !waiting->member->waiting) {
            respond(Outcome::failure("not_waiting", "participantId names nobody who is waiting."));
            return;
        }
        refused = waiting->channel;
        refused->send(signaling::encodeNotification("refused", json::object{}));
        removePeerLocked(refused->id(), "refused");  // nothing to free: no media yet
        respond(Outcome::success());
    });
    if (refused) {
        refused->close(1000, "refused by the host");
    }
}

void RoomService::removeParticipant(const Call& call, Respond respond) {
    auto target = parseObjectId(call.request.data, "participantId");
    if (!target) {
        respond(failure(target.error()));
        return;
    }
    signaling::ChannelPtr removed;
    Teardown teardown;
    withMember(call, respond, Need::Moderator, [&](const Located& where) {
        Peer* peer = where.room->peerById(*target);
        if (peer == nullptr) {
            respond(unknownParticipant());
            return;
        }
        if (peer == where.peer || peer->member->role == Role::Host) {
            respond(Outcome::failure("not_allowed", "The host (or yourself) cannot be removed."));
            return;
        }
        MeetingState& meeting = where.room->meetingState();
        if (meeting.removed.size() < meeting.limits.maxRemoved) {
            meeting.removed.insert(identityKey(peer->member->userId, peer->displayName));
        }
        removed = peer->channel;
        removed->send(signaling::encodeNotification("removed", json::object{}));
        roomsLog().info("participant removed", {{"room", where.room->id()}, {"peer", peer->id}});
        teardown = removePeerLocked(removed->id(), "removed");
        respond(Outcome::success());
    });
    runTeardown(teardown);
    if (removed) {
        removed->close(1000, "removed by the host");
    }
}

void RoomService::collectMicrophones(const Room& room, const Peer& target, std::vector<Mute>& out,
                                     const PeerKey& key) {
    for (auto& producerId : room.liveMicrophones(target)) {
        out.push_back(Mute{key, std::move(producerId)});
    }
}

void RoomService::runMutes(const std::vector<Mute>& mutes) {
    for (const Mute& mute : mutes) {
        media_.setProducerPaused(
            mute.key.routerId, mute.producerId, true, [this, mute](common::Status done) {
                if (!done) {
                    return;  // closed meanwhile
                }
                std::lock_guard lock(mutex_);
                Located where = locate(mute.key);
                if (!where || !where.peer->producers.contains(mute.producerId)) {
                    return;
                }
                where.room->setProducerPaused(*where.peer, mute.producerId, true);
                json::object note;
                note["producerId"] = mute.producerId;
                where.peer->channel->send(signaling::encodeNotification("mutedByHost", note));
            });
    }
}

void RoomService::muteParticipant(const Call& call, Respond respond) {
    auto target = parseObjectId(call.request.data, "participantId");
    if (!target) {
        respond(failure(target.error()));
        return;
    }
    std::vector<Mute> mutes;
    withMember(call, respond, Need::Moderator, [&](const Located& where) {
        Peer* peer = where.room->peerById(*target);
        if (peer == nullptr || !peer->joined) {
            respond(unknownParticipant());
            return;
        }
        collectMicrophones(*where.room, *peer, mutes, keyOf(Located{where.room, peer}));
        respond(Outcome::success());
    });
    runMutes(mutes);
}

void RoomService::muteAll(const Call& call, Respond respond) {
    std::vector<Mute> mutes;
    withMember(call, respond, Need::Moderator, [&](const Located& where) {
        for (Peer* peer : where.room->peers()) {
            if (peer != where.peer && peer->joined) {
                collectMicrophones(*where.room, *peer, mutes, keyOf(Located{where.room, peer}));
            }
        }
        respond(Outcome::success());
    });
    runMutes(mutes);
}

void RoomService::setLocked(const Call& call, Respond respond) {
    auto locked = parseFlag(call.request.data, "locked");
    if (!locked) {
        respond(failure(locked.error()));
        return;
    }
    withMember(call, respond, Need::Moderator, [&](const Located& where) {
        MeetingState& meeting = where.room->meetingState();
        meeting.locked = *locked;
        meetings_->store.setLocked(meeting.meetingId, *locked);
        respond(Outcome::success());
        json::object note;
        note["locked"] = *locked;
        where.room->notifyOthers(nullptr, "meetingLocked", note);
    });
}

void RoomService::makeCohost(const Call& call, Respond respond) {
    auto target = parseObjectId(call.request.data, "participantId");
    auto cohost = parseFlag(call.request.data, "cohost");
    if (!target || !cohost) {
        respond(failure(target ? cohost.error() : target.error()));
        return;
    }
    withMember(call, respond, Need::Host, [&](const Located& where) {
        Peer* peer = where.room->peerById(*target);
        if (peer == nullptr || !peer->joined) {
            respond(unknownParticipant());
            return;
        }
        if (peer->member->role == Role::Host) {
            respond(Outcome::failure("not_allowed", "The host stays host."));
            return;
        }
        peer->member->role = *cohost ? Role::Cohost : Role::Participant;
        respond(Outcome::success());
        where.room->announceMember(*peer);
        where.room->notifyWaitingChanged();  // a new co-host learns who waits
    });
}

void RoomService::sendChat(const Call& call, Respond respond) {
    // Bytes bound before the character count: 4 bytes per character at most.
    auto text = parseText(call.request.data, "text", meetings_->limits.maxChatChars * 4);
    if (!text) {
        const bool tooLong =
            call.request.data.contains("text") && call.request.data.at("text").is_string();
        respond(tooLong ? Outcome::failure("chat_too_long", "This chat message is too long.")
                        : failure(text.error()));
        return;
    }
    withMember(call, respond, Need::Member, [&](const Located& where) {
        const common::Clock& clock = meetings_->clock;
        auto sent = where.room->sendChat(*where.peer, *text, clock.now(), clock.steadyNow());
        respond(sent ? Outcome::success() : failure(sent.error()));
    });
}

void RoomService::raiseHand(const Call& call, Respond respond) {
    auto raised = parseFlag(call.request.data, "raised");
    if (!raised) {
        respond(failure(raised.error()));
        return;
    }
    withMember(call, respond, Need::Member, [&](const Located& where) {
        where.peer->member->handRaised = *raised;
        respond(Outcome::success());
        where.room->announceMember(*where.peer);
    });
}

void RoomService::endMeeting(const Call& call, Respond respond) {
    Dropped dropped;
    std::string meetingId;
    withMember(call, respond, Need::Host, [&](const Located& where) {
        meetingId = where.room->meetingState().meetingId;
        respond(Outcome::success());
        roomsLog().info("meeting ended by host", {{"room", where.room->id()}});
        dropped = dropRoomLocked(rooms_.find(where.room->id()),
                                 common::makeError("meeting_ended", "The host ended the meeting."));
    });
    if (meetingId.empty()) {
        return;
    }
    meetings_->store.closed(meetingId, /*endedByHost=*/true);
    if (!dropped.routerToClose.empty()) {
        media_.closeRouter(dropped.routerToClose);
    }
    for (const auto& channel : dropped.channels) {
        channel->close(1000, "the meeting ended");
    }
}

}  // namespace vp::rooms
