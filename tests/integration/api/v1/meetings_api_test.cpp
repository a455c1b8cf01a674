// The meetings API over real HTTP and a real database, on SQLite and PostgreSQL:
// create/list/edit/cancel, creator-only permissions, joining with and without a
// passcode, guests, rate limits, join tokens, and the attendance report (JSON, CSV).
#include "meetings_fixture.hpp"

namespace vp::api::v1::testing {
namespace {

using namespace std::chrono_literals;

TEST_P(MeetingsApiTest, CreatesListsEditsAndCancelsMeetings) {
    const User alice = signUp("alice@example.com");
    auto instant = create(alice, R"({"subject":"Quick chat","durationMinutes":5})");
    const std::string id = str(instant, "meetingId");
    EXPECT_TRUE(id.size() >= 9 && id.size() <= 11 && id.front() != '0') << id;
    EXPECT_EQ(str(instant, "joinPath"), "/j/" + id);
    EXPECT_EQ(str(instant, "kind"), "instant");
    EXPECT_EQ(str(instant, "hostName"), "Test User");
    EXPECT_FALSE(instant.at("passcodeRequired").as_bool());

    auto scheduled = create(alice, R"({"subject":"Planning","startsAt":"2027-01-16T09:00:00Z",)"
                                   R"("durationMinutes":45,"passcode":"4821","waitingRoom":true,)"
                                   R"("guestsAllowed":false})");
    const std::string planned = str(scheduled, "meetingId");
    EXPECT_NE(planned, id);
    EXPECT_EQ(str(scheduled, "startsAt"), "2027-01-16T09:00:00Z");
    EXPECT_EQ(str(scheduled, "endsAt"), "2027-01-16T09:45:00Z");
    EXPECT_TRUE(scheduled.at("passcodeRequired").as_bool());
    EXPECT_EQ(scheduled.find("passcode"), scheduled.end());
    EXPECT_EQ(boost::json::serialize(scheduled).find("4821"), std::string::npos);

    auto upcoming = getOk(alice, "/api/v1/meetings?scope=upcoming");
    ASSERT_EQ(upcoming.at("meetings").as_array().size(), 2u);
    EXPECT_EQ(str(upcoming.at("meetings").as_array()[0].as_object(), "meetingId"), id);

    // Edit: subject and time; then the instant one is past after its 5 minutes.
    auto edited = call("PATCH", "/api/v1/meetings/" + planned,
                       R"({"subject":"Planning Q3","startsAt":"2027-01-16T10:00:00+01:00",)"
                       R"("passcode":null})",
                       alice.call());
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(str(parse(edited), "subject"), "Planning Q3");
    EXPECT_EQ(str(parse(edited), "startsAt"), "2027-01-16T09:00:00Z");
    EXPECT_FALSE(parse(edited).at("passcodeRequired").as_bool());
    clock_.advance(6min);
    auto past = getOk(alice, "/api/v1/meetings?scope=past");
    ASSERT_EQ(past.at("meetings").as_array().size(), 1u);
    EXPECT_EQ(str(past.at("meetings").as_array()[0].as_object(), "meetingId"), id);

    // Cancel moves it to past; edits are then refused; joining says cancelled.
    auto gone = call("DELETE", "/api/v1/meetings/" + planned, {}, alice.call());
    EXPECT_EQ(gone.status, 204) << gone.body;
    EXPECT_EQ(
        call("PATCH", "/api/v1/meetings/" + planned, R"({"subject":"x"})", alice.call()).status,
        410);
    auto join = call("POST", "/api/v1/meetings/" + planned + "/join", "{}", alice.call());
    EXPECT_EQ(join.status, 410);
    EXPECT_EQ(errorCode(join), "meeting_cancelled");
    upcoming = getOk(alice, "/api/v1/meetings");
    EXPECT_TRUE(upcoming.at("meetings").as_array().empty());
}

TEST_P(MeetingsApiTest, RefusesBadInputWithClearErrors) {
    const User alice = signUp("amy@example.com");
    auto bad = [&](std::string_view body, std::string_view code) {
        auto reply = call("POST", "/api/v1/meetings", body, alice.call());
        EXPECT_EQ(reply.status, 400) << body << " " << reply.body;
        EXPECT_EQ(errorCode(reply), code) << body;
    };
    bad(R"({"subject":""})", "invalid_subject");
    bad(R"({"subject":"x","durationMinutes":2})", "invalid_duration");
    bad(R"({"subject":"x","startsAt":"yesterday"})", "invalid_start");
    bad(R"({"subject":"x","startsAt":"2020-01-01T00:00:00Z"})", "invalid_start");
    bad(R"({"subject":"x","kind":"scheduled"})", "invalid_start");
    bad(R"({"subject":"x","passcode":"12"})", "invalid_passcode");
    bad(R"({"subject":"x","kind":"weekly"})", "bad_request");
    bad("not json", "bad_request");
    EXPECT_EQ(call("GET", "/api/v1/meetings?scope=all", {}, alice.call()).status, 400);
    EXPECT_EQ(errorCode(call("GET", "/api/v1/meetings/0123456789")), "meeting_not_found");
    EXPECT_EQ(call("GET", "/api/v1/meetings/../../etc").status, 404);
}

TEST_P(MeetingsApiTest, OnlyTheCreatorMayEditCancelOrReadAttendance) {
    const User alice = signUp("ann@example.com");
    const User bob = signUp("bob@example.com");
    const std::string id = str(create(alice, R"({"subject":"Alice's"})"), "meetingId");
    // Anyone may read the details; only Alice is told she created it.
    auto seen = call("GET", "/api/v1/meetings/" + id, {}, bob.call());
    ASSERT_EQ(seen.status, 200) << seen.body;
    EXPECT_FALSE(parse(seen).at("isCreator").as_bool());
    EXPECT_TRUE(
        parse(call("GET", "/api/v1/meetings/" + id, {}, alice.call())).at("isCreator").as_bool());
    for (auto [method, path, body] :
         {std::tuple{"PATCH", "/api/v1/meetings/" + id, std::string(R"({"subject":"mine"})")},
          std::tuple{"DELETE", "/api/v1/meetings/" + id, std::string()},
          std::tuple{"GET", "/api/v1/meetings/" + id + "/attendance", std::string()},
          std::tuple{"GET", "/api/v1/meetings/" + id + "/attendance.csv", std::string()}}) {
        auto reply = call(method, path, body, bob.call());
        EXPECT_EQ(reply.status, 403) << method << " " << path << " " << reply.body;
        EXPECT_EQ(errorCode(reply), "not_meeting_creator");
        EXPECT_EQ(call(method, path, body, Call()).status, 401) << method << " " << path;
    }
    // CSRF: without the token, or from another origin, state changes are refused.
    EXPECT_EQ(errorCode(call("DELETE", "/api/v1/meetings/" + id, {}, Call(alice.cookie))),
              "csrf_failed");
    EXPECT_EQ(errorCode(call("POST", "/api/v1/meetings", R"({"subject":"x"})",
                             Call(alice.cookie, alice.csrf, std::string("https://evil.example")))),
              "csrf_failed");
    EXPECT_EQ(str(parse(call("GET", "/api/v1/meetings/" + id)), "subject"), "Alice's");
}

TEST_P(MeetingsApiTest, JoinsWithPasscodeAndRateLimitsWrongOnes) {
    const User alice = signUp("ada@example.com");
    const User bob = signUp("ben@example.com");
    const std::string open = str(create(alice, R"({"subject":"Open"})"), "meetingId");
    const std::string closed =
        str(create(alice, R"({"subject":"Closed","passcode":"s3cret!","waitingRoom":true})"),
            "meetingId");

    auto plain = call("POST", "/api/v1/meetings/" + open + "/join", "{}", bob.call());
    ASSERT_EQ(plain.status, 200) << plain.body;
    auto grant = parse(plain);
    EXPECT_FALSE(grant.at("host").as_bool());
    auto claims = tokens_->verify(str(grant, "joinToken"), clock_.now());
    ASSERT_TRUE(claims) << claims.error().message;
    EXPECT_EQ(claims->meetingId, open);
    EXPECT_TRUE(claims->userId.has_value());
    EXPECT_EQ(claims->name, "Test User");
    clock_.advance(121s);
    EXPECT_EQ(tokens_->verify(str(grant, "joinToken"), clock_.now()).error().code,
              "join_token_expired");

    const std::string joinPath = "/api/v1/meetings/" + closed + "/join";
    EXPECT_EQ(errorCode(call("POST", joinPath, "{}", bob.call())), "passcode_required");
    auto wrong = call("POST", joinPath, R"({"passcode":"guess"})", bob.call());
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(errorCode(wrong), "wrong_passcode");
    auto right = call("POST", joinPath, R"({"passcode":"s3cret!"})", bob.call());
    ASSERT_EQ(right.status, 200) << right.body;
    EXPECT_TRUE(parse(right).at("waitingRoom").as_bool());
    // The creator needs no passcode and skips the waiting room.
    auto host = call("POST", joinPath, "{}", alice.call());
    ASSERT_EQ(host.status, 200) << host.body;
    EXPECT_TRUE(parse(host).at("host").as_bool());
    EXPECT_FALSE(parse(host).at("waitingRoom").as_bool());

    // Five failures from one IP (the test's limit): then even the right one waits.
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(call("POST", joinPath, R"({"passcode":"guess)" + std::to_string(i) + R"("})",
                       bob.call())
                      .status,
                  403);
    }
    auto limited = call("POST", joinPath, R"({"passcode":"s3cret!"})", bob.call());
    EXPECT_EQ(limited.status, 429) << limited.body;
    EXPECT_EQ(errorCode(limited), "rate_limited");
    clock_.advance(16min);
    EXPECT_EQ(call("POST", joinPath, R"({"passcode":"s3cret!"})", bob.call()).status, 200);
}

TEST_P(MeetingsApiTest, GuestsJoinByNameOnlyWhereAllowed) {
    const User alice = signUp("aya@example.com");
    const std::string open = str(create(alice, R"({"subject":"Open"})"), "meetingId");
    const std::string members =
        str(create(alice, R"({"subject":"Members","guestsAllowed":false})"), "meetingId");
    auto guest = post("/api/v1/meetings/" + open + "/join", R"({"guestName":"  Gus  "})");
    ASSERT_EQ(guest.status, 200) << guest.body;
    EXPECT_TRUE(parse(guest).at("guest").as_bool());
    auto claims = tokens_->verify(str(parse(guest), "joinToken"), clock_.now());
    ASSERT_TRUE(claims);
    EXPECT_FALSE(claims->userId);
    EXPECT_EQ(claims->name, "Gus");
    EXPECT_EQ(errorCode(post("/api/v1/meetings/" + open + "/join", "{}")), "invalid_guest_name");
    auto refused = post("/api/v1/meetings/" + members + "/join", R"({"guestName":"Gus"})");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(errorCode(refused), "guests_not_allowed");
    auto unknown = post("/api/v1/meetings/9999999999/join", R"({"guestName":"Gus"})");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(errorCode(unknown), "meeting_not_found");
    EXPECT_EQ(errorCode(post("/api/v1/meetings/" + open + "/join", R"({"guestName":"G"})",
                             Call::from(std::string("https://evil.example")))),
              "csrf_failed");
    // Locked: nobody new gets in, the host still does.
    {
        auto c = connect();
        ASSERT_TRUE(meetings_->setLocked(*c, open, true));
    }
    EXPECT_EQ(errorCode(post("/api/v1/meetings/" + open + "/join", R"({"guestName":"Gus"})")),
              "meeting_locked");
    EXPECT_EQ(call("POST", "/api/v1/meetings/" + open + "/join", "{}", alice.call()).status, 200);
}

TEST_P(MeetingsApiTest, AttendanceRecordForTheCreatorAsJsonAndCsv) {
    const User alice = signUp("abe@example.com");
    const std::string id = str(create(alice, R"({"subject":"=Review, \"Q3\""})"), "meetingId");
    auto c = connect();
    const auto me = parse(call("GET", "/api/v1/me", {}, alice.call()));
    const std::int64_t aliceId = me.at("user").at("id").as_int64();
    auto aliceStay = meetings_->recordJoin(*c, id, {aliceId, "Alice"});
    ASSERT_TRUE(aliceStay) << aliceStay.error().message;
    clock_.advance(5min);
    auto guestStay = meetings_->recordJoin(*c, id, {std::nullopt, "@guest"});
    ASSERT_TRUE(guestStay);
    clock_.advance(10min);
    ASSERT_TRUE(meetings_->recordExit(*c, *guestStay));
    EXPECT_EQ(meetings_->recordExit(*c, *guestStay).error().code, "attendance_not_found");
    clock_.advance(1min);
    auto again = meetings_->recordJoin(*c, id, {std::nullopt, "@guest"});  // rejoins
    ASSERT_TRUE(again);
    clock_.advance(4min);
    ASSERT_TRUE(meetings_->meetingEnded(*c, id));

    auto json = call("GET", "/api/v1/meetings/" + id + "/attendance", {}, alice.call());
    ASSERT_EQ(json.status, 200) << json.body;
    auto report = parse(json);
    EXPECT_EQ(str(report.at("meeting").as_object(), "status"), "ended");
    ASSERT_EQ(report.at("sessions").as_array().size(), 1u);
    const auto& session = report.at("sessions").as_array()[0].as_object();
    EXPECT_EQ(str(session, "startedAt"), "2027-01-15T08:00:00Z");
    EXPECT_EQ(str(session, "endedAt"), "2027-01-15T08:20:00Z");
    const auto& rows = report.at("attendance").as_array();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(str(rows[0].as_object(), "name"), "Alice");
    EXPECT_EQ(str(rows[0].as_object(), "exitedAt"), "2027-01-15T08:20:00Z");
    EXPECT_TRUE(rows[1].at("guest").as_bool());
    EXPECT_EQ(str(rows[1].as_object(), "joinedAt"), "2027-01-15T08:05:00Z");
    EXPECT_EQ(str(rows[1].as_object(), "exitedAt"), "2027-01-15T08:15:00Z");
    EXPECT_EQ(str(rows[2].as_object(), "joinedAt"), "2027-01-15T08:16:00Z");

    auto csv = call("GET", "/api/v1/meetings/" + id + "/attendance.csv", {}, alice.call());
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_NE(csv.header("content-disposition").find("attendance-" + id + ".csv"),
              std::string::npos);
    const std::string subject = "\"'=Review, \"\"Q3\"\"\"";
    EXPECT_EQ(csv.body,
              "meeting_id,subject,name,attendee_type,joined_at,exited_at,minutes\r\n" + id + "," +
                  subject + ",Alice,user,2027-01-15T08:00:00Z,2027-01-15T08:20:00Z,20\r\n" + id +
                  "," + subject +
                  ",'@guest,guest,2027-01-15T08:05:00Z,2027-01-15T08:15:00Z,10\r\n" + id + "," +
                  subject + ",'@guest,guest,2027-01-15T08:16:00Z,2027-01-15T08:20:00Z,4\r\n");
    // Ended: no more joining.
    EXPECT_EQ(errorCode(call("POST", "/api/v1/meetings/" + id + "/join", "{}", alice.call())),
              "meeting_ended");
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(MeetingsApiTest);

}  // namespace
}  // namespace vp::api::v1::testing
