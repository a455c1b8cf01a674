#include "tools/loadtest/videopro_target.hpp"

#include <boost/json/serialize.hpp>

#include <string>

#include "tools/loadtest/json_path.hpp"
#include "tools/loadtest/signaling_client.hpp"
#include "tools/loadtest/videopro_parameters.hpp"

namespace vp::tools::loadtest {

namespace json = boost::json;

namespace {

struct Peer {
    std::unique_ptr<SignalingClient> signaling;
    std::string transportId;
};

class VideoProSession final : public TargetSession {
  public:
    std::size_t consumers() const override { return consumers_; }
    SignalingHub hub;  // first: destroyed after the peers
    std::vector<Peer> peers;
    std::size_t consumers_ = 0;
};

class SetUp {
  public:
    SetUp(RunContext& context, VideoProSession& session, Url url, std::string room)
        : context_(context), session_(session), url_(std::move(url)), room_(std::move(room)) {}

    common::Status run() {
        std::vector<Peer> publishers(context_.options.publishers);
        if (auto s = connectAll(publishers, "pub"); !s) {
            return s;
        }
        for (std::size_t i = 0; i < publishers.size(); ++i) {
            if (auto s = publish(publishers[i], i); !s) {
                return s;
            }
        }
        std::vector<Peer> subscribers(context_.options.subscribers / context_.options.rooms);
        if (auto s = connectAll(subscribers, "sub"); !s) {
            return s;
        }
        if (auto s = subscribe(subscribers); !s) {
            return s;
        }
        for (auto* group : {&publishers, &subscribers}) {
            for (auto& peer : *group) {
                session_.peers.push_back(std::move(peer));
            }
        }
        return {};
    }

  private:
    // Sends `method` on every peer, then waits for every reply.
    common::Result<std::vector<json::value>> all(
        std::vector<Peer>& peers, const std::string& method,
        const std::function<json::object(std::size_t)>& data) {
        std::vector<std::future<Reply>> futures;
        for (std::size_t i = 0; i < peers.size(); ++i) {
            futures.push_back(peers[i].signaling->request(method, data(i)));
        }
        std::vector<json::value> replies;
        for (auto& f : futures) {
            auto reply = awaitReply(f, context_.options.setupTimeout);
            if (!reply) {
                return common::makeError(reply.error().code,
                                         method + " failed: " + reply.error().message);
            }
            replies.push_back(std::move(*reply));
        }
        return replies;
    }

    // WebSocket + join for every peer.
    common::Status connectAll(std::vector<Peer>& peers, const std::string& prefix) {
        for (auto& peer : peers) {
            auto signaling = SignalingClient::connect(session_.hub, url_);
            if (!signaling) {
                return signaling.error();
            }
            peer.signaling = std::move(*signaling);
        }
        auto joined = all(peers, "join", [&](std::size_t i) {
            return json::object{{"roomId", room_}, {"displayName", prefix + std::to_string(i)}};
        });
        if (!joined) {
            return joined.error();
        }
        lastJoin_ = joined->empty() ? json::value() : joined->back();
        return {};
    }

    // Creates, connects (our fingerprint) and starts one transport's client.
    common::Result<std::unique_ptr<sfu::client::WebRtcClient>> openTransport(
        Peer& peer, const json::value& info, bool publisher) {
        auto remote = remoteTransportOf(info);
        if (!remote) {
            return remote.error();
        }
        peer.transportId = stringAt(info, {"id"});
        auto client =
            sfu::client::WebRtcClient::create(context_.dtls, context_.clock, context_.secureRandom,
                                              clientOptions(context_.options, publisher));
        if (!client) {
            return client.error();
        }
        auto connected = peer.signaling->request(
            "connectWebRtcTransport",
            json::object{{"transportId", peer.transportId},
                         {"dtlsParameters", clientDtlsParameters((*client)->fingerprintAlgorithm(),
                                                                 (*client)->fingerprintValue())}});
        if (auto reply = awaitReply(connected, context_.options.setupTimeout); !reply) {
            return common::makeError(reply.error().code,
                                     "connectWebRtcTransport failed: " + reply.error().message);
        }
        if (auto started = (*client)->connect(std::move(*remote)); !started) {
            return started.error();
        }
        return std::move(*client);
    }

    common::Status publish(Peer& peer, std::size_t index) {
        auto created =
            peer.signaling->request("createWebRtcTransport", json::object{{"direction", "send"}});
        auto info = awaitReply(created, context_.options.setupTimeout);
        if (!info) {
            return info.error();
        }
        auto client = openTransport(peer, *info, true);
        if (!client) {
            return client.error();
        }
        auto sources = publisherSources(context_.options, context_.secureRandom, kMidExtensionId,
                                        kRidExtensionId);
        for (const auto& source : sources) {
            if (!source.rid.empty() && source.rid != "r0") {
                continue;  // one produce call carries every simulcast encoding
            }
            auto produced = peer.signaling->request(
                "produce", produceRequest(peer.transportId, source, sources));
            if (auto reply = awaitReply(produced, context_.options.setupTimeout); !reply) {
                return common::makeError(reply.error().code,
                                         "produce failed: " + reply.error().message);
            } else {
                labels_[stringAt(*reply, {"id"})] =
                    "pub" + std::to_string(index) + (source.video ? "/video" : "/audio");
            }
        }
        context_.pickLoop().add(std::move(*client), std::move(sources));
        return {};
    }

    common::Status subscribe(std::vector<Peer>& peers) {
        auto infos = all(peers, "createWebRtcTransport", [](std::size_t) {
            return json::object{{"direction", "recv"}};
        });
        if (!infos) {
            return infos.error();
        }
        const json::value* capabilities = path(lastJoin_, {"routerRtpCapabilities"});
        const json::value* producers = path(lastJoin_, {"producers"});
        if (capabilities == nullptr || producers == nullptr || !producers->is_array()) {
            return common::makeError("loadtest.unexpected_reply",
                                     "join did not return routerRtpCapabilities and producers");
        }
        std::vector<std::pair<MediaLoop*, std::size_t>> endpoints;
        for (std::size_t i = 0; i < peers.size(); ++i) {
            auto client = openTransport(peers[i], (*infos)[i], false);
            if (!client) {
                return client.error();
            }
            MediaLoop& loop = context_.pickLoop();
            endpoints.emplace_back(&loop, loop.add(std::move(*client), {}));
        }
        for (const auto& producer : producers->as_array()) {
            const std::string producerId = stringAt(producer, {"producerId"});
            auto consumed = all(peers, "consume", [&](std::size_t) {
                return json::object{{"producerId", producerId}, {"rtpCapabilities", *capabilities}};
            });
            if (!consumed) {
                return consumed.error();
            }
            for (std::size_t i = 0; i < peers.size(); ++i) {
                auto spec = receiveSpecOf((*consumed)[i], labels_[producerId]);
                if (!spec) {
                    return spec.error();
                }
                endpoints[i].first->addReceiveStreams(endpoints[i].second, {*spec});
            }
            auto resumed = all(peers, "resumeConsumer", [&](std::size_t i) {
                return json::object{{"consumerId", stringAt((*consumed)[i], {"id"})}};
            });
            if (!resumed) {
                return resumed.error();
            }
            session_.consumers_ += peers.size();
        }
        return {};
    }

    RunContext& context_;
    VideoProSession& session_;
    Url url_;
    std::string room_;
    json::value lastJoin_;
    std::map<std::string, std::string> labels_;  // producer id -> "pub0/video"
};

}  // namespace

common::Result<std::unique_ptr<TargetSession>> setUpVideoPro(RunContext& context) {
    auto url = parseUrl(context.options.url);
    if (!url) {
        return url.error();
    }
    auto session = std::make_unique<VideoProSession>();
    for (std::size_t r = 0; r < context.options.rooms; ++r) {
        std::string room = context.options.room;
        if (context.options.rooms > 1) {
            room += "-" + std::to_string(r);
        }
        SetUp setUp(context, *session, *url, std::move(room));
        if (auto s = setUp.run(); !s) {
            return s.error();
        }
    }
    return std::unique_ptr<TargetSession>(std::move(session));
}

}  // namespace vp::tools::loadtest
