#include "tools/loadtest/janus_target.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>
#include <thread>

#include "tools/loadtest/janus_api.hpp"
#include "tools/loadtest/json_path.hpp"
#include "tools/loadtest/sdp.hpp"

namespace vp::tools::loadtest {

namespace json = boost::json;

namespace {

constexpr std::uint8_t kMidExtension = 4;

class JanusSession final : public TargetSession {
  public:
    std::size_t consumers() const override { return consumers_; }
    std::unique_ptr<JanusApi> api;
    std::size_t consumers_ = 0;
};

// Our side of one PeerConnection: fixed ICE credentials for the SDP.
struct LocalPeer {
    std::unique_ptr<sfu::client::WebRtcClient> client;
    std::string ufrag;
    std::string password;
};

common::Result<LocalPeer> newPeer(RunContext& context, bool publisher) {
    LocalPeer peer;
    peer.ufrag = context.secureRandom.hexToken(4);
    peer.password = context.secureRandom.hexToken(12);
    auto options = clientOptions(context.options, publisher);
    options.iceUfrag = peer.ufrag;
    options.icePassword = peer.password;
    auto client = sfu::client::WebRtcClient::create(context.dtls, context.clock,
                                                    context.secureRandom, options);
    if (!client) {
        return client.error();
    }
    peer.client = std::move(*client);
    return peer;
}

SdpDescription localDescription(const LocalPeer& peer) {
    SdpDescription d;
    d.iceUfrag = peer.ufrag;
    d.icePwd = peer.password;
    d.fingerprint = peer.client->fingerprintValue();
    d.setup = "active";  // we are the DTLS client, as with VideoPro
    d.candidates.push_back(
        {peer.client->localAddress().ipString(), peer.client->localAddress().port()});
    return d;
}

common::Result<sfu::client::RemoteTransport> remoteOf(const SdpDescription& d) {
    const auto candidate = std::find_if(
        d.candidates.begin(), d.candidates.end(),
        [](const SdpCandidate& c) { return c.address.find(':') == std::string::npos; });
    if (candidate == d.candidates.end()) {
        return common::makeError(
            "loadtest.janus_no_candidate",
            "Janus's SDP has no IPv4 UDP host candidate (check nat.ice_enforce_list)");
    }
    auto address =
        sfu::net::SocketAddress::parse(d.candidates.front().address, d.candidates.front().port);
    if (!address) {
        return address.error();
    }
    sfu::client::RemoteTransport remote;
    remote.iceParameters.usernameFragment = d.iceUfrag;
    remote.iceParameters.password = d.icePwd;
    remote.address = *address;
    remote.fingerprintValue = d.fingerprint;
    return remote;
}

common::Result<SdpDescription> jsepSdp(const json::value& event) {
    const std::string sdp = stringAt(event, {"jsep", "sdp"});
    if (sdp.empty()) {
        return common::makeError(
            "loadtest.janus_no_jsep",
            "Janus's event has no SDP: " + json::serialize(event).substr(0, 300));
    }
    return parseSdp(sdp);
}

class SetUp {
  public:
    SetUp(RunContext& context, JanusSession& session) : context_(context), session_(session) {}

    common::Status room(std::uint64_t roomId) {
        auto admin = session_.api->attach("janus.plugin.videoroom");
        if (!admin) {
            return admin.error();
        }
        auto created = session_.api->request(
            *admin, json::object{{"request", "create"},
                                 {"room", roomId},
                                 {"publishers", context_.options.publishers + 1},
                                 {"bitrate", 0},
                                 {"fir_freq", 0},
                                 {"audiocodec", "opus"},
                                 {"videocodec", "vp8"},
                                 {"notify_joining", false}});
        if (!created) {
            return created.error();
        }
        if (const auto* code = path(*created, {"error_code"}); code != nullptr) {
            if (unsignedAt(*created, {"error_code"}).value_or(0) != 427) {  // 427: exists
                return common::makeError("loadtest.janus_error", json::serialize(*created));
            }
        }
        std::vector<std::uint64_t> feeds;
        for (std::size_t i = 0; i < context_.options.publishers; ++i) {
            auto feed = publish(roomId, i);
            if (!feed) {
                return feed.error();
            }
            feeds.push_back(*feed);
        }
        // Janus offers a feed to subscribers only once its PeerConnection is up.
        if (auto up = awaitPublishers(); !up) {
            return up;
        }
        for (std::size_t j = 0; j < context_.options.subscribers / context_.options.rooms; ++j) {
            if (auto s = subscribe(roomId, feeds); !s) {
                return s;
            }
        }
        return {};
    }

  private:
    common::Status awaitPublishers() {
        const auto deadline = std::chrono::steady_clock::now() + context_.options.setupTimeout;
        while (std::chrono::steady_clock::now() < deadline) {
            std::size_t connected = 0;
            std::size_t total = 0;
            for (const auto& loop : context_.loops) {
                connected += loop->connected();
                total += loop->endpoints();
            }
            if (connected == total) {
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
                return {};
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return common::makeError("loadtest.connect_timeout",
                                 "Janus publishers did not connect (ICE/DTLS) in time");
    }

    common::Result<std::uint64_t> publish(std::uint64_t roomId, std::size_t index) {
        auto handle = session_.api->attach("janus.plugin.videoroom");
        if (!handle) {
            return handle.error();
        }
        auto peer = newPeer(context_, true);
        if (!peer) {
            return peer.error();
        }
        auto sources = publisherSources(context_.options, context_.secureRandom, kMidExtension, 0);
        SdpDescription offer = localDescription(*peer);
        for (const auto& source : sources) {
            SdpMedia m;
            m.kind = source.video ? "video" : "audio";
            m.mid = source.mid;
            m.payloadType = source.payloadType;
            m.codec = source.video ? "VP8/90000" : "opus/48000/2";
            m.clockRate = source.video ? 90000 : 48000;
            m.direction = "sendonly";
            m.ssrc = source.ssrc;
            m.midExtensionId = kMidExtension;
            offer.media.push_back(m);
        }
        auto joined = session_.api->message(
            *handle,
            json::object{{"request", "joinandconfigure"},
                         {"room", roomId},
                         {"ptype", "publisher"},
                         {"display", "pub" + std::to_string(index)}},
            json::object{{"type", "offer"}, {"sdp", writeSdp(offer)}, {"trickle", false}},
            context_.options.setupTimeout);
        if (!joined) {
            return joined.error();
        }
        auto answer = jsepSdp(*joined);
        if (!answer) {
            return answer.error();
        }
        auto remote = remoteOf(*answer);
        if (!remote) {
            return remote.error();
        }
        if (auto started = peer->client->connect(*remote); !started) {
            return started.error();
        }
        context_.pickLoop().add(std::move(peer->client), std::move(sources));
        const auto feed = unsignedAt(*joined, {"plugindata", "data", "id"});
        if (!feed) {
            return common::makeError("loadtest.janus_error",
                                     "the joined event has no publisher id");
        }
        labels_[*feed] = "pub" + std::to_string(index);
        return *feed;
    }

    common::Status subscribe(std::uint64_t roomId, const std::vector<std::uint64_t>& feeds) {
        auto handle = session_.api->attach("janus.plugin.videoroom");
        if (!handle) {
            return handle.error();
        }
        json::array streams;
        for (auto feed : feeds) {
            streams.push_back(json::object{{"feed", feed}});
        }
        auto attached = session_.api->message(*handle,
                                              json::object{{"request", "join"},
                                                           {"room", roomId},
                                                           {"ptype", "subscriber"},
                                                           {"streams", std::move(streams)}},
                                              std::nullopt, context_.options.setupTimeout);
        if (!attached) {
            return attached.error();
        }
        auto offer = jsepSdp(*attached);
        if (!offer) {
            return offer.error();
        }
        auto peer = newPeer(context_, false);
        if (!peer) {
            return peer.error();
        }
        // Which feed each mid carries, from the "attached" event's stream list.
        std::map<std::string, std::string> labelOfMid;
        if (const auto* list = path(*attached, {"plugindata", "data", "streams"});
            list != nullptr && list->is_array()) {
            for (const auto& s : list->as_array()) {
                const auto feed = unsignedAt(s, {"feed_id"}).value_or(0);
                labelOfMid[stringAt(s, {"mid"})] = labels_[feed] + "/" + stringAt(s, {"type"});
            }
        }
        SdpDescription answer = localDescription(*peer);
        std::vector<ReceiveSpec> specs;
        for (const auto& offered : offer->media) {
            SdpMedia m = offered;
            m.direction = offered.rejected ? "inactive" : "recvonly";
            m.ssrc.reset();
            m.rtxSsrc.reset();
            answer.media.push_back(m);
            if (!offered.rejected && offered.ssrc) {
                specs.push_back({labelOfMid[offered.mid], *offered.ssrc, offered.clockRate,
                                 offered.rtxSsrc, offered.payloadType});
            }
        }
        auto started = session_.api->message(
            *handle, json::object{{"request", "start"}},
            json::object{{"type", "answer"}, {"sdp", writeSdp(answer)}, {"trickle", false}},
            context_.options.setupTimeout);
        if (!started) {
            return started.error();
        }
        auto remote = remoteOf(*offer);
        if (!remote) {
            return remote.error();
        }
        if (auto connecting = peer->client->connect(*remote); !connecting) {
            return connecting;
        }
        MediaLoop& loop = context_.pickLoop();
        const std::size_t endpoint = loop.add(std::move(peer->client), {});
        session_.consumers_ += specs.size();
        loop.addReceiveStreams(endpoint, std::move(specs));
        return {};
    }

    RunContext& context_;
    JanusSession& session_;
    std::map<std::uint64_t, std::string> labels_;  // feed id -> "pub0"
};

}  // namespace

common::Result<std::unique_ptr<TargetSession>> setUpJanus(RunContext& context) {
    auto url = parseUrl(context.options.janusUrl);
    if (!url) {
        return url.error();
    }
    auto api = JanusApi::open(*url);
    if (!api) {
        return api.error();
    }
    auto session = std::make_unique<JanusSession>();
    session->api = std::move(*api);
    SetUp setUp(context, *session);
    for (std::size_t r = 0; r < context.options.rooms; ++r) {
        if (auto s = setUp.room(context.options.janusRoom + r); !s) {
            return s.error();
        }
    }
    return std::unique_ptr<TargetSession>(std::move(session));
}

}  // namespace vp::tools::loadtest
