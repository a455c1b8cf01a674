#pragma once
// The meeting side of a room (R-MEET-2, R-MEET-4): who is host, co-host or
// participant, who waits to be admitted, who was removed, the lock, the chat of
// the room's life and the bounds on all of them. Plain data; Room's meeting
// members (room_meeting.cpp) apply the rules to it.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace vp::rooms {

using SteadyTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;

enum class Role : std::uint8_t { Host, Cohost, Participant };
std::string_view toString(Role role);

struct MeetingLimits {
    std::size_t maxWaiting = 50;      // waiting participants per room
    std::size_t maxChatChars = 2000;  // per message, after trimming
    std::size_t chatBurst = 5;        // messages per participant per chatWindow
    std::chrono::seconds chatWindow{5};
    std::size_t chatKept = 200;     // last messages shown to late joiners
    std::size_t maxRemoved = 1000;  // people removed who may not rejoin
    std::chrono::milliseconds resumeGrace{30'000};
    std::chrono::milliseconds emptyTimeout{300'000};
    std::size_t joinsPerIpPerSecond = 20;
};

// A participant of a meeting room (test-room peers have none).
struct Member {
    Role role = Role::Participant;
    std::optional<std::int64_t> userId;  // none: a guest
    bool waiting = false;                // in the waiting room, not admitted yet
    bool handRaised = false;
    std::string resumeToken;
    std::optional<SteadyTime> droppedAt;  // set while his socket is gone
    std::deque<SteadyTime> recentChats;   // within chatWindow

    bool moderates() const { return role != Role::Participant; }
    bool guest() const { return !userId.has_value(); }
};

struct ChatMessage {
    std::string messageId;
    std::string participantId;
    std::string displayName;
    std::string text;
    WallTime sentAt;
};

struct MeetingState {
    std::string meetingId;
    std::string subject;
    bool locked = false;
    bool loaded = false;  // the store answered (subject, lock, session open)
    WallTime startedAt;
    MeetingLimits limits;
    std::deque<ChatMessage> chat;
    std::uint64_t nextMessage = 1;
    std::set<std::string> removed;  // identityKey of everyone removed
    std::optional<SteadyTime> emptySince;
};

// Who someone is for "may not rejoin": "user:<id>" or "guest:<name>".
std::string identityKey(const std::optional<std::int64_t>& userId, std::string_view name);

}  // namespace vp::rooms
