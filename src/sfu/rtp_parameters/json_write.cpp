// Writes the model as mediasoup-client expects it: optional fields only when set.
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "sfu/rtp_parameters/json.hpp"

namespace vp::sfu::rtp_parameters {

namespace json = boost::json;

namespace {

json::object parametersJson(const CodecParameters& parameters) {
    json::object out;
    for (const auto& [key, value] : parameters) {
        std::visit([&out, &k = key](const auto& v) { out[k] = v; }, value);
    }
    return out;
}

json::array feedbackJson(const std::vector<RtcpFeedback>& feedback) {
    json::array out;
    for (const auto& fb : feedback) {
        json::object o;
        o["type"] = fb.type;
        o["parameter"] = fb.parameter;
        out.push_back(std::move(o));
    }
    return out;
}

// The fields after the payload type, common to capability and parameter codecs
// (key order as mediasoup-client writes them).
template <typename Codec>
void writeCodecTail(json::object& o, const Codec& codec) {
    o["clockRate"] = codec.clockRate;
    if (codec.channels) {
        o["channels"] = *codec.channels;
    }
    o["parameters"] = parametersJson(codec.parameters);
    o["rtcpFeedback"] = feedbackJson(codec.rtcpFeedback);
}

json::object codecCapabilityJson(const RtpCodecCapability& codec) {
    json::object o;
    o["kind"] = toString(codec.kind);
    o["mimeType"] = codec.mimeType;
    if (codec.preferredPayloadType) {
        o["preferredPayloadType"] = *codec.preferredPayloadType;
    }
    writeCodecTail(o, codec);
    return o;
}

json::object headerExtensionJson(const RtpHeaderExtension& ext) {
    json::object o;
    o["kind"] = toString(ext.kind);
    o["uri"] = ext.uri;
    o["preferredId"] = ext.preferredId;
    o["preferredEncrypt"] = ext.preferredEncrypt;
    o["direction"] = toString(ext.direction);
    return o;
}

json::object codecParametersJson(const RtpCodecParameters& codec) {
    json::object o;
    o["mimeType"] = codec.mimeType;
    o["payloadType"] = codec.payloadType;
    writeCodecTail(o, codec);
    return o;
}

json::object extensionParametersJson(const RtpHeaderExtensionParameters& ext) {
    json::object o;
    o["uri"] = ext.uri;
    o["id"] = ext.id;
    o["encrypt"] = ext.encrypt;
    o["parameters"] = parametersJson(ext.parameters);
    return o;
}

json::object encodingJson(const RtpEncodingParameters& e) {
    json::object o;
    if (e.ssrc) {
        o["ssrc"] = *e.ssrc;
    }
    if (e.rid) {
        o["rid"] = *e.rid;
    }
    if (e.codecPayloadType) {
        o["codecPayloadType"] = *e.codecPayloadType;
    }
    if (e.rtxSsrc) {
        o["rtx"] = json::object{{"ssrc", *e.rtxSsrc}};
    }
    o["dtx"] = e.dtx;
    if (e.scalabilityMode) {
        o["scalabilityMode"] = *e.scalabilityMode;
    }
    if (e.maxBitrate) {
        o["maxBitrate"] = *e.maxBitrate;
    }
    if (e.scaleResolutionDownBy) {
        o["scaleResolutionDownBy"] = *e.scaleResolutionDownBy;
    }
    if (e.maxFramerate) {
        o["maxFramerate"] = *e.maxFramerate;
    }
    return o;
}

}  // namespace

json::value toJsonValue(const RtpCapabilities& capabilities) {
    json::array codecs;
    for (const auto& c : capabilities.codecs) {
        codecs.push_back(codecCapabilityJson(c));
    }
    json::array extensions;
    for (const auto& e : capabilities.headerExtensions) {
        extensions.push_back(headerExtensionJson(e));
    }
    return json::object{{"codecs", std::move(codecs)}, {"headerExtensions", std::move(extensions)}};
}

json::value toJsonValue(const RtpParameters& parameters) {
    json::object o;
    if (parameters.mid) {
        o["mid"] = *parameters.mid;
    }
    json::array codecs;
    for (const auto& c : parameters.codecs) {
        codecs.push_back(codecParametersJson(c));
    }
    o["codecs"] = std::move(codecs);
    json::array extensions;
    for (const auto& e : parameters.headerExtensions) {
        extensions.push_back(extensionParametersJson(e));
    }
    o["headerExtensions"] = std::move(extensions);
    json::array encodings;
    for (const auto& e : parameters.encodings) {
        encodings.push_back(encodingJson(e));
    }
    o["encodings"] = std::move(encodings);
    json::object rtcp;
    if (parameters.rtcp.cname) {
        rtcp["cname"] = *parameters.rtcp.cname;
    }
    rtcp["reducedSize"] = parameters.rtcp.reducedSize;
    o["rtcp"] = std::move(rtcp);
    return o;
}

std::string toJson(const RtpCapabilities& capabilities) {
    return json::serialize(toJsonValue(capabilities));
}

std::string toJson(const RtpParameters& parameters) {
    return json::serialize(toJsonValue(parameters));
}

}  // namespace vp::sfu::rtp_parameters
