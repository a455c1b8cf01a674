// Room: the meeting rules (R-MEET-2, R-MEET-4) — admission, the waiting room,
// snapshots in the meeting protocol's shapes, resume, chat and member updates.
#include <boost/json/array.hpp>

#include "domain/meetings/attendance.hpp"
#include "rooms/room.hpp"
#include "signaling/message.hpp"

namespace vp::rooms {

namespace json = boost::json;

namespace {

common::Error error(std::string code, std::string message) {
    return common::makeError(std::move(code), std::move(message));
}

json::object describeChat(const ChatMessage& message) {
    json::object out;
    out["messageId"] = message.messageId;
    out["participantId"] = message.participantId;
    out["displayName"] = message.displayName;
    out["text"] = message.text;
    out["sentAt"] = domain::meetings::isoUtc(message.sentAt);
    return out;
}

// Spaces, tabs and line ends around the text removed.
std::string_view trimText(std::string_view text) {
    constexpr std::string_view blanks = " \t\r\n";
    const auto first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

// Unicode characters in UTF-8 text (continuation bytes not counted).
std::size_t characters(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

}  // namespace

std::string_view toString(Role role) {
    switch (role) {
        case Role::Host:
            return "host";
        case Role::Cohost:
            return "cohost";
        case Role::Participant:
            return "participant";
    }
    return "participant";
}

std::string identityKey(const std::optional<std::int64_t>& userId, std::string_view name) {
    return userId ? "user:" + std::to_string(*userId) : "guest:" + std::string(name);
}

json::object describeParticipant(const Peer& peer) {
    json::object out;
    out["participantId"] = peer.id;
    out["displayName"] = peer.displayName;
    out["role"] = peer.member ? toString(peer.member->role) : "participant";
    out["guest"] = peer.member && peer.member->guest();
    out["handRaised"] = peer.member && peer.member->handRaised;
    return out;
}

Peer* Room::peerById(std::string_view peerId) {
    for (auto& [channelId, peer] : peers_) {
        if (peer.id == peerId) {
            return &peer;
        }
    }
    return nullptr;
}

std::vector<Peer*> Room::peers() {
    std::vector<Peer*> out;
    for (auto& [channelId, peer] : peers_) {
        out.push_back(&peer);
    }
    return out;
}

std::size_t Room::countMembers(bool waiting) const {
    std::size_t n = 0;
    for (const auto& [channelId, peer] : peers_) {
        const bool isWaiting = peer.member && peer.member->waiting;
        n += isWaiting == waiting ? 1 : 0;
    }
    return n;
}

common::Status Room::checkAdmission(const Member& member, std::string_view name) const {
    if (meeting_->removed.contains(identityKey(member.userId, name))) {
        return error("removed_from_meeting",
                     "The host removed you from this meeting; you cannot rejoin it.");
    }
    if (meeting_->locked && member.role != Role::Host) {
        return error("meeting_locked", "The host has locked this meeting.");
    }
    if (!member.waiting && countMembers(false) >= limits_.maxPeersPerRoom) {
        return error("room_full", "This meeting already has " +
                                      std::to_string(limits_.maxPeersPerRoom) + " participants.");
    }
    return {};
}

common::Status Room::admit(Peer& waiting) {
    if (countMembers(false) >= limits_.maxPeersPerRoom) {
        return error("room_full", "This meeting already has " +
                                      std::to_string(limits_.maxPeersPerRoom) + " participants.");
    }
    waiting.member->waiting = false;
    waiting.pendingJoin = [channel = waiting.channel](signaling::Outcome outcome) {
        channel->send(signaling::encodeNotification("admitted", outcome.data));
    };
    notifyWaitingChanged();
    return {};
}

json::object Room::meetingSnapshot(const Peer& self) const {
    json::array participants;
    json::array producers;
    for (const auto& [channelId, peer] : peers_) {
        if (&peer == &self || !peer.joined) {
            continue;
        }
        participants.push_back(describeParticipant(peer));
        for (const auto& [producerId, producer] : peer.producers) {
            if (producer.ready) {
                producers.push_back(describeProducer(producer, peer));
            }
        }
    }
    json::array chat;
    for (const auto& message : meeting_->chat) {
        chat.push_back(describeChat(message));
    }
    json::object meeting;
    meeting["meetingId"] = meeting_->meetingId;
    meeting["subject"] = meeting_->subject;
    meeting["locked"] = meeting_->locked;
    meeting["startedAt"] = domain::meetings::isoUtc(meeting_->startedAt);
    json::object out;
    out["status"] = "joined";
    out["participantId"] = self.id;
    out["resumeToken"] = self.member->resumeToken;
    out["role"] = toString(self.member->role);
    out["meeting"] = std::move(meeting);
    out["routerRtpCapabilities"] = routerRtpCapabilities_;
    out["participants"] = std::move(participants);
    out["producers"] = std::move(producers);
    out["chat"] = std::move(chat);
    out["waiting"] = self.member->moderates() ? waitingList() : json::array{};
    out["activeSpeaker"] =
        activeSpeaker_.empty() ? json::value(nullptr) : json::value(activeSpeaker_);
    return out;
}

json::array Room::waitingList() const {
    json::array out;
    for (const auto& [channelId, peer] : peers_) {
        if (peer.member && peer.member->waiting) {
            json::object entry;
            entry["participantId"] = peer.id;
            entry["displayName"] = peer.displayName;
            entry["guest"] = peer.member->guest();
            out.push_back(std::move(entry));
        }
    }
    return out;
}

void Room::notifyWaitingChanged() const {
    json::object note;
    note["waiting"] = waitingList();
    const std::string text = signaling::encodeNotification("waitingRoomUpdated", note);
    for (const auto& [channelId, peer] : peers_) {
        if (peer.joined && peer.member && peer.member->moderates()) {
            peer.channel->send(text);
        }
    }
}

Peer* Room::rebind(std::uint64_t oldChannelId, signaling::ChannelPtr channel) {
    auto node = peers_.extract(oldChannelId);
    if (node.empty()) {
        return nullptr;
    }
    node.key() = channel->id();
    node.mapped().channel = std::move(channel);
    auto inserted = peers_.insert(std::move(node));
    return inserted.inserted ? &inserted.position->second : nullptr;
}

common::Status Room::sendChat(Peer& from, std::string_view text, WallTime now,
                              SteadyTime steadyNow) {
    const MeetingLimits& limits = meeting_->limits;
    const std::string_view clean = trimText(text);
    if (clean.empty()) {
        return error("chat_empty", "A chat message needs some text.");
    }
    if (characters(clean) > limits.maxChatChars) {
        return error("chat_too_long", "A chat message has at most " +
                                          std::to_string(limits.maxChatChars) + " characters.");
    }
    auto& recent = from.member->recentChats;
    while (!recent.empty() && steadyNow - recent.front() >= limits.chatWindow) {
        recent.pop_front();
    }
    if (recent.size() >= limits.chatBurst) {
        return error("rate_limited", "At most " + std::to_string(limits.chatBurst) +
                                         " messages every " +
                                         std::to_string(limits.chatWindow.count()) + " s.");
    }
    recent.push_back(steadyNow);
    ChatMessage message{"m" + std::to_string(meeting_->nextMessage++), from.id, from.displayName,
                        std::string(clean), now};
    notifyOthers(nullptr, "chatMessage", describeChat(message));
    meeting_->chat.push_back(std::move(message));
    while (meeting_->chat.size() > limits.chatKept) {
        meeting_->chat.pop_front();
    }
    return {};
}

void Room::announceMember(const Peer& peer) const {
    notifyOthers(nullptr, "participantUpdated", describeParticipant(peer));
}

void Room::handOverModeration() {
    Peer* signedIn = nullptr;
    Peer* guest = nullptr;
    for (auto& [channelId, peer] : peers_) {  // channel ids grow: the earliest first
        if (!peer.joined || !peer.member || peer.member->waiting) {
            continue;
        }
        if (peer.member->moderates()) {
            return;  // someone still moderates (perhaps only dropped, within the grace)
        }
        Peer*& slot = peer.member->guest() ? guest : signedIn;
        if (slot == nullptr) {
            slot = &peer;
        }
    }
    Peer* next = signedIn != nullptr ? signedIn : guest;
    if (next == nullptr) {
        return;
    }
    next->member->role = Role::Cohost;
    announceMember(*next);
    notifyWaitingChanged();  // the new co-host learns who waits
}

std::vector<std::string> Room::liveMicrophones(const Peer& peer) const {
    std::vector<std::string> out;
    for (const auto& [producerId, producer] : peer.producers) {
        if (producer.ready && !producer.paused && producer.source == MediaSource::Mic) {
            out.push_back(producerId);
        }
    }
    return out;
}

}  // namespace vp::rooms
