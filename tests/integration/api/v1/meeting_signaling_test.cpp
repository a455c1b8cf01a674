// The meeting runtime end to end over real sockets and a real database, on SQLite
// and PostgreSQL: POST /join hands out tokens, the WebSocket at /ws runs the
// meeting (waiting room, admit, chat, lock, end), attendance rows are written
// through the DbPool, and a join flood from one address is answered rate_limited
// while the meeting goes on.
#include <chrono>
#include <thread>

#include "api/signaling_endpoint.hpp"
#include "meetings_fixture.hpp"
#include "rooms/room_service.hpp"
#include "services/meetings/live_meeting_store.hpp"
#include "sfu/media_server/media_server.hpp"

namespace vp::api::v1::testing {
namespace {

namespace json = boost::json;
using api::testing::RawClient;

class MeetingSignalingTest : public MeetingsApiTest {
  protected:
    void SetUp() override {
        MeetingsApiTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        sfu::media_server::MediaServerOptions options;
        options.basePort = 0;
        options.workers = 1;
        auto media = sfu::media_server::MediaServer::start(options, clock_);
        ASSERT_TRUE(media) << media.error().message;
        media_ = std::move(*media);
        rooms_ = std::make_unique<rooms::RoomService>(*media_, common::SecureRandom::instance());
        store_ = std::make_unique<services::meetings::PooledLiveMeetingStore>(*pool_, *meetings_,
                                                                              clock_);
        rooms_->enableMeetings({*tokens_, *store_, clock_, rooms::MeetingLimits{}});
        auto table = std::make_shared<signaling::MethodTable>();
        ASSERT_TRUE(rooms_->registerMethods(*table));
        router_.addWebSocket("/ws", std::make_shared<SignalingEndpoint>(
                                        std::move(table), signaling::DispatcherLimits{},
                                        [this](std::uint64_t id) { rooms_->onChannelClosed(id); }));
    }

    void TearDown() override {
        if (media_) {
            media_->stop();
        }
        MeetingsApiTest::TearDown();
    }

    // A signalling socket; request ids count up per socket.
    struct Socket {
        std::unique_ptr<RawClient> client;
        std::int64_t nextId = 1;
        std::vector<json::object> notifications;
    };
    Socket open() {
        Socket s;
        s.client = std::make_unique<RawClient>(port_);
        EXPECT_TRUE(s.client->upgrade("/ws"));
        return s;
    }
    // The next text message (the server may fragment long ones); none once closed.
    static std::optional<json::object> readMessage(Socket& s) {
        auto frame = s.client->readFrame();
        if (!frame || frame->opcode != 0x1) {
            return std::nullopt;
        }
        std::string text = frame->payload;
        for (;;) {
            boost::system::error_code ec;
            auto value = json::parse(text, ec);
            if (!ec && value.is_object()) {
                return value.as_object();
            }
            auto more = s.client->readFrame();
            if (!more || more->opcode != 0x0) {
                return std::nullopt;
            }
            text += more->payload;
        }
    }
    // Sends a request and reads frames until its reply; notifications are kept.
    json::object request(Socket& s, const std::string& method, json::object data = {}) {
        const std::int64_t id = s.nextId++;
        EXPECT_TRUE(s.client->sendText(
            json::serialize(json::object{{"id", id}, {"method", method}, {"data", data}})));
        while (auto next = readMessage(s)) {
            auto message = std::move(*next);
            if (message.contains("id") && message.at("id").is_int64() &&
                message.at("id").as_int64() == id) {
                return message;
            }
            s.notifications.push_back(std::move(message));
        }
        ADD_FAILURE() << "no reply to " << method;
        return {};
    }
    std::string code(const json::object& reply) {
        return reply.contains("error") ? std::string(reply.at("error").at("code").as_string()) : "";
    }
    // Reads frames until a notification named `method` (kept ones first).
    json::object await(Socket& s, const std::string& method) {
        for (auto& n : s.notifications) {
            if (n.at("method").as_string() == method) {
                auto found = n;
                n["method"] = "";  // consumed
                return found.at("data").as_object();
            }
        }
        while (auto next = readMessage(s)) {
            auto message = std::move(*next);
            if (message.contains("method") && message.at("method").as_string() == method) {
                return message.at("data").as_object();
            }
            s.notifications.push_back(std::move(message));
        }
        ADD_FAILURE() << "no " << method;
        return {};
    }
    std::string joinToken(const std::string& meetingId, const std::string& body, const Call& how) {
        auto reply = post("/api/v1/meetings/" + meetingId + "/join", body, how);
        EXPECT_EQ(reply.status, 200) << reply.body;
        return str(parse(reply), "joinToken");
    }
    // The pool has written everything the runtime asked for.
    void settle() {
        for (int i = 0; i < 200 && store_->lanes() > 0; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        pool_->waitIdle();
    }

    std::unique_ptr<sfu::media_server::MediaServer> media_;
    std::unique_ptr<rooms::RoomService> rooms_;
    std::unique_ptr<services::meetings::PooledLiveMeetingStore> store_;
};

TEST_P(MeetingSignalingTest, HostAdmitsAGuestTheyChatAndTheAttendanceIsRecorded) {
    const User alice = signUp("host@example.com");
    const std::string id =
        str(create(alice, R"({"subject":"Standup","waitingRoom":true})"), "meetingId");
    Socket host = open();
    auto joined = request(host, "joinMeeting", {{"joinToken", joinToken(id, "{}", alice.call())}});
    ASSERT_TRUE(joined.at("ok").as_bool()) << json::serialize(joined);
    EXPECT_EQ(joined.at("data").at("role").as_string(), "host");
    EXPECT_EQ(joined.at("data").at("meeting").at("subject").as_string(), "Standup");

    Socket guest = open();
    auto waiting = request(guest, "joinMeeting",
                           {{"joinToken", joinToken(id, R"({"guestName":"Gus"})", Call())}});
    ASSERT_EQ(waiting.at("data").at("status").as_string(), "waiting") << json::serialize(waiting);
    const auto update = await(host, "waitingRoomUpdated");
    ASSERT_EQ(update.at("waiting").as_array().size(), 1u);
    EXPECT_EQ(code(request(guest, "sendChat", {{"text", "hello?"}})), "not_admitted");
    EXPECT_EQ(code(request(guest, "setLocked", {{"locked", true}})), "not_admitted");

    clock_.advance(std::chrono::minutes{1});
    auto admitted =
        request(host, "admit", {{"participantId", waiting.at("data").at("participantId")}});
    ASSERT_TRUE(admitted.at("ok").as_bool()) << json::serialize(admitted);
    EXPECT_EQ(await(guest, "admitted").at("participants").at(0).at("displayName").as_string(),
              "Test User");
    EXPECT_EQ(code(request(guest, "muteAll")), "not_host");
    EXPECT_EQ(code(request(guest, "noSuchMethod")), "unknown_method");
    EXPECT_EQ(code(request(guest, "sendChat", {{"text", std::string(2001, 'x')}})),
              "chat_too_long");
    ASSERT_TRUE(request(guest, "sendChat", {{"text", "hi all"}}).at("ok").as_bool());
    EXPECT_EQ(await(host, "chatMessage").at("text").as_string(), "hi all");

    ASSERT_TRUE(request(host, "setLocked", {{"locked", true}}).at("ok").as_bool());
    settle();
    EXPECT_EQ(errorCode(post("/api/v1/meetings/" + id + "/join", R"({"guestName":"Late"})")),
              "meeting_locked");

    clock_.advance(std::chrono::minutes{2});
    ASSERT_TRUE(request(guest, "leave").at("ok").as_bool());
    EXPECT_EQ(await(host, "participantLeft").at("reason").as_string(), "left");
    clock_.advance(std::chrono::minutes{3});
    const std::string early = joinToken(id, "{}", alice.call());
    ASSERT_TRUE(request(host, "endMeeting").at("ok").as_bool());
    EXPECT_TRUE(host.client->readFrame());  // meetingEnded, then the close
    settle();

    auto report = parse(call("GET", "/api/v1/meetings/" + id + "/attendance", {}, alice.call()));
    EXPECT_EQ(str(report.at("meeting").as_object(), "status"), "ended");
    ASSERT_EQ(report.at("sessions").as_array().size(), 1u);
    const auto& rows = report.at("attendance").as_array();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(str(rows[0].as_object(), "name"), "Test User");
    EXPECT_EQ(str(rows[0].as_object(), "joinedAt"), "2027-01-15T08:00:00Z");
    EXPECT_EQ(str(rows[0].as_object(), "exitedAt"), "2027-01-15T08:06:00Z");
    EXPECT_EQ(str(rows[1].as_object(), "name"), "Gus");
    EXPECT_EQ(str(rows[1].as_object(), "joinedAt"), "2027-01-15T08:01:00Z");
    EXPECT_EQ(str(rows[1].as_object(), "exitedAt"), "2027-01-15T08:03:00Z");
    // A token handed out before the end no longer opens the meeting.
    Socket late = open();
    EXPECT_EQ(code(request(late, "joinMeeting", {{"joinToken", early}})), "meeting_ended");
}

TEST_P(MeetingSignalingTest, AJoinFloodFromOneAddressIsRateLimitedWhileTheMeetingGoesOn) {
    const User alice = signUp("flood@example.com");
    const std::string id = str(create(alice, R"({"subject":"Flood"})"), "meetingId");
    Socket host = open();
    ASSERT_TRUE(request(host, "joinMeeting", {{"joinToken", joinToken(id, "{}", alice.call())}})
                    .at("ok")
                    .as_bool());
    const std::string guestToken = joinToken(id, R"({"guestName":"Gus"})", Call());
    int limited = 0;
    for (int i = 0; i < 100; ++i) {  // the fake clock stands still: one second
        Socket attempt = open();
        const auto reply = request(attempt, "joinMeeting", {{"joinToken", guestToken}});
        limited += code(reply) == "rate_limited" ? 1 : 0;
    }
    EXPECT_EQ(limited, 81);  // 20 a second from one address, the host's join included
    EXPECT_TRUE(request(host, "sendChat", {{"text", "still here"}}).at("ok").as_bool());
    EXPECT_TRUE(request(host, "raiseHand", {{"raised", true}}).at("ok").as_bool());
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(MeetingSignalingTest);

}  // namespace
}  // namespace vp::api::v1::testing
