#include "tools/loadtest/meeting_target.hpp"

#include <boost/json/serialize.hpp>

#include <string>
#include <thread>

#include "tools/loadtest/http_post.hpp"
#include "tools/loadtest/json_path.hpp"
#include "tools/loadtest/signaling_client.hpp"
#include "tools/loadtest/videopro_parameters.hpp"

namespace vp::tools::loadtest {

namespace json = boost::json;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kRateLimitRetries = 50;
constexpr auto kRateLimitPause = std::chrono::milliseconds(100);

std::uint64_t microsSince(Clock::time_point start) {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
}

struct Member {
    std::unique_ptr<SignalingClient> signaling;
    json::value capabilities;  // the router's, used as ours
    std::vector<std::string> producers;
    MediaLoop* recvLoop = nullptr;
    std::size_t recvEndpoint = 0;
};

class MeetingSession final : public TargetSession {
  public:
    std::size_t consumers() const override { return consumers_; }
    SignalingHub hub;  // first: destroyed after the members
    std::vector<Member> members;
    std::size_t consumers_ = 0;
};

class MeetingSetUp {
  public:
    MeetingSetUp(RunContext& context, MeetingSession& session, MeetingJoins& joins, Url ws)
        : context_(context), session_(session), joins_(joins), ws_(std::move(ws)) {}

    common::Status run() {
        for (std::size_t i = 0; i < context_.options.participants; ++i) {
            if (auto s = join(i); !s) {
                return common::makeError(
                    s.error().code, "participant " + std::to_string(i) + ": " + s.error().message);
            }
        }
        // Producers that arrived after a participant joined (he would learn of them
        // by newProducer): consumed now, every earlier participant at once.
        for (std::size_t k = 1; k < session_.members.size(); ++k) {
            for (const auto& producerId : session_.members[k].producers) {
                for (std::size_t j = 0; j < k; ++j) {
                    if (auto s = consume(session_.members[j], producerId); !s) {
                        return s;
                    }
                }
            }
        }
        return {};
    }

  private:
    // A request that retries while the server answers rate_limited (bounded).
    Reply call(Member& member, const std::string& method, const json::object& data) {
        for (int attempt = 0;; ++attempt) {
            auto future = member.signaling->request(method, data);
            auto reply = awaitReply(future, context_.options.setupTimeout);
            if (reply || attempt >= kRateLimitRetries ||
                reply.error().message.find("rate_limited") == std::string::npos) {
                if (!reply) {
                    return common::makeError(reply.error().code,
                                             method + " failed: " + reply.error().message);
                }
                return reply;
            }
            std::this_thread::sleep_for(kRateLimitPause);
        }
    }

    common::Result<std::string> joinToken(std::size_t index) {
        json::object body{{"guestName", context_.options.guestPrefix + std::to_string(index)}};
        if (!context_.options.passcode.empty()) {
            body["passcode"] = context_.options.passcode;
        }
        auto reply = postJson(ws_, "/api/v1/meetings/" + context_.options.meeting + "/join",
                              json::serialize(body), context_.options.setupTimeout);
        if (!reply) {
            return reply.error();
        }
        const std::string token = stringAt(reply->body, {"joinToken"});
        if (reply->status != 200 || token.empty()) {
            return common::makeError("loadtest.join_refused",
                                     "POST join answered " + std::to_string(reply->status) + " " +
                                         json::serialize(reply->body).substr(0, 200));
        }
        return token;
    }

    common::Status join(std::size_t index) {
        const auto start = Clock::now();
        auto token = joinToken(index);
        if (!token) {
            return token.error();
        }
        auto signaling = SignalingClient::connect(session_.hub, ws_);
        if (!signaling) {
            return signaling.error();
        }
        Member member;
        member.signaling = std::move(*signaling);
        auto joined = call(member, "joinMeeting", json::object{{"joinToken", *token}});
        if (!joined) {
            return joined.error();
        }
        joins_.toReply.record(microsSince(start));
        if (stringAt(*joined, {"status"}) == "waiting") {
            ++joins_.waiting;  // nobody admits him: he holds his socket, no media
            session_.members.push_back(std::move(member));
            return {};
        }
        const json::value* capabilities = path(*joined, {"routerRtpCapabilities"});
        const json::value* producers = path(*joined, {"producers"});
        if (capabilities == nullptr || producers == nullptr || !producers->is_array()) {
            return common::makeError("loadtest.unexpected_reply",
                                     "joinMeeting did not return routerRtpCapabilities and "
                                     "producers");
        }
        member.capabilities = *capabilities;
        if (auto s = publish(member); !s) {
            return s;
        }
        if (auto s = openReceiver(member); !s) {
            return s;
        }
        for (const auto& producer : producers->as_array()) {
            if (auto s = consume(member, stringAt(producer, {"producerId"})); !s) {
                return s;
            }
        }
        if (auto s = awaitConnected(context_.loops, context_.options.setupTimeout); !s) {
            return s;
        }
        joins_.toMedia.record(microsSince(start));
        session_.members.push_back(std::move(member));
        return {};
    }

    // Creates and connects one transport; the started client, or an error.
    common::Result<std::unique_ptr<sfu::client::WebRtcClient>> openTransport(
        Member& member, const char* direction, std::string& transportId) {
        auto info = call(member, "createWebRtcTransport", json::object{{"direction", direction}});
        if (!info) {
            return info.error();
        }
        auto remote = remoteTransportOf(*info);
        if (!remote) {
            return remote.error();
        }
        transportId = stringAt(*info, {"id"});
        auto client = sfu::client::WebRtcClient::create(
            context_.dtls, context_.clock, context_.secureRandom,
            clientOptions(context_.options, std::string(direction) == "send"));
        if (!client) {
            return client.error();
        }
        auto connected = call(
            member, "connectWebRtcTransport",
            json::object{{"transportId", transportId},
                         {"dtlsParameters", clientDtlsParameters((*client)->fingerprintAlgorithm(),
                                                                 (*client)->fingerprintValue())}});
        if (!connected) {
            return connected.error();
        }
        if (auto started = (*client)->connect(std::move(*remote)); !started) {
            return started.error();
        }
        return std::move(*client);
    }

    common::Status publish(Member& member) {
        std::string transportId;
        auto client = openTransport(member, "send", transportId);
        if (!client) {
            return client.error();
        }
        auto sources = publisherSources(context_.options, context_.secureRandom, kMidExtensionId,
                                        kRidExtensionId);
        for (const auto& source : sources) {
            if (!source.rid.empty() && source.rid != "r0") {
                continue;  // one produce call carries every simulcast encoding
            }
            auto produced = call(member, "produce", produceRequest(transportId, source, sources));
            if (!produced) {
                return produced.error();
            }
            member.producers.push_back(stringAt(*produced, {"id"}));
            labels_[member.producers.back()] = source.video ? "meeting/video" : "meeting/audio";
        }
        context_.pickLoop().add(std::move(*client), std::move(sources));
        return {};
    }

    common::Status openReceiver(Member& member) {
        std::string transportId;
        auto client = openTransport(member, "recv", transportId);
        if (!client) {
            return client.error();
        }
        member.recvLoop = &context_.pickLoop();
        member.recvEndpoint = member.recvLoop->add(std::move(*client), {});
        return {};
    }

    common::Status consume(Member& member, const std::string& producerId) {
        auto consumed = call(
            member, "consume",
            json::object{{"producerId", producerId}, {"rtpCapabilities", member.capabilities}});
        if (!consumed) {
            return consumed.error();
        }
        auto spec = receiveSpecOf(*consumed, labels_[producerId]);
        if (!spec) {
            return spec.error();
        }
        member.recvLoop->addReceiveStreams(member.recvEndpoint, {*spec});
        auto resumed = call(member, "resumeConsumer",
                            json::object{{"consumerId", stringAt(*consumed, {"id"})}});
        if (!resumed) {
            return resumed.error();
        }
        ++session_.consumers_;
        return {};
    }

    RunContext& context_;
    MeetingSession& session_;
    MeetingJoins& joins_;
    Url ws_;
    std::map<std::string, std::string> labels_;  // producer id -> "meeting/video"
};

}  // namespace

common::Result<std::unique_ptr<TargetSession>> setUpMeeting(RunContext& context,
                                                            MeetingJoins& joins) {
    auto url = parseUrl(context.options.url);
    if (!url) {
        return url.error();
    }
    auto session = std::make_unique<MeetingSession>();
    MeetingSetUp setUp(context, *session, joins, *url);
    if (auto s = setUp.run(); !s) {
        return s.error();
    }
    return std::unique_ptr<TargetSession>(std::move(session));
}

}  // namespace vp::tools::loadtest
