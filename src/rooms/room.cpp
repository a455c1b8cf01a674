#include "rooms/room.hpp"

#include <algorithm>

#include "signaling/message.hpp"

namespace vp::rooms {

namespace json = boost::json;

namespace {

common::Error error(std::string code, std::string message) {
    return common::makeError(std::move(code), std::move(message));
}

}  // namespace

const TransportEntry* Peer::transport(std::string_view transportId) const {
    for (const auto& t : transports) {
        if (t.id == transportId) {
            return &t;
        }
    }
    return nullptr;
}

const TransportEntry* Peer::transport(TransportDirection direction) const {
    for (const auto& t : transports) {
        if (t.direction == direction) {
            return &t;
        }
    }
    return nullptr;
}

json::object producerNote(std::string_view producerId, const Peer& owner) {
    json::object out;
    out["producerId"] = producerId;
    out["peerId"] = owner.id;
    out["participantId"] = owner.id;
    return out;
}

json::object describeProducer(const ProducerEntry& producer, const Peer& owner) {
    const std::string_view source = owner.member && producer.source == MediaSource::Webcam
                                        ? std::string_view("camera")
                                        : toString(producer.source);
    json::object appData;
    appData["source"] = source;
    json::object out = producerNote(producer.id, owner);
    out["kind"] = sfu::rtp_parameters::toString(producer.kind);
    out["paused"] = producer.paused;
    out["source"] = source;
    out["appData"] = std::move(appData);
    return out;
}

json::object describePeer(const Peer& peer) {
    json::object out;
    out["peerId"] = peer.id;
    out["displayName"] = peer.displayName;
    return out;
}

Room::Room(std::string id, std::string routerId, json::value routerRtpCapabilities,
           RoomLimits limits, std::optional<MeetingState> meeting)
    : id_(std::move(id)),
      routerId_(std::move(routerId)),
      routerRtpCapabilities_(std::move(routerRtpCapabilities)),
      limits_(limits),
      meeting_(std::move(meeting)) {}

common::Result<Peer*> Room::addPeer(signaling::ChannelPtr channel, std::string peerId,
                                    std::string displayName, std::optional<Member> member) {
    if (member && member->waiting) {
        if (countMembers(true) >= meeting_->limits.maxWaiting) {
            return error("waiting_room_full", "The waiting room is full; try again later.");
        }
    } else if (countMembers(false) >= limits_.maxPeersPerRoom) {
        return error("room_full", "Room " + id_ + " already has " +
                                      std::to_string(limits_.maxPeersPerRoom) +
                                      " participants; try another room.");
    }
    const std::uint64_t channelId = channel->id();
    auto [it, inserted] = peers_.try_emplace(channelId);
    if (!inserted) {
        return error("already_joined", "This connection has already joined a room.");
    }
    Peer& peer = it->second;
    peer.id = std::move(peerId);
    peer.displayName = std::move(displayName);
    peer.channel = std::move(channel);
    peer.member = std::move(member);
    return &peer;
}

Peer* Room::peer(std::uint64_t channelId) {
    auto it = peers_.find(channelId);
    return it == peers_.end() ? nullptr : &it->second;
}

std::vector<Peer*> Room::unjoinedPeers() {
    std::vector<Peer*> out;
    for (auto& [channelId, peer] : peers_) {
        if (!peer.joined && !(peer.member && peer.member->waiting)) {
            out.push_back(&peer);
        }
    }
    return out;
}

void Room::completeJoin(Peer& peer) {
    peer.joined = true;
    if (peer.pendingJoin) {
        auto respond = std::move(peer.pendingJoin);
        peer.pendingJoin = nullptr;
        respond(signaling::Outcome::success(meeting_ ? meetingSnapshot(peer) : snapshotFor(peer)));
    }
    if (meeting_) {
        notifyOthers(&peer, "participantJoined", describeParticipant(peer));
    } else {
        notifyOthers(&peer, "peerJoined", describePeer(peer));
    }
}

std::optional<Departure> Room::removePeer(std::uint64_t channelId, std::string_view reason) {
    auto it = peers_.find(channelId);
    if (it == peers_.end()) {
        return std::nullopt;
    }
    Departure departure{std::move(it->second), {}};
    peers_.erase(it);
    if (departure.peer.id == activeSpeaker_) {
        activeSpeaker_.clear();
    }
    for (const auto& [producerId, producer] : departure.peer.producers) {
        auto dropped = dropConsumersOf(producerId);
        departure.orphanedConsumers.insert(departure.orphanedConsumers.end(), dropped.begin(),
                                           dropped.end());
        if (producer.ready) {
            notifyOthers(nullptr, "producerClosed", producerNote(producerId, departure.peer));
        }
    }
    if (departure.peer.joined && meeting_) {
        json::object note;
        note["participantId"] = departure.peer.id;
        note["reason"] = reason;
        notifyOthers(nullptr, "participantLeft", note);
    } else if (departure.peer.joined) {
        json::object note;
        note["peerId"] = departure.peer.id;
        notifyOthers(nullptr, "peerLeft", note);
    }
    if (departure.peer.member && departure.peer.member->waiting) {
        notifyWaitingChanged();
    }
    if (departure.peer.joined && departure.peer.member && departure.peer.member->moderates()) {
        handOverModeration();
    }
    return departure;
}

common::Status Room::reserveTransport(Peer& peer, std::string transportId,
                                      TransportDirection direction) {
    if (peer.transport(direction) != nullptr) {
        return error("transport_exists", "This participant already has a " +
                                             std::string(toString(direction)) +
                                             " transport; use it.");
    }
    peer.transports.push_back(TransportEntry{std::move(transportId), direction, false});
    return {};
}

common::Status Room::reserveProducer(Peer& peer, std::string producerId,
                                     const ProduceRequest& request) {
    const TransportEntry* transport = peer.transport(request.transportId);
    if (transport == nullptr || transport->direction != TransportDirection::Send) {
        return error("unknown_transport",
                     "transportId names no send transport of this participant; create one "
                     "with createWebRtcTransport {direction: \"send\"}.");
    }
    for (const auto& [id, existing] : peer.producers) {
        if (existing.source == request.source) {
            return error("source_in_use", "This participant already sends its " +
                                              std::string(toString(request.source)) +
                                              "; close that producer first.");
        }
    }
    if (peer.producers.size() >= kMaxProducersPerPeer) {
        return error("too_many_producers", "A participant sends at most " +
                                               std::to_string(kMaxProducersPerPeer) + " tracks.");
    }
    ProducerEntry entry{producerId,     request.transportId, request.kind,
                        request.source, request.paused,      false};
    peer.producers.emplace(std::move(producerId), std::move(entry));
    return {};
}

common::Status Room::reserveConsumer(Peer& peer, std::string consumerId,
                                     const std::string& producerId) {
    const TransportEntry* transport = peer.transport(TransportDirection::Recv);
    if (transport == nullptr) {
        return error("no_recv_transport",
                     "Create a receive transport (createWebRtcTransport {direction: \"recv\"}) "
                     "before consuming.");
    }
    const ProducerRef ref = findProducer(producerId);
    if (ref.producer == nullptr) {
        return error("unknown_producer",
                     "There is no producer " + producerId + " in this room; it may have closed.");
    }
    if (ref.owner == &peer) {
        return error("own_producer", "A participant does not consume its own producer.");
    }
    for (const auto& [id, existing] : peer.consumers) {
        if (existing.producerId == producerId) {
            return error("already_consuming", "This participant already consumes " + producerId +
                                                  " (consumer " + id + ").");
        }
    }
    if (peer.consumers.size() >= limits_.maxConsumersPerPeer()) {
        return error("too_many_consumers", "A participant receives at most " +
                                               std::to_string(limits_.maxConsumersPerPeer()) +
                                               " tracks.");
    }
    ConsumerEntry entry{consumerId, producerId, transport->id, false};
    peer.consumers.emplace(std::move(consumerId), std::move(entry));
    return {};
}

bool Room::dropTransport(Peer& peer, std::string_view transportId) {
    auto it = std::find_if(peer.transports.begin(), peer.transports.end(),
                           [&](const TransportEntry& t) { return t.id == transportId; });
    if (it == peer.transports.end()) {
        return false;
    }
    peer.transports.erase(it);
    return true;
}

bool Room::dropProducer(Peer& peer, std::string_view producerId) {
    auto it = peer.producers.find(std::string(producerId));
    if (it == peer.producers.end()) {
        return false;
    }
    peer.producers.erase(it);
    return true;
}

bool Room::dropConsumer(Peer& peer, std::string_view consumerId) {
    return peer.consumers.erase(std::string(consumerId)) > 0;
}

void Room::markTransportReady(Peer& peer, std::string_view transportId) {
    for (auto& t : peer.transports) {
        if (t.id == transportId) {
            t.ready = true;
        }
    }
}

void Room::completeProducer(Peer& peer, std::string_view producerId) {
    auto it = peer.producers.find(std::string(producerId));
    if (it == peer.producers.end()) {
        return;
    }
    it->second.ready = true;
    notifyOthers(&peer, "newProducer", describeProducer(it->second, peer));
}

void Room::markConsumerReady(Peer& peer, std::string_view consumerId) {
    auto it = peer.consumers.find(std::string(consumerId));
    if (it != peer.consumers.end()) {
        it->second.ready = true;
    }
}

void Room::setProducerPaused(Peer& peer, std::string_view producerId, bool paused) {
    auto it = peer.producers.find(std::string(producerId));
    if (it == peer.producers.end()) {
        return;
    }
    it->second.paused = paused;
    notifyOthers(&peer, paused ? "producerPaused" : "producerResumed",
                 producerNote(producerId, peer));
}

bool Room::announceActiveSpeaker(std::string_view producerId) {
    const ProducerRef ref = findProducer(producerId);
    if (ref.owner == nullptr || !ref.owner->joined || ref.owner->id == activeSpeaker_) {
        return false;
    }
    activeSpeaker_ = ref.owner->id;
    json::object note;
    note[meeting_ ? "participantId" : "peerId"] = activeSpeaker_;
    note["producerId"] = producerId;
    notifyOthers(nullptr, "activeSpeaker", note);
    return true;
}

Room::ProducerRef Room::findProducer(std::string_view producerId) const {
    for (const auto& [channelId, peer] : peers_) {
        auto it = peer.producers.find(std::string(producerId));
        if (it != peer.producers.end() && it->second.ready) {
            return ProducerRef{&peer, &it->second};
        }
    }
    return {};
}

std::vector<std::string> Room::closeProducer(Peer& peer, std::string_view producerId) {
    auto it = peer.producers.find(std::string(producerId));
    if (it == peer.producers.end()) {
        return {};
    }
    const bool announced = it->second.ready;
    peer.producers.erase(it);
    auto dropped = dropConsumersOf(producerId);
    if (announced) {
        notifyOthers(&peer, "producerClosed", producerNote(producerId, peer));
    }
    return dropped;
}

bool Room::consumerClosed(std::string_view consumerId) {
    for (auto& [channelId, peer] : peers_) {
        auto it = peer.consumers.find(std::string(consumerId));
        if (it == peer.consumers.end()) {
            continue;
        }
        json::object note;
        note["consumerId"] = consumerId;
        note["producerId"] = it->second.producerId;
        peer.consumers.erase(it);
        peer.channel->send(signaling::encodeNotification("consumerClosed", note));
        return true;
    }
    return false;
}

std::vector<std::string> Room::dropConsumersOf(std::string_view producerId) {
    std::vector<std::string> dropped;
    for (auto& [channelId, peer] : peers_) {
        for (auto it = peer.consumers.begin(); it != peer.consumers.end();) {
            if (it->second.producerId != producerId) {
                ++it;
                continue;
            }
            json::object note;
            note["consumerId"] = it->first;
            note["producerId"] = it->second.producerId;
            peer.channel->send(signaling::encodeNotification("consumerClosed", note));
            dropped.push_back(it->first);
            it = peer.consumers.erase(it);
        }
    }
    return dropped;
}

json::object Room::snapshotFor(const Peer& self) const {
    json::array peers;
    json::array producers;
    for (const auto& [channelId, peer] : peers_) {
        if (&peer == &self || !peer.joined) {
            continue;
        }
        peers.push_back(describePeer(peer));
        for (const auto& [producerId, producer] : peer.producers) {
            if (producer.ready) {
                producers.push_back(describeProducer(producer, peer));
            }
        }
    }
    json::object out;
    out["peerId"] = self.id;
    out["routerRtpCapabilities"] = routerRtpCapabilities_;
    out["peers"] = std::move(peers);
    out["producers"] = std::move(producers);
    return out;
}

void Room::notifyOthers(const Peer* except, std::string_view method,
                        const json::value& data) const {
    const std::string text = signaling::encodeNotification(method, data);
    for (const auto& [channelId, peer] : peers_) {
        if (&peer != except && peer.joined) {
            peer.channel->send(text);
        }
    }
}

}  // namespace vp::rooms
