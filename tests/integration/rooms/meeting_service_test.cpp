// The meeting runtime over a real media server: joining, the waiting room, host
// controls, chat, resume after a drop, the room's life and its bounds.
#include "meeting_harness.hpp"

namespace vp::rooms::test {
namespace {

using MeetingServiceTest = MeetingHarness;

TEST_F(MeetingServiceTest, HostAndParticipantJoinPublishConsumeAndLeave) {
    Client host = client();
    Client guest = client();
    const auto hostJoined = joinMeeting(host, token("111222333", "Hana", true, false, 7));
    EXPECT_EQ(hostJoined.at("status").as_string(), "joined");
    EXPECT_EQ(hostJoined.at("role").as_string(), "host");
    EXPECT_EQ(hostJoined.at("meeting").at("subject").as_string(), "Subject 111222333");
    EXPECT_EQ(hostJoined.at("meeting").at("meetingId").as_string(), "111222333");
    EXPECT_TRUE(hostJoined.at("participants").as_array().empty());
    EXPECT_FALSE(hostJoined.at("resumeToken").as_string().empty());
    const std::string mic = produceMic(host);

    const auto guestJoined = joinMeeting(guest, token("111222333", "Gus"));
    EXPECT_EQ(guestJoined.at("role").as_string(), "participant");
    ASSERT_EQ(guestJoined.at("participants").as_array().size(), 1u);
    EXPECT_EQ(guestJoined.at("participants").at(0).at("role").as_string(), "host");
    EXPECT_EQ(guestJoined.at("participants").at(0).at("guest").as_bool(), false);
    ASSERT_EQ(guestJoined.at("producers").as_array().size(), 1u);
    EXPECT_EQ(guestJoined.at("producers").at(0).at("source").as_string(), "mic");
    EXPECT_EQ(guestJoined.at("producers").at(0).at("participantId"),
              hostJoined.at("participantId"));
    ASSERT_EQ(host.channel->notifications("participantJoined").size(), 1u);
    EXPECT_EQ(host.channel->notifications("participantJoined")[0].at("guest").as_bool(), true);
    consume(guest, mic);
    EXPECT_EQ(errorCode(guest, "joinMeeting", json::object{{"joinToken", token("111222333", "X")}}),
              "already_joined");

    ok(guest, "leave");
    ASSERT_EQ(host.channel->notifications("participantLeft").size(), 1u);
    EXPECT_EQ(host.channel->notifications("participantLeft")[0].at("reason").as_string(), "left");
    ok(host, "leave");
    const auto totals = mediaTotals();
    EXPECT_EQ(totals.transports, 0u);
    EXPECT_EQ(totals.producers, 0u);
    EXPECT_EQ(totals.consumers, 0u);
    EXPECT_EQ(store_.count("open 111222333"), 1u);
    EXPECT_EQ(store_.count("join 111222333"), 2u);
    EXPECT_EQ(store_.count("exit 111222333"), 2u);
}

TEST_F(MeetingServiceTest, BadTokensAndMeetingsTheStoreRefusesAreAnsweredClearly) {
    Client c = client();
    EXPECT_EQ(errorCode(c, "joinMeeting"), "bad_request");
    EXPECT_EQ(errorCode(c, "joinMeeting", json::object{{"joinToken", "vj1.forged.00"}}),
              "invalid_join_token");
    const std::string stale = token("111222333", "Late");
    clock_.advance(std::chrono::minutes{3});
    EXPECT_EQ(errorCode(c, "joinMeeting", json::object{{"joinToken", stale}}),
              "join_token_expired");
    store_.openError = "meeting_ended";
    EXPECT_EQ(errorCode(c, "joinMeeting", json::object{{"joinToken", token("999888777", "A")}}),
              "meeting_ended");
    EXPECT_EQ(service_->roomCount(), 0u);
    EXPECT_EQ(errorCode(c, "sendChat", json::object{{"text", "hi"}}), "not_joined");
    EXPECT_EQ(errorCode(c, "noSuchMethod"), "unknown_method");
    EXPECT_EQ(mediaTotals().routers, 0u);
}

TEST_F(MeetingServiceTest, WaitingRoomAdmitAndRefuse) {
    Client host = client();
    Client ann = client();
    Client bob = client();
    Client cid = client();
    joinMeeting(host, token("111222333", "Hana", true, true, 7));  // the host never waits
    const auto annWaits = joinMeeting(ann, token("111222333", "Ann", false, true));
    EXPECT_EQ(annWaits.at("status").as_string(), "waiting");
    const auto bobWaits = joinMeeting(bob, token("111222333", "Bob", false, true));
    EXPECT_EQ(errorCode(cid, "joinMeeting",
                        json::object{{"joinToken", token("111222333", "Cid", false, true)}}),
              "waiting_room_full");
    const auto updates = host.channel->notifications("waitingRoomUpdated");
    ASSERT_EQ(updates.size(), 2u);
    EXPECT_EQ(updates[1].at("waiting").as_array().size(), 2u);
    EXPECT_EQ(errorCode(ann, "sendChat", json::object{{"text", "let me in"}}), "not_admitted");
    EXPECT_EQ(errorCode(ann, "createWebRtcTransport", json::object{{"direction", "send"}}),
              "not_joined");
    EXPECT_TRUE(host.channel->notifications("participantJoined").empty());

    EXPECT_EQ(errorCode(ann, "admit", withParticipant(bobWaits.at("participantId"))),
              "not_admitted");
    ok(host, "admit", withParticipant(annWaits.at("participantId")));
    ASSERT_EQ(ann.channel->notifications("admitted").size(), 1u);
    EXPECT_EQ(ann.channel->notifications("admitted")[0].at("status").as_string(), "joined");
    EXPECT_EQ(host.channel->notifications("participantJoined").size(), 1u);
    EXPECT_EQ(errorCode(host, "admit", withParticipant(annWaits.at("participantId"))),
              "not_waiting");

    ok(host, "refuse", withParticipant(bobWaits.at("participantId")));
    EXPECT_EQ(bob.channel->notifications("refused").size(), 1u);
    EXPECT_EQ(bob.channel->closedWith(), 1000);
    EXPECT_EQ(
        host.channel->notifications("waitingRoomUpdated").back().at("waiting").as_array().size(),
        0u);
    EXPECT_EQ(store_.count("join 111222333"), 2u);  // host and Ann; nobody waiting
}

TEST_F(MeetingServiceTest, HostOnlyMethodsAnswerNotHost) {
    Client host = client();
    Client p = client();
    const auto hostJoined = joinMeeting(host, token("111222333", "Hana", true));
    const auto pJoined = joinMeeting(p, token("111222333", "Pat"));
    const auto hostId = hostJoined.at("participantId");
    for (const std::string method : {"admit", "refuse", "muteParticipant", "removeParticipant"}) {
        EXPECT_EQ(errorCode(p, method, withParticipant(hostId)), "not_host") << method;
    }
    EXPECT_EQ(errorCode(p, "muteAll"), "not_host");
    EXPECT_EQ(errorCode(p, "setLocked", json::object{{"locked", true}}), "not_host");
    EXPECT_EQ(errorCode(p, "endMeeting"), "not_host");
    json::object cohost = withParticipant(pJoined.at("participantId"));
    cohost["cohost"] = true;
    EXPECT_EQ(errorCode(p, "makeCohost", cohost), "not_host");
    EXPECT_EQ(errorCode(host, "setLocked", json::object{{"locked", "yes"}}), "bad_request");

    // A co-host moderates but cannot end the meeting or name co-hosts.
    ok(host, "makeCohost", cohost);
    EXPECT_EQ(p.channel->notifications("participantUpdated").back().at("role").as_string(),
              "cohost");
    ok(p, "setLocked", json::object{{"locked", true}});
    EXPECT_EQ(errorCode(p, "endMeeting"), "not_host");
    EXPECT_EQ(errorCode(p, "removeParticipant", withParticipant(hostId)), "not_allowed");
}

TEST_F(MeetingServiceTest, WhenTheLastModeratorLeavesASignedInParticipantBecomesCohost) {
    Client host = client();
    Client gus = client();
    Client pat = client();
    Client sue = client();
    Client wen = client();
    joinMeeting(host, token("111222333", "Hana", true, true, 7));
    joinMeeting(gus, token("111222333", "Gus"));  // a guest, present longest
    const auto patJoined = joinMeeting(pat, token("111222333", "Pat", false, false, 8));
    joinMeeting(sue, token("111222333", "Sue", false, false, 9));
    const auto wenWaits = joinMeeting(wen, token("111222333", "Wen", false, true));
    ASSERT_EQ(wenWaits.at("status").as_string(), "waiting");
    EXPECT_EQ(errorCode(pat, "admit", withParticipant(wenWaits.at("participantId"))), "not_host");

    ok(host, "leave");
    // Pat, signed in and present longer than Sue, moderates now (not the guest Gus).
    const auto updated = gus.channel->notifications("participantUpdated");
    ASSERT_EQ(updated.size(), 1u);
    EXPECT_EQ(updated[0].at("participantId"), patJoined.at("participantId"));
    EXPECT_EQ(updated[0].at("role").as_string(), "cohost");
    ASSERT_FALSE(pat.channel->notifications("waitingRoomUpdated").empty());
    ok(pat, "admit", withParticipant(wenWaits.at("participantId")));
    EXPECT_EQ(wen.channel->notifications("admitted").size(), 1u);
    EXPECT_EQ(errorCode(pat, "endMeeting"), "not_host");  // a co-host, not the host

    // With a co-host present nobody else is promoted when another leaves.
    ok(sue, "leave");
    EXPECT_EQ(gus.channel->notifications("participantUpdated").size(), 1u);
}

TEST_F(MeetingServiceTest, MuteRemoveLockAndEnd) {
    Client host = client();
    Client pat = client();
    Client sam = client();
    joinMeeting(host, token("111222333", "Hana", true, false, 7));
    const auto patJoined = joinMeeting(pat, token("111222333", "Pat", false, false, 8));
    joinMeeting(sam, token("111222333", "Sam"));
    const std::string patMic = produceMic(pat);
    const std::string samMic = produceMic(sam);
    consume(host, patMic);

    ok(host, "muteParticipant", withParticipant(patJoined.at("participantId")));
    ASSERT_TRUE(awaitNotification(*pat.channel, "mutedByHost"));
    EXPECT_EQ(pat.channel->notifications("mutedByHost")[0].at("producerId").as_string(), patMic);
    ASSERT_TRUE(awaitNotification(*host.channel, "producerPaused"));
    ok(host, "muteAll");
    ASSERT_TRUE(awaitNotification(*sam.channel, "mutedByHost"));
    EXPECT_EQ(sam.channel->notifications("mutedByHost")[0].at("producerId").as_string(), samMic);

    ok(host, "removeParticipant", withParticipant(patJoined.at("participantId")));
    EXPECT_EQ(pat.channel->notifications("removed").size(), 1u);
    EXPECT_EQ(pat.channel->closedWith(), 1000);
    EXPECT_EQ(sam.channel->notifications("participantLeft").back().at("reason").as_string(),
              "removed");
    const auto afterKick = mediaTotals();  // his transports, mic and the host's consumer
    EXPECT_EQ(afterKick.transports, 2u);   // the host's recv, Sam's send
    EXPECT_EQ(afterKick.producers, 1u);
    EXPECT_EQ(afterKick.consumers, 0u);
    Client patAgain = client();
    EXPECT_EQ(errorCode(patAgain, "joinMeeting",
                        json::object{{"joinToken", token("111222333", "Pat", false, false, 8)}}),
              "removed_from_meeting");

    ok(host, "setLocked", json::object{{"locked", true}});
    EXPECT_EQ(sam.channel->notifications("meetingLocked").back().at("locked").as_bool(), true);
    Client newcomer = client();
    EXPECT_EQ(
        errorCode(newcomer, "joinMeeting", json::object{{"joinToken", token("111222333", "New")}}),
        "meeting_locked");
    EXPECT_EQ(store_.count("lock 111222333 on"), 1u);

    ok(host, "endMeeting");
    EXPECT_EQ(sam.channel->notifications("meetingEnded").size(), 1u);
    EXPECT_EQ(sam.channel->closedWith(), 1000);
    EXPECT_EQ(host.channel->closedWith(), 1000);
    EXPECT_EQ(service_->roomCount(), 0u);
    EXPECT_EQ(store_.count("close 111222333 ended"), 1u);
    const auto totals = mediaTotals();
    EXPECT_EQ(totals.routers + totals.transports + totals.producers + totals.consumers, 0u);
}

TEST_F(MeetingServiceTest, ChatIsBoundedInLengthAndRateAndKeptForLateJoiners) {
    Client host = client();
    joinMeeting(host, token("111222333", "Hana", true));
    EXPECT_EQ(errorCode(host, "sendChat", json::object{{"text", "   "}}), "chat_empty");
    EXPECT_EQ(errorCode(host, "sendChat", json::object{{"text", std::string(2001, 'a')}}),
              "chat_too_long");
    EXPECT_EQ(errorCode(host, "sendChat", json::object{{"text", std::string(9000, 'a')}}),
              "chat_too_long");
    ok(host, "sendChat", json::object{{"text", std::string(2000, 'a')}});
    for (int i = 0; i < 4; ++i) {
        ok(host, "sendChat", json::object{{"text", " hello " + std::to_string(i) + " "}});
    }
    EXPECT_EQ(errorCode(host, "sendChat", json::object{{"text", "one more"}}), "rate_limited");
    clock_.advance(std::chrono::seconds{5});
    ok(host, "sendChat", json::object{{"text", "later"}});
    EXPECT_EQ(host.channel->notifications("chatMessage").size(), 6u);
    EXPECT_EQ(host.channel->notifications("chatMessage")[1].at("text").as_string(), "hello 0");

    ok(host, "raiseHand", json::object{{"raised", true}});
    Client late = client();
    const auto joined = joinMeeting(late, token("111222333", "Late"));
    EXPECT_EQ(joined.at("chat").as_array().size(), 6u);
    EXPECT_EQ(joined.at("participants").at(0).at("handRaised").as_bool(), true);
}

TEST_F(MeetingServiceTest, ADroppedSocketResumesWithinTheGraceAndKeepsItsMedia) {
    Client host = client();
    Client pat = client();
    joinMeeting(host, token("111222333", "Hana", true));
    const auto patJoined = joinMeeting(pat, token("111222333", "Pat"));
    const std::string mic = produceMic(pat);
    service_->onChannelClosed(pat.channel->id());
    clock_.advance(std::chrono::seconds{20});
    service_->tick();
    EXPECT_TRUE(host.channel->notifications("participantLeft").empty());

    Client again = client();
    const auto resumed =
        ok(again, "resume", json::object{{"resumeToken", patJoined.at("resumeToken")}});
    EXPECT_EQ(resumed.at("participantId"), patJoined.at("participantId"));
    EXPECT_EQ(resumed.at("status").as_string(), "joined");
    EXPECT_EQ(errorCode(again, "closeProducer", json::object{{"producerId", "nope"}}),
              "unknown_producer");
    EXPECT_EQ(mediaTotals().producers, 1u);  // his media survived the drop
    Client stranger = client();
    EXPECT_EQ(errorCode(stranger, "resume", json::object{{"resumeToken", "0123abcd"}}),
              "invalid_resume_token");

    // A second drop without resume: he leaves after the grace, his stay closed.
    service_->onChannelClosed(again.channel->id());
    clock_.advance(std::chrono::seconds{31});
    service_->tick();
    ASSERT_EQ(host.channel->notifications("participantLeft").size(), 1u);
    EXPECT_EQ(host.channel->notifications("participantLeft")[0].at("reason").as_string(),
              "disconnected");
    Client late = client();
    EXPECT_EQ(errorCode(late, "resume", json::object{{"resumeToken", patJoined.at("resumeToken")}}),
              "resume_expired");
    EXPECT_EQ(store_.count("exit 111222333"), 1u);
}

TEST_F(MeetingServiceTest, AnEmptyRoomClosesAfterItsTimeoutAndFreesItsMedia) {
    Client host = client();
    joinMeeting(host, token("111222333", "Hana", true));
    produceMic(host);
    service_->onChannelClosed(host.channel->id());
    clock_.advance(std::chrono::seconds{31});
    service_->tick();  // the host is gone; the room waits, empty
    EXPECT_EQ(service_->roomCount(), 1u);
    EXPECT_EQ(mediaTotals().transports, 0u);
    clock_.advance(std::chrono::minutes{5});
    service_->tick();
    EXPECT_EQ(service_->roomCount(), 0u);
    EXPECT_EQ(store_.count("close 111222333 empty"), 1u);
    EXPECT_EQ(mediaTotals().routers, 0u);

    Client back = client();  // the meeting can be joined again: a new session
    joinMeeting(back, token("111222333", "Hana", true));
    EXPECT_EQ(store_.count("open 111222333"), 2u);
    service_->closeMeetingSessions();  // the server stops
    EXPECT_EQ(store_.count("close 111222333 empty"), 2u);
}

TEST_F(MeetingServiceTest, JoinAttemptsFromOneAddressAreRateLimitedWhileOthersJoin) {
    Client host = client("10.0.0.1");
    joinMeeting(host, token("111222333", "Hana", true));
    int limited = 0;
    for (int i = 0; i < 100; ++i) {  // 100 attempts in one (fake) second
        Client c = client("10.0.0.66");
        const auto code =
            errorCode(c, "joinMeeting", json::object{{"joinToken", token("111222333", "Flood")}});
        limited += code == "rate_limited" ? 1 : 0;
        if (code != "rate_limited") {
            ok(c, "leave");
        }
    }
    EXPECT_EQ(limited, 80);
    Client other = client("10.0.0.2");
    EXPECT_EQ(joinMeeting(other, token("111222333", "Olga")).at("status").as_string(), "joined");
    clock_.advance(std::chrono::seconds{1});
    Client later = client("10.0.0.66");
    joinMeeting(later, token("111222333", "Flood"));
    EXPECT_EQ(host.channel->notifications("participantJoined").size(), 22u);
}

}  // namespace
}  // namespace vp::rooms::test
