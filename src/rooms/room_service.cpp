#include "rooms/room_service.hpp"

#include <boost/json/parse.hpp>

#include <span>

#include "rooms/rooms_support.hpp"
#include "sfu/rtp_parameters/json.hpp"

namespace vp::rooms {

namespace media = sfu::media_server;
using signaling::Outcome;

Outcome notJoined() {
    return Outcome::failure("not_joined", "Join a room first (join {roomId, displayName}).");
}

RoomService::RoomService(media::MediaServer& media, common::Random& random, RoomLimits limits)
    : media_(media), random_(random), limits_(limits) {
    media::MediaServerObserver observer;
    observer.onConsumerEvent = [this](const std::string& routerId, const std::string& consumerId,
                                      media::ConsumerEvent event) {
        onConsumerEvent(routerId, consumerId, event);
    };
    observer.onActiveSpeaker = [this](const std::string& routerId, const std::string& producerId) {
        onActiveSpeaker(routerId, producerId);
    };
    observer.onDtlsState = [](const std::string& routerId, const std::string& transportId,
                              media::DtlsState state, const std::string& error) {
        if (state == media::DtlsState::Failed) {
            roomsLog().warn("dtls failed",
                            {{"router", routerId}, {"transport", transportId}, {"error", error}});
        }
    };
    media_.setObserver(std::move(observer));
}

common::Status RoomService::registerMethods(signaling::MethodTable& table) {
    using Handler = void (RoomService::*)(const Call&, Respond);
    const std::pair<const char*, Handler> methods[] = {
        {"join", &RoomService::join},
        {"leave", &RoomService::leave},
        {"createWebRtcTransport", &RoomService::createTransport},
        {"connectWebRtcTransport", &RoomService::connectTransport},
        {"restartIce", &RoomService::restartIce},
        {"produce", &RoomService::produce},
        {"closeProducer", &RoomService::closeProducer},
        {"consume", &RoomService::consume},
        {"resumeConsumer", &RoomService::resumeConsumer},
        {"setConsumerPreferredLayers", &RoomService::setConsumerPreferredLayers},
    };
    auto addAll = [&](std::span<const std::pair<const char*, Handler>> list) {
        for (const auto& [name, handler] : list) {
            auto added = table.add(name, [this, handler](const Call& call, Respond respond) {
                (this->*handler)(call, std::move(respond));
            });
            if (!added) {
                return added;
            }
        }
        return common::Status{};
    };
    if (auto added = addAll(methods); !added) {
        return added;
    }
    if (meetings_) {
        const std::pair<const char*, Handler> meetingMethods[] = {
            {"joinMeeting", &RoomService::joinMeeting},
            {"resume", &RoomService::resume},
            {"endMeeting", &RoomService::endMeeting},
            {"admit", &RoomService::admit},
            {"refuse", &RoomService::refuse},
            {"muteParticipant", &RoomService::muteParticipant},
            {"muteAll", &RoomService::muteAll},
            {"removeParticipant", &RoomService::removeParticipant},
            {"setLocked", &RoomService::setLocked},
            {"makeCohost", &RoomService::makeCohost},
            {"sendChat", &RoomService::sendChat},
            {"raiseHand", &RoomService::raiseHand},
        };
        if (auto added = addAll(meetingMethods); !added) {
            return added;
        }
    }
    for (const bool paused : {true, false}) {
        auto added = table.add(paused ? "pauseProducer" : "resumeProducer",
                               [this, paused](const Call& call, Respond respond) {
                                   setProducerPaused(call, std::move(respond), paused);
                               });
        if (!added) {
            return added;
        }
    }
    return {};
}

void RoomService::join(const Call& call, Respond respond) {
    auto request = parseJoin(call.request.data);
    if (!request) {
        respond(Outcome{false, nullptr, request.error()});
        return;
    }
    const std::uint64_t channelId = call.channel->id();
    std::string routerToCreate;
    {
        std::lock_guard lock(mutex_);
        if (roomOfChannel_.contains(channelId)) {
            respond(Outcome::failure("already_joined",
                                     "This connection has already joined a room; leave first."));
            return;
        }
        auto it = rooms_.find(request->roomId);
        if (it == rooms_.end()) {
            if (rooms_.size() >= limits_.maxRooms) {
                respond(Outcome::failure("too_many_rooms",
                                         "The server has as many rooms as it allows (" +
                                             std::to_string(limits_.maxRooms) +
                                             "); try again later."));
                return;
            }
            std::string routerId = newId("router-");
            auto room = std::make_unique<Room>(
                request->roomId, routerId,
                sfu::rtp_parameters::toJsonValue(media_.rtpCapabilities()), limits_);
            roomOfRouter_[routerId] = request->roomId;
            it = rooms_.emplace(request->roomId, std::move(room)).first;
            routerToCreate = std::move(routerId);
        }
        Room& room = *it->second;
        auto peer = room.addPeer(call.channel, newId("peer-"), std::move(request->displayName));
        if (!peer) {
            if (room.empty()) {  // only with maxPeersPerRoom == 0
                roomOfRouter_.erase(room.routerId());
                rooms_.erase(it);
            }
            respond(Outcome{false, nullptr, peer.error()});
            return;
        }
        (*peer)->pendingJoin = std::move(respond);
        roomOfChannel_[channelId] = room.id();
        roomsLog().info("peer joining", {{"room", room.id()}, {"peer", (*peer)->id}});
        completeJoinsLocked(room);
    }
    if (!routerToCreate.empty()) {
        media_.createRouter(
            routerToCreate, routerSettings(),
            [this, roomId = request->roomId, routerId = routerToCreate](common::Status created) {
                onRouterCreated(roomId, routerId, created);
            });
    }
}

void RoomService::onRouterCreated(const std::string& roomId, const std::string& routerId,
                                  const common::Status& created) {
    bool orphan = false;
    Dropped dropped;
    {
        std::lock_guard lock(mutex_);
        auto it = rooms_.find(roomId);
        if (it == rooms_.end() || it->second->routerId() != routerId) {
            orphan = created.ok();  // everyone left while the router was being made
        } else if (!created) {
            roomsLog().error("router creation failed",
                             {{"room", roomId}, {"error", created.error().message}});
            dropped = dropRoomLocked(it, common::makeError("media_unavailable",
                                                           "The media server could not open the "
                                                           "room: " +
                                                               created.error().message));
        } else {
            it->second->setRouterReady();
            completeJoinsLocked(*it->second);
        }
    }
    if (orphan) {
        media_.closeRouter(routerId);
    }
    for (const auto& channel : dropped.channels) {
        channel->close(1011, "the media server could not open the room");
    }
}

void RoomService::leave(const Call& call, Respond respond) {
    Teardown teardown;
    {
        std::lock_guard lock(mutex_);
        if (!roomOfChannel_.contains(call.channel->id())) {
            respond(notJoined());
            return;
        }
        teardown = removePeerLocked(call.channel->id());
        respond(Outcome::success());
    }
    runTeardown(teardown);
}

void RoomService::onChannelClosed(std::uint64_t channelId) {
    Teardown teardown;
    {
        std::lock_guard lock(mutex_);
        auto where = roomOfChannel_.find(channelId);
        auto room = where == roomOfChannel_.end() ? rooms_.end() : rooms_.find(where->second);
        Peer* peer = room == rooms_.end() ? nullptr : room->second->peer(channelId);
        if (peer != nullptr && peer->member) {
            peer->member->droppedAt = meetings_->clock.steadyNow();
            roomsLog().info("participant disconnected",
                            {{"room", room->first}, {"peer", peer->id}});
            return;  // tick() lets him go after the grace unless he resumes
        }
        teardown = removePeerLocked(channelId);
    }
    runTeardown(teardown);
}

void RoomService::completeJoinsLocked(Room& room) {
    if (!room.ready()) {
        return;
    }
    for (Peer* peer : room.unjoinedPeers()) {
        room.completeJoin(*peer);
        if (peer->member) {
            meetings_->store.stayStarted(
                room.meetingState().meetingId, peer->id,
                domain::meetings::Attendee{peer->member->userId, peer->displayName});
        }
    }
}

RoomService::Teardown RoomService::removePeerLocked(std::uint64_t channelId,
                                                    std::string_view reason) {
    Teardown teardown;
    auto where = roomOfChannel_.find(channelId);
    if (where == roomOfChannel_.end()) {
        return teardown;
    }
    auto it = rooms_.find(where->second);
    roomOfChannel_.erase(where);
    if (it == rooms_.end()) {
        return teardown;
    }
    Room& room = *it->second;
    teardown.routerId = room.routerId();
    if (auto departure = room.removePeer(channelId, reason)) {
        roomsLog().info("peer left", {{"room", room.id()}, {"peer", departure->peer.id}});
        if (departure->peer.member) {
            forgetMemberLocked(departure->peer);
            if (departure->peer.joined) {
                meetings_->store.stayEnded(room.meetingState().meetingId, departure->peer.id);
            }
        }
        for (const auto& transport : departure->peer.transports) {
            teardown.transports.push_back(transport.id);
        }
        teardown.consumers = std::move(departure->orphanedConsumers);
    }
    if (room.empty() && room.meeting() != nullptr) {
        room.meetingState().emptySince = meetings_->clock.steadyNow();  // tick() closes it
    } else if (room.empty()) {
        // A router still being created is closed by onRouterCreated.
        teardown.closeRouter = room.routerReady();
        roomOfRouter_.erase(room.routerId());
        roomsLog().info("room closed", {{"room", room.id()}});
        rooms_.erase(it);
    }
    return teardown;
}

void RoomService::runTeardown(const Teardown& teardown) {
    if (teardown.routerId.empty()) {
        return;
    }
    if (teardown.closeRouter) {
        media_.closeRouter(teardown.routerId);
        return;
    }
    for (const auto& consumerId : teardown.consumers) {
        media_.closeConsumer(teardown.routerId, consumerId);
    }
    for (const auto& transportId : teardown.transports) {
        media_.closeTransport(teardown.routerId, transportId);
    }
}

void RoomService::onConsumerEvent(const std::string& routerId, const std::string& consumerId,
                                  media::ConsumerEvent event) {
    std::lock_guard lock(mutex_);
    auto roomId = roomOfRouter_.find(routerId);
    if (roomId == roomOfRouter_.end()) {
        return;
    }
    auto room = rooms_.find(roomId->second);
    if (room == rooms_.end()) {
        return;
    }
    if (event == media::ConsumerEvent::ProducerClosed ||
        event == media::ConsumerEvent::TransportClosed) {
        room->second->consumerClosed(consumerId);
    }
}

void RoomService::onActiveSpeaker(const std::string& routerId, const std::string& producerId) {
    std::lock_guard lock(mutex_);
    auto roomId = roomOfRouter_.find(routerId);
    if (roomId == roomOfRouter_.end()) {
        return;
    }
    if (auto room = rooms_.find(roomId->second); room != rooms_.end()) {
        room->second->announceActiveSpeaker(producerId);
    }
}

media::RouterSettings RoomService::routerSettings() const {
    media::RouterSettings settings;
    settings.loudestAudio = limits_.loudestAudio;
    return settings;
}

RoomService::Located RoomService::locate(std::uint64_t channelId) {
    auto where = roomOfChannel_.find(channelId);
    if (where == roomOfChannel_.end()) {
        return {};
    }
    auto room = rooms_.find(where->second);
    if (room == rooms_.end()) {
        return {};
    }
    Peer* peer = room->second->peer(channelId);
    if (peer == nullptr || !peer->joined) {
        return {};
    }
    return Located{room->second.get(), peer};
}

RoomService::Located RoomService::locate(const PeerKey& key) {
    auto room = rooms_.find(key.roomId);
    if (room == rooms_.end() || room->second->routerId() != key.routerId) {
        return {};
    }
    Peer* peer = room->second->peer(key.channelId);
    if (peer == nullptr || peer->id != key.peerId) {
        return {};
    }
    return Located{room->second.get(), peer};
}

RoomService::PeerKey RoomService::keyOf(const Located& where) {
    return PeerKey{where.room->id(), where.room->routerId(), where.peer->channel->id(),
                   where.peer->id};
}

std::string RoomService::newId(std::string_view prefix) {
    return std::string(prefix) + random_.hexToken(12);
}

std::size_t RoomService::roomCount() const {
    std::lock_guard lock(mutex_);
    return rooms_.size();
}

std::size_t RoomService::peerCount() const {
    std::lock_guard lock(mutex_);
    return roomOfChannel_.size();
}

}  // namespace vp::rooms
