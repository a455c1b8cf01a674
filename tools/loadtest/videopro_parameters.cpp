#include "tools/loadtest/videopro_parameters.hpp"

#include <boost/json/serialize.hpp>

#include "sfu/net/socket_address.hpp"
#include "tools/loadtest/json_path.hpp"

namespace vp::tools::loadtest {

namespace json = boost::json;

namespace {

common::Error unexpected(const std::string& what, const json::value& reply) {
    return common::makeError("loadtest.unexpected_reply",
                             what + " in " + json::serialize(reply).substr(0, 300));
}

json::object extension(const char* uri, std::uint8_t id) {
    return json::object{{"uri", uri},
                        {"id", static_cast<int>(id)},
                        {"encrypt", false},
                        {"parameters", json::object{}}};
}

json::object codec(const char* mimeType, int payloadType, int clockRate, json::object parameters,
                   json::array feedback) {
    return json::object{{"mimeType", mimeType},
                        {"payloadType", payloadType},
                        {"clockRate", clockRate},
                        {"parameters", std::move(parameters)},
                        {"rtcpFeedback", std::move(feedback)}};
}

json::object rtpParametersOf(const SourceConfig& source, const std::vector<SourceConfig>& all) {
    json::array extensions{extension("urn:ietf:params:rtp-hdrext:sdes:mid", kMidExtensionId)};
    json::array codecs;
    json::array encodings;
    if (!source.video) {
        json::object opus = codec("audio/opus", source.payloadType, 48000,
                                  json::object{{"minptime", 10}, {"useinbandfec", 1}}, {});
        opus["channels"] = 2;
        codecs.push_back(std::move(opus));
        encodings.push_back(json::object{{"ssrc", source.ssrc}, {"dtx", false}});
    } else {
        json::array feedback;
        for (auto [type, parameter] : {std::pair{"goog-remb", ""}, std::pair{"ccm", "fir"},
                                       std::pair{"nack", ""}, std::pair{"nack", "pli"}}) {
            feedback.push_back(json::object{{"type", type}, {"parameter", parameter}});
        }
        codecs.push_back(
            codec("video/VP8", source.payloadType, 90000, json::object{}, std::move(feedback)));
        codecs.push_back(codec("video/rtx", source.payloadType + 1, 90000,
                               json::object{{"apt", static_cast<int>(source.payloadType)}}, {}));
        bool simulcast = false;
        for (const auto& layer : all) {
            if (!layer.video) {
                continue;
            }
            json::object encoding{{"ssrc", layer.ssrc},
                                  {"rtx", json::object{{"ssrc", layer.ssrc + 1}}},
                                  {"dtx", false}};
            if (!layer.rid.empty()) {
                encoding["rid"] = layer.rid;
                encoding["maxBitrate"] = layer.bitrate;
                simulcast = true;
            }
            encodings.push_back(std::move(encoding));
        }
        if (simulcast) {
            extensions.push_back(
                extension("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", kRidExtensionId));
        }
    }
    return json::object{{"mid", source.mid},
                        {"codecs", std::move(codecs)},
                        {"headerExtensions", std::move(extensions)},
                        {"encodings", std::move(encodings)},
                        {"rtcp", json::object{{"cname", "loadtest"}, {"reducedSize", true}}}};
}

}  // namespace

json::object produceRequest(const std::string& transportId, const SourceConfig& source,
                            const std::vector<SourceConfig>& all) {
    return json::object{{"transportId", transportId},
                        {"kind", source.video ? "video" : "audio"},
                        {"rtpParameters", rtpParametersOf(source, all)},
                        {"appData", json::object{{"source", source.video ? "webcam" : "mic"}}}};
}

json::object clientDtlsParameters(const std::string& algorithm, const std::string& value) {
    return json::object{
        {"role", "client"},
        {"fingerprints", json::array{json::object{{"algorithm", algorithm}, {"value", value}}}}};
}

common::Result<sfu::client::RemoteTransport> remoteTransportOf(const json::value& info) {
    sfu::client::RemoteTransport remote;
    remote.iceParameters.usernameFragment = stringAt(info, {"iceParameters", "usernameFragment"});
    remote.iceParameters.password = stringAt(info, {"iceParameters", "password"});
    const json::value* candidates = path(info, {"iceCandidates"});
    if (candidates == nullptr || !candidates->is_array() || candidates->as_array().empty()) {
        return unexpected("no iceCandidates", info);
    }
    const json::value& candidate = candidates->as_array().front();
    const auto port = unsignedAt(candidate, {"port"});
    if (!port || *port == 0 || *port > 65535) {
        return unexpected("no valid candidate port", info);
    }
    auto address = sfu::net::SocketAddress::parse(stringAt(candidate, {"address"}),
                                                  static_cast<std::uint16_t>(*port));
    if (!address) {
        return address.error();
    }
    remote.address = *address;
    const json::value* fingerprints = path(info, {"dtlsParameters", "fingerprints"});
    if (fingerprints != nullptr && fingerprints->is_array()) {
        for (const auto& f : fingerprints->as_array()) {
            if (stringAt(f, {"algorithm"}) == "sha-256") {
                remote.fingerprintValue = stringAt(f, {"value"});
            }
        }
    }
    if (remote.iceParameters.usernameFragment.empty() || remote.iceParameters.password.empty() ||
        remote.fingerprintValue.empty()) {
        return unexpected("no ICE credentials or sha-256 fingerprint", info);
    }
    return remote;
}

common::Result<ReceiveSpec> receiveSpecOf(const json::value& consumer, std::string label) {
    const json::value* encodings = path(consumer, {"rtpParameters", "encodings"});
    const json::value* codecs = path(consumer, {"rtpParameters", "codecs"});
    if (encodings == nullptr || !encodings->is_array() || encodings->as_array().empty() ||
        codecs == nullptr || !codecs->is_array() || codecs->as_array().empty()) {
        return unexpected("no rtpParameters.encodings or codecs", consumer);
    }
    const json::value& encoding = encodings->as_array().front();
    const auto ssrc = unsignedAt(encoding, {"ssrc"});
    const auto clockRate = unsignedAt(codecs->as_array().front(), {"clockRate"});
    const auto payloadType = unsignedAt(codecs->as_array().front(), {"payloadType"});
    if (!ssrc || !clockRate) {
        return unexpected("no encoding ssrc or codec clockRate", consumer);
    }
    ReceiveSpec spec;
    spec.label = std::move(label);
    spec.ssrc = static_cast<std::uint32_t>(*ssrc);
    spec.clockRate = static_cast<std::uint32_t>(*clockRate);
    spec.payloadType = static_cast<std::uint8_t>(payloadType.value_or(0));
    if (const auto rtx = unsignedAt(encoding, {"rtx", "ssrc"})) {
        spec.rtxSsrc = static_cast<std::uint32_t>(*rtx);
    }
    return spec;
}

}  // namespace vp::tools::loadtest
