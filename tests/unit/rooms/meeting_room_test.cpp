// Room's meeting rules without a media server: admission, the waiting room,
// snapshots, resume (rebind), chat bounds, departures.
#include <gtest/gtest.h>

#include <optional>

#include "common/clock.hpp"
#include "recording_channel.hpp"
#include "rooms/room.hpp"

namespace vp::rooms {
namespace {

namespace json = boost::json;
using test::makeChannel;
using test::RecordingChannel;

class MeetingRoomTest : public ::testing::Test {
  protected:
    MeetingRoomTest() : room_("meeting:1", "router-1", json::parse("{}"), limits(), state()) {
        room_.setRouterReady();
        room_.meetingState().loaded = true;
    }

    static RoomLimits limits() {
        RoomLimits l;
        l.maxPeersPerRoom = 2;
        return l;
    }
    static MeetingState state() {
        MeetingState s;
        s.meetingId = "1";
        s.subject = "Weekly";
        s.limits.maxWaiting = 1;
        return s;
    }
    static Member member(Role role, bool waiting = false, std::optional<std::int64_t> user = 1) {
        Member m;
        m.role = role;
        m.waiting = waiting;
        m.userId = user;
        m.resumeToken = "token";
        return m;
    }

    // Adds and, unless waiting, joins; the join reply lands in replies_[id].
    Peer* enter(std::uint64_t id, Member m, std::string name = "P") {
        auto channel = makeChannel(id);
        channels_[id] = channel;
        if (auto admitted = room_.checkAdmission(m, name); !admitted) {
            ADD_FAILURE() << admitted.error().code;
            return nullptr;
        }
        auto peer = room_.addPeer(channel, "p" + std::to_string(id), std::move(name), m);
        EXPECT_TRUE(peer.ok());
        if (!peer) {
            return nullptr;
        }
        (*peer)->pendingJoin = [this, id](signaling::Outcome o) { replies_[id] = o.data; };
        if (!m.waiting) {
            room_.completeJoin(**peer);
        }
        return *peer;
    }

    Room room_;
    std::map<std::uint64_t, std::shared_ptr<RecordingChannel>> channels_;
    std::map<std::uint64_t, json::value> replies_;
};

TEST_F(MeetingRoomTest, JoinAnswersTheSnapshotAndAnnouncesTheParticipant) {
    enter(1, member(Role::Host), "Hana");
    enter(2, member(Role::Participant, false, std::nullopt), "Gus");
    const auto& snapshot = replies_[2].as_object();
    EXPECT_EQ(snapshot.at("status").as_string(), "joined");
    EXPECT_EQ(snapshot.at("role").as_string(), "participant");
    EXPECT_EQ(snapshot.at("meeting").at("subject").as_string(), "Weekly");
    EXPECT_EQ(snapshot.at("participants").at(0).at("displayName").as_string(), "Hana");
    EXPECT_TRUE(snapshot.at("waiting").as_array().empty());
    const auto joined = channels_[1]->notifications("participantJoined");
    ASSERT_EQ(joined.size(), 1u);
    EXPECT_EQ(joined[0].at("guest").as_bool(), true);
    EXPECT_EQ(joined[0].at("role").as_string(), "participant");
}

TEST_F(MeetingRoomTest, AdmissionRefusesRemovedLockedAndFull) {
    enter(1, member(Role::Host), "Hana");
    room_.meetingState().removed.insert(identityKey(5, "Rex"));
    Member rex = member(Role::Participant, false, 5);
    EXPECT_EQ(room_.checkAdmission(rex, "Rex").error().code, "removed_from_meeting");
    room_.meetingState().locked = true;
    EXPECT_EQ(room_.checkAdmission(member(Role::Participant, false, 6), "Sue").error().code,
              "meeting_locked");
    EXPECT_TRUE(room_.checkAdmission(member(Role::Host), "Hana"));
    room_.meetingState().locked = false;
    enter(2, member(Role::Participant, false, 2));
    EXPECT_EQ(room_.checkAdmission(member(Role::Participant, false, 3), "C").error().code,
              "room_full");
    // The waiting room has its own bound.
    enter(3, member(Role::Participant, true, 3));
    auto fourth = room_.addPeer(makeChannel(4), "p4", "D", member(Role::Participant, true, 4));
    EXPECT_EQ(fourth.error().code, "waiting_room_full");
}

TEST_F(MeetingRoomTest, WaitingMembersAreAdmittedWithTheirSnapshot) {
    enter(1, member(Role::Host), "Hana");
    Peer* wait = enter(2, member(Role::Participant, true, 2), "Wes");
    EXPECT_TRUE(replies_[2].is_null());
    EXPECT_TRUE(room_.unjoinedPeers().empty());  // waiting is not joining
    room_.notifyWaitingChanged();
    const auto updates = channels_[1]->notifications("waitingRoomUpdated");
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].at("waiting").at(0).at("displayName").as_string(), "Wes");
    EXPECT_EQ(channels_[2]->count(), 0u);  // a waiting member hears nothing of the room

    ASSERT_TRUE(room_.admit(*wait));
    ASSERT_EQ(room_.unjoinedPeers().size(), 1u);
    room_.completeJoin(*wait);
    const auto admitted = channels_[2]->notifications("admitted");
    ASSERT_EQ(admitted.size(), 1u);
    EXPECT_EQ(admitted[0].at("participants").at(0).at("role").as_string(), "host");
    EXPECT_EQ(channels_[1]->notifications("participantJoined").size(), 1u);
}

TEST_F(MeetingRoomTest, RebindMovesAMemberToItsNewChannel) {
    enter(1, member(Role::Host), "Hana");
    Peer* pat = enter(2, member(Role::Participant, false, 2), "Pat");
    const std::string id = pat->id;
    auto fresh = makeChannel(9);
    Peer* moved = room_.rebind(2, fresh);
    ASSERT_NE(moved, nullptr);
    EXPECT_EQ(moved->id, id);
    EXPECT_EQ(room_.peer(2), nullptr);
    EXPECT_EQ(room_.peer(9), moved);
    EXPECT_EQ(room_.rebind(2, makeChannel(10)), nullptr);
    room_.announceMember(*moved);
    EXPECT_EQ(fresh->notifications("participantUpdated").size(), 1u);
}

TEST_F(MeetingRoomTest, ChatIsTrimmedBoundedAndRateLimited) {
    common::FakeClock clock;
    Peer* host = enter(1, member(Role::Host), "Hana");
    EXPECT_EQ(room_.sendChat(*host, " \n ", clock.now(), clock.steadyNow()).error().code,
              "chat_empty");
    EXPECT_EQ(
        room_.sendChat(*host, std::string(2001, 'x'), clock.now(), clock.steadyNow()).error().code,
        "chat_too_long");
    // 2000 characters of two bytes each are fine.
    std::string accents;
    for (int i = 0; i < 2000; ++i) {
        accents += "\xc3\xa9";
    }
    EXPECT_TRUE(room_.sendChat(*host, accents, clock.now(), clock.steadyNow()));
    for (int i = 0; i < 4; ++i) {
        EXPECT_TRUE(room_.sendChat(*host, "hi", clock.now(), clock.steadyNow()));
    }
    EXPECT_EQ(room_.sendChat(*host, "hi", clock.now(), clock.steadyNow()).error().code,
              "rate_limited");
    clock.advance(std::chrono::seconds{5});
    EXPECT_TRUE(room_.sendChat(*host, "again", clock.now(), clock.steadyNow()));
    EXPECT_EQ(room_.meetingState().chat.size(), 6u);
    EXPECT_EQ(channels_[1]->notifications("chatMessage").back().at("text").as_string(), "again");
}

TEST_F(MeetingRoomTest, OldChatIsDroppedPastTheKeptCount) {
    common::FakeClock clock;
    room_.meetingState().limits.chatKept = 3;
    Peer* host = enter(1, member(Role::Host), "Hana");
    for (int i = 0; i < 5; ++i) {
        clock.advance(std::chrono::seconds{2});
        ASSERT_TRUE(room_.sendChat(*host, "m" + std::to_string(i), clock.now(), clock.steadyNow()));
    }
    ASSERT_EQ(room_.meetingState().chat.size(), 3u);
    EXPECT_EQ(room_.meetingState().chat.front().text, "m2");
}

TEST_F(MeetingRoomTest, DeparturesCarryTheirReason) {
    enter(1, member(Role::Host), "Hana");
    enter(2, member(Role::Participant, false, 2), "Pat");
    ASSERT_TRUE(room_.removePeer(2, "removed").has_value());
    const auto left = channels_[1]->notifications("participantLeft");
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].at("participantId").as_string(), "p2");
    EXPECT_EQ(left[0].at("reason").as_string(), "removed");
    EXPECT_TRUE(channels_[1]->notifications("peerLeft").empty());
}

}  // namespace
}  // namespace vp::rooms
