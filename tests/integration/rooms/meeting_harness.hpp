#pragma once
// A RoomService with meetings over a real MediaServer (loopback, port 0), the
// real dispatcher and join-token signer, a FakeClock, recording channels in place
// of WebSockets and a recording LiveMeetingStore in place of the database.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <chrono>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "rooms/room_service.hpp"
#include "signaling_calls.hpp"

namespace vp::rooms::test {

namespace json = boost::json;
namespace media = sfu::media_server;
namespace meetings = services::meetings;

// Records what the runtime asks the database to do; answers open() at once.
class RecordingStore final : public meetings::LiveMeetingStore {
  public:
    void open(const std::string& meetingId, Opened done) override {
        common::Result<meetings::LiveMeetingFacts> facts =
            meetings::LiveMeetingFacts{"Subject " + meetingId, lockedAtOpen};
        if (!openError.empty()) {
            facts = common::makeError(openError, "refused by the test store");
        }
        add("open " + meetingId);
        done(std::move(facts));
    }
    void stayStarted(const std::string& meetingId, const std::string& stayKey,
                     const domain::meetings::Attendee& attendee) override {
        add("join " + meetingId + " " + attendee.name + " " + stayKey);
    }
    void stayEnded(const std::string& meetingId, const std::string& stayKey) override {
        add("exit " + meetingId + " " + stayKey);
    }
    void setLocked(const std::string& meetingId, bool locked) override {
        add("lock " + meetingId + (locked ? " on" : " off"));
    }
    void closed(const std::string& meetingId, bool endedByHost) override {
        add("close " + meetingId + (endedByHost ? " ended" : " empty"));
    }

    std::vector<std::string> calls() const {
        std::lock_guard lock(mutex_);
        return calls_;
    }
    std::size_t count(const std::string& prefix) const {
        std::size_t n = 0;
        for (const auto& call : calls()) {
            if (call.rfind(prefix, 0) == 0) {
                ++n;
            }
        }
        return n;
    }

    bool lockedAtOpen = false;
    std::string openError;

  private:
    void add(std::string call) {
        std::lock_guard lock(mutex_);
        calls_.push_back(std::move(call));
    }
    mutable std::mutex mutex_;
    std::vector<std::string> calls_;
};

class MeetingHarness : public SignalingCalls {
  protected:
    void SetUp() override {
        media::MediaServerOptions options;
        options.basePort = 0;
        options.workers = 1;
        auto started = media::MediaServer::start(options, common::SystemClock::instance());
        ASSERT_TRUE(started.ok()) << started.error().message;
        media_ = std::move(*started);
        std::array<std::uint8_t, 32> key{};
        key.fill(7);
        auto signer = meetings::JoinTokenSigner::fromMasterKey(key);
        ASSERT_TRUE(signer.ok());
        signer_.emplace(std::move(*signer));
        RoomLimits limits;
        limits.maxPeersPerRoom = 4;
        limits.maxRooms = 4;
        limits.loudestAudio = loudestAudio_;
        service_ = std::make_unique<RoomService>(*media_, common::SecureRandom::instance(), limits);
        MeetingLimits meetingLimits;
        meetingLimits.maxWaiting = 2;
        meetingLimits.joinsPerIpPerSecond = 20;
        service_->enableMeetings({*signer_, store_, clock_, meetingLimits});
        auto table = std::make_shared<signaling::MethodTable>();
        ASSERT_TRUE(service_->registerMethods(*table).ok());
        dispatcher_ = std::make_unique<signaling::Dispatcher>(table);
    }

    void TearDown() override {
        if (media_) {
            media_->stop();
        }
    }

    Client client(std::string address = "127.0.0.1") {
        return Client{makeChannel(nextChannel_++, std::move(address)), {}, 1};
    }

    std::string token(const std::string& meetingId, const std::string& name, bool host = false,
                      bool waiting = false, std::optional<std::int64_t> userId = std::nullopt) {
        meetings::JoinClaims claims;
        claims.meetingId = meetingId;
        claims.userId = userId;
        claims.name = name;
        claims.host = host;
        claims.waiting = waiting;
        claims.expiresAt = clock_.now() + std::chrono::minutes{2};
        return signer_->sign(claims);
    }

    json::object joinMeeting(Client& c, const std::string& joinToken) {
        json::object data;
        data["joinToken"] = joinToken;
        return ok(c, "joinMeeting", data);
    }

    static json::object withParticipant(const json::value& participantId) {
        json::object data;
        data["participantId"] = participantId;
        return data;
    }

    std::string consume(Client& c, const std::string& producerId) {
        json::object transport;
        transport["direction"] = "recv";
        ok(c, "createWebRtcTransport", transport);
        json::object data;
        data["producerId"] = producerId;
        data["rtpCapabilities"] = json::parse(fixture("chrome_device_capabilities.json"));
        return std::string(ok(c, "consume", data).at("id").as_string());
    }

    // Sums the media server's live objects once they settle (closes are posted):
    // waits (up to 2 s) for no transport, producer or consumer, and no router when
    // the service has no room.
    media::WorkerStats mediaTotals() {
        media::WorkerStats total;
        for (int attempt = 0; attempt < 200; ++attempt) {
            std::promise<media::MediaServerStats> promise;
            media_->stats([&](common::Result<media::MediaServerStats> stats) {
                promise.set_value(stats ? *stats : media::MediaServerStats{});
            });
            const auto stats = promise.get_future().get();
            total = {};
            for (const auto& w : stats.workers) {
                total.routers += w.routers;
                total.transports += w.transports;
                total.producers += w.producers;
                total.consumers += w.consumers;
            }
            const bool routersSettled = service_->roomCount() > 0 || total.routers == 0;
            if (total.transports + total.producers + total.consumers == 0 && routersSettled) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return total;
    }

    // Waits until `channel` received a notification named `method`.
    static bool awaitNotification(const RecordingChannel& channel, const std::string& method,
                                  std::size_t count = 1) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (std::chrono::steady_clock::now() < deadline) {
            if (channel.notifications(method).size() >= count) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    std::size_t loudestAudio_ = 0;  // rooms.loudest_audio; set before SetUp
    common::FakeClock clock_;
    RecordingStore store_;
    std::optional<meetings::JoinTokenSigner> signer_;
    std::unique_ptr<media::MediaServer> media_;
    std::unique_ptr<RoomService> service_;
    std::uint64_t nextChannel_ = 1;
};

}  // namespace vp::rooms::test
