// JSON of WebRtcTransport parameters in mediasoup-client's shapes (server ->
// browser: the transport info; browser -> server: dtlsParameters on connect).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "sfu/media_server/media_server.hpp"

namespace vp::sfu::media_server {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxDtlsJsonBytes = 4096;
constexpr std::size_t kMaxFingerprints = 8;
constexpr std::size_t kMaxFieldLength = 256;

json::object iceParametersObject(const ice::IceParameters& p) {
    return json::object{
        {"usernameFragment", p.usernameFragment}, {"password", p.password}, {"iceLite", p.iceLite}};
}

json::object dtlsParametersObject(const DtlsParameters& p) {
    json::array fingerprints;
    for (const auto& f : p.fingerprints) {
        fingerprints.push_back(json::object{{"algorithm", f.algorithm}, {"value", f.value}});
    }
    return json::object{{"role", p.role}, {"fingerprints", std::move(fingerprints)}};
}

common::Error invalid(const std::string& what) {
    return common::makeError("media.invalid_dtls_parameters",
                             "dtlsParameters" + what +
                                 "; send {role: \"auto\"|\"client\"|\"server\", fingerprints: "
                                 "[{algorithm, value}]} as mediasoup-client does");
}

common::Result<std::string> boundedString(const json::object& o, std::string_view key,
                                          const std::string& path) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || !v->is_string()) {
        return invalid(path + "." + std::string(key) + " must be a string");
    }
    const auto& s = v->as_string();
    if (s.empty() || s.size() > kMaxFieldLength) {
        return invalid(path + "." + std::string(key) + " must have 1 to " +
                       std::to_string(kMaxFieldLength) + " characters");
    }
    return std::string(s.data(), s.size());
}

common::Result<DtlsFingerprint> readFingerprint(const json::value& v, const std::string& path) {
    if (!v.is_object()) {
        return invalid(path + " must be an object");
    }
    auto algorithm = boundedString(v.as_object(), "algorithm", path);
    if (!algorithm) {
        return algorithm.error();
    }
    auto value = boundedString(v.as_object(), "value", path);
    if (!value) {
        return value.error();
    }
    return DtlsFingerprint{std::move(*algorithm), std::move(*value)};
}

}  // namespace

std::string toJson(const ice::IceParameters& parameters) {
    return json::serialize(iceParametersObject(parameters));
}

std::string toJson(const DtlsParameters& parameters) {
    return json::serialize(dtlsParametersObject(parameters));
}

std::string toJson(const WebRtcTransportInfo& info) {
    json::array candidates;
    for (const auto& c : info.iceCandidates) {
        candidates.push_back(json::object{{"foundation", c.foundation},
                                          {"priority", c.priority},
                                          {"ip", c.address},
                                          {"address", c.address},
                                          {"port", c.port},
                                          {"protocol", c.protocol},
                                          {"type", c.type}});
    }
    return json::serialize(
        json::object{{"id", info.id},
                     {"iceParameters", iceParametersObject(info.iceParameters)},
                     {"iceCandidates", std::move(candidates)},
                     {"dtlsParameters", dtlsParametersObject(info.dtlsParameters)}});
}

common::Result<DtlsParameters> parseDtlsParameters(std::string_view text) {
    if (text.size() > kMaxDtlsJsonBytes) {
        return invalid(" is larger than " + std::to_string(kMaxDtlsJsonBytes) + " bytes");
    }
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec) {
        return invalid(" is not valid JSON (" + ec.message() + ")");
    }
    if (!v.is_object()) {
        return invalid(" must be a JSON object");
    }
    const auto& o = v.as_object();
    DtlsParameters out;
    out.role = "auto";
    if (const json::value* role = o.if_contains("role"); role != nullptr && !role->is_null()) {
        if (!role->is_string()) {
            return invalid(".role must be a string");
        }
        const std::string_view r(role->as_string().data(), role->as_string().size());
        if (r != "auto" && r != "client" && r != "server") {
            return invalid(".role must be \"auto\", \"client\" or \"server\"");
        }
        out.role = std::string(r);
    }
    const json::value* fps = o.if_contains("fingerprints");
    if (fps == nullptr || !fps->is_array() || fps->as_array().empty()) {
        return invalid(".fingerprints must be a non-empty array");
    }
    if (fps->as_array().size() > kMaxFingerprints) {
        return invalid(".fingerprints has more than " + std::to_string(kMaxFingerprints) +
                       " entries");
    }
    for (std::size_t i = 0; i < fps->as_array().size(); ++i) {
        auto f = readFingerprint(fps->as_array()[i], ".fingerprints[" + std::to_string(i) + "]");
        if (!f) {
            return f.error();
        }
        out.fingerprints.push_back(std::move(*f));
    }
    return out;
}

}  // namespace vp::sfu::media_server
