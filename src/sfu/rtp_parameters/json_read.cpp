// Reads the parameter model from untrusted JSON (a browser via signalling).
// Every error names the field by its path, e.g. "codecs[1].payloadType".
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cmath>

#include "sfu/rtp_parameters/json.hpp"

namespace vp::sfu::rtp_parameters {

namespace json = boost::json;

namespace {

enum class Need : std::uint8_t { Required, Optional };

// Collects the first error; accessors return nullopt on a missing optional
// field and on any error, so callers check failed() once per object.
class Reader {
  public:
    bool failed() const { return error_.has_value(); }
    common::Error takeError() { return std::move(*error_); }

    void fail(std::string code, const std::string& path, const std::string& what) {
        if (!error_) {
            error_ = common::makeError(std::move(code), path + " " + what);
        }
    }

    const json::object* object(const json::value& v, const std::string& path) {
        if (!v.is_object()) {
            fail("rtp.invalid_parameters", path, "must be a JSON object");
            return nullptr;
        }
        if (v.as_object().size() > kMaxFields) {
            fail("rtp.too_large", path, "has more than " + std::to_string(kMaxFields) + " fields");
            return nullptr;
        }
        return &v.as_object();
    }

    const json::value* field(const json::object& o, std::string_view key, const std::string& path,
                             Need need) {
        const json::value* v = o.if_contains(key);
        if (v == nullptr || v->is_null()) {
            if (need == Need::Required) {
                fail("rtp.invalid_parameters", path + "." + std::string(key), "is missing");
            }
            return nullptr;
        }
        return v;
    }

    std::optional<std::string> string(const json::object& o, std::string_view key,
                                      const std::string& path, Need need) {
        const json::value* v = field(o, key, path, need);
        if (v == nullptr) {
            return std::nullopt;
        }
        const std::string where = path + "." + std::string(key);
        if (!v->is_string()) {
            fail("rtp.invalid_parameters", where, "must be a string");
            return std::nullopt;
        }
        if (v->as_string().size() > kMaxStringLength) {
            fail("rtp.too_large", where,
                 "is longer than " + std::to_string(kMaxStringLength) + " characters");
            return std::nullopt;
        }
        return std::string(v->as_string());
    }

    std::optional<std::uint64_t> integer(const json::object& o, std::string_view key,
                                         const std::string& path, Need need, std::uint64_t max) {
        const json::value* v = field(o, key, path, need);
        if (v == nullptr) {
            return std::nullopt;
        }
        std::optional<std::uint64_t> n;
        if (v->is_int64() && v->as_int64() >= 0) {
            n = static_cast<std::uint64_t>(v->as_int64());
        } else if (v->is_uint64()) {
            n = v->as_uint64();
        }
        if (!n || *n > max) {
            fail("rtp.invalid_parameters", path + "." + std::string(key),
                 "must be an integer from 0 to " + std::to_string(max));
            return std::nullopt;
        }
        return n;
    }

    std::optional<bool> boolean(const json::object& o, std::string_view key,
                                const std::string& path) {
        const json::value* v = field(o, key, path, Need::Optional);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_bool()) {
            fail("rtp.invalid_parameters", path + "." + std::string(key), "must be true or false");
            return std::nullopt;
        }
        return v->as_bool();
    }

    // A number from min to max, rounded to thousandths so that it survives
    // serialisation and parsing unchanged.
    std::optional<double> number(const json::object& o, std::string_view key,
                                 const std::string& path, double min, double max) {
        const json::value* v = field(o, key, path, Need::Optional);
        if (v == nullptr) {
            return std::nullopt;
        }
        const double n = v->is_number() ? v->to_number<double>() : min - 1;
        if (!(n >= min && n <= max)) {
            fail("rtp.invalid_parameters", path + "." + std::string(key),
                 "must be a number from " + std::to_string(static_cast<int>(min)) + " to " +
                     std::to_string(static_cast<int>(max)));
            return std::nullopt;
        }
        return std::round(n * 1000.0) / 1000.0;
    }

    const json::array* array(const json::object& o, std::string_view key, const std::string& path,
                             Need need, std::size_t maxItems) {
        const json::value* v = field(o, key, path, need);
        if (v == nullptr) {
            return nullptr;
        }
        const std::string where = path + "." + std::string(key);
        if (!v->is_array()) {
            fail("rtp.invalid_parameters", where, "must be an array");
            return nullptr;
        }
        if (v->as_array().size() > maxItems) {
            fail("rtp.too_large", where, "has more than " + std::to_string(maxItems) + " entries");
            return nullptr;
        }
        return &v->as_array();
    }

  private:
    static constexpr std::size_t kMaxFields = 32;
    std::optional<common::Error> error_;
};

std::string indexed(const std::string& path, std::string_view key, std::size_t i) {
    return path + "." + std::string(key) + "[" + std::to_string(i) + "]";
}

CodecParameters readParameterMap(Reader& r, const json::object& o, const std::string& path) {
    CodecParameters out;
    const json::value* v = r.field(o, "parameters", path, Need::Optional);
    if (v == nullptr) {
        return out;
    }
    const std::string where = path + ".parameters";
    const json::object* params = r.object(*v, where);
    if (params == nullptr) {
        return out;
    }
    if (params->size() > kMaxCodecParameters) {
        r.fail("rtp.too_large", where,
               "has more than " + std::to_string(kMaxCodecParameters) + " entries");
        return out;
    }
    for (const auto& [key, value] : *params) {
        const std::string at = where + "." + std::string(key);
        if (key.empty() || key.size() > kMaxStringLength) {
            r.fail("rtp.invalid_parameters", where, "has an empty or overlong key");
        } else if (value.is_string() && value.as_string().size() <= kMaxStringLength) {
            out.emplace(std::string(key), std::string(value.as_string()));
        } else if (value.is_int64()) {
            out.emplace(std::string(key), value.as_int64());
        } else {
            r.fail("rtp.invalid_parameters", at, "must be a string or a 64-bit integer");
        }
    }
    return out;
}

std::vector<RtcpFeedback> readFeedback(Reader& r, const json::object& o, const std::string& path) {
    std::vector<RtcpFeedback> out;
    const json::array* list = r.array(o, "rtcpFeedback", path, Need::Optional, kMaxRtcpFeedback);
    for (std::size_t i = 0; list != nullptr && i < list->size() && !r.failed(); ++i) {
        const std::string at = indexed(path, "rtcpFeedback", i);
        const json::object* fb = r.object((*list)[i], at);
        if (fb == nullptr) {
            break;
        }
        auto type = r.string(*fb, "type", at, Need::Required);
        auto parameter = r.string(*fb, "parameter", at, Need::Optional);
        if (type && type->empty()) {
            r.fail("rtp.invalid_parameters", at + ".type", "must not be empty");
        }
        if (!r.failed()) {
            out.push_back(RtcpFeedback{*type, parameter.value_or("")});
        }
    }
    return out;
}

// mimeType, clockRate, channels, parameters, rtcpFeedback: common to capability
// and parameter codecs. Returns the kind named by the MIME type.
template <typename Codec>
std::optional<MediaKind> readCodecCommon(Reader& r, const json::object& o, const std::string& path,
                                         Codec& codec) {
    auto mimeType = r.string(o, "mimeType", path, Need::Required);
    auto clockRate = r.integer(o, "clockRate", path, Need::Required, 1'000'000);
    auto channels = r.integer(o, "channels", path, Need::Optional, 16);
    codec.parameters = readParameterMap(r, o, path);
    codec.rtcpFeedback = readFeedback(r, o, path);
    if (r.failed()) {
        return std::nullopt;
    }
    auto kind = kindOfMimeType(*mimeType);
    if (!kind) {
        r.fail("rtp.invalid_parameters", path + ".mimeType",
               "must look like audio/<codec> or video/<codec>");
        return std::nullopt;
    }
    if (*clockRate == 0) {
        r.fail("rtp.invalid_parameters", path + ".clockRate", "must be positive");
        return std::nullopt;
    }
    codec.mimeType = *mimeType;
    codec.clockRate = static_cast<std::uint32_t>(*clockRate);
    if (*kind == MediaKind::Audio) {
        codec.channels = static_cast<std::uint8_t>(channels.value_or(1));
    }
    return kind;
}

std::optional<RtpCodecCapability> readCodecCapability(Reader& r, const json::value& v,
                                                      const std::string& path) {
    const json::object* o = r.object(v, path);
    if (o == nullptr) {
        return std::nullopt;
    }
    RtpCodecCapability codec;
    auto pt = r.integer(*o, "preferredPayloadType", path, Need::Optional, 127);
    auto kind = readCodecCommon(r, *o, path, codec);
    if (!kind) {
        return std::nullopt;
    }
    codec.kind = *kind;  // the MIME type decides, as in mediasoup
    if (pt) {
        codec.preferredPayloadType = static_cast<std::uint8_t>(*pt);
    }
    return codec;
}

std::optional<RtpHeaderExtension> readHeaderExtension(Reader& r, const json::value& v,
                                                      const std::string& path) {
    const json::object* o = r.object(v, path);
    if (o == nullptr) {
        return std::nullopt;
    }
    auto kind = r.string(*o, "kind", path, Need::Required);
    auto uri = r.string(*o, "uri", path, Need::Required);
    auto id = r.integer(*o, "preferredId", path, Need::Required, 255);
    auto encrypt = r.boolean(*o, "preferredEncrypt", path);
    auto direction = r.string(*o, "direction", path, Need::Optional);
    if (r.failed()) {
        return std::nullopt;
    }
    RtpHeaderExtension ext;
    auto parsedKind = mediaKindFromString(*kind);
    if (!parsedKind) {
        r.fail("rtp.invalid_parameters", path + ".kind", "must be \"audio\" or \"video\"");
        return std::nullopt;
    }
    if (*id == 0 || uri->empty()) {
        r.fail("rtp.invalid_parameters", path, "needs a non-empty uri and a preferredId of 1..255");
        return std::nullopt;
    }
    ext.kind = *parsedKind;
    ext.uri = *uri;
    ext.preferredId = static_cast<std::uint8_t>(*id);
    ext.preferredEncrypt = encrypt.value_or(false);
    if (direction) {
        auto d = directionFromString(*direction);
        if (!d) {
            r.fail("rtp.invalid_parameters", path + ".direction",
                   "must be sendrecv, sendonly, recvonly or inactive");
            return std::nullopt;
        }
        ext.direction = *d;
    }
    return ext;
}

std::optional<RtpCodecParameters> readCodecParameters(Reader& r, const json::value& v,
                                                      const std::string& path) {
    const json::object* o = r.object(v, path);
    if (o == nullptr) {
        return std::nullopt;
    }
    RtpCodecParameters codec;
    auto pt = r.integer(*o, "payloadType", path, Need::Required, 127);
    if (!readCodecCommon(r, *o, path, codec)) {
        return std::nullopt;
    }
    codec.payloadType = static_cast<std::uint8_t>(*pt);
    return codec;
}

std::optional<RtpHeaderExtensionParameters> readExtensionParameters(Reader& r, const json::value& v,
                                                                    const std::string& path) {
    const json::object* o = r.object(v, path);
    if (o == nullptr) {
        return std::nullopt;
    }
    auto uri = r.string(*o, "uri", path, Need::Required);
    auto id = r.integer(*o, "id", path, Need::Required, 255);
    auto encrypt = r.boolean(*o, "encrypt", path);
    RtpHeaderExtensionParameters ext;
    ext.parameters = readParameterMap(r, *o, path);
    if (r.failed()) {
        return std::nullopt;
    }
    if (*id == 0 || uri->empty()) {
        r.fail("rtp.invalid_parameters", path, "needs a non-empty uri and an id of 1..255");
        return std::nullopt;
    }
    ext.uri = *uri;
    ext.id = static_cast<std::uint8_t>(*id);
    ext.encrypt = encrypt.value_or(false);
    return ext;
}

std::optional<RtpEncodingParameters> readEncoding(Reader& r, const json::value& v,
                                                  const std::string& path) {
    const json::object* o = r.object(v, path);
    if (o == nullptr) {
        return std::nullopt;
    }
    RtpEncodingParameters e;
    constexpr std::uint64_t kMaxU32 = 0xFFFFFFFFu;
    auto ssrc = r.integer(*o, "ssrc", path, Need::Optional, kMaxU32);
    e.rid = r.string(*o, "rid", path, Need::Optional);
    auto pt = r.integer(*o, "codecPayloadType", path, Need::Optional, 127);
    if (const json::value* rtx = r.field(*o, "rtx", path, Need::Optional); rtx != nullptr) {
        if (const json::object* rtxObject = r.object(*rtx, path + ".rtx"); rtxObject != nullptr) {
            auto rtxSsrc = r.integer(*rtxObject, "ssrc", path + ".rtx", Need::Required, kMaxU32);
            if (rtxSsrc) {
                e.rtxSsrc = static_cast<std::uint32_t>(*rtxSsrc);
            }
        }
    }
    e.dtx = r.boolean(*o, "dtx", path).value_or(false);
    e.scalabilityMode = r.string(*o, "scalabilityMode", path, Need::Optional);
    auto maxBitrate = r.integer(*o, "maxBitrate", path, Need::Optional, kMaxU32);
    e.scaleResolutionDownBy = r.number(*o, "scaleResolutionDownBy", path, 1, 1000);
    e.maxFramerate = r.number(*o, "maxFramerate", path, 0, 1000);
    if (r.failed()) {
        return std::nullopt;
    }
    if (ssrc) {
        e.ssrc = static_cast<std::uint32_t>(*ssrc);
    }
    if (pt) {
        e.codecPayloadType = static_cast<std::uint8_t>(*pt);
    }
    if (maxBitrate) {
        e.maxBitrate = static_cast<std::uint32_t>(*maxBitrate);
    }
    if (e.rid && e.rid->empty()) {
        r.fail("rtp.invalid_parameters", path + ".rid", "must not be empty");
        return std::nullopt;
    }
    return e;
}

// Reads every element of an optional array with fn(value, path), appending to out.
template <typename T, typename Fn>
void readList(Reader& r, const json::object& o, std::string_view key, const std::string& path,
              Need need, std::size_t maxItems, std::vector<T>& out, Fn&& fn) {
    const json::array* list = r.array(o, key, path, need, maxItems);
    for (std::size_t i = 0; list != nullptr && i < list->size() && !r.failed(); ++i) {
        auto item = fn(r, (*list)[i], indexed(path, key, i));
        if (item) {
            out.push_back(std::move(*item));
        }
    }
}

template <typename T>
common::Result<T> parseWith(std::string_view text,
                            common::Result<T> (*read)(const boost::json::value&)) {
    if (text.size() > kMaxJsonBytes) {
        return common::makeError("rtp.too_large", "the RTP parameters JSON is larger than " +
                                                      std::to_string(kMaxJsonBytes) + " bytes");
    }
    json::parse_options options;
    options.max_depth = 8;
    boost::system::error_code ec;
    json::value root = json::parse(text, ec, {}, options);
    if (ec) {
        return common::makeError("rtp.invalid_json",
                                 "the RTP parameters are not valid JSON: " + ec.message());
    }
    return read(root);
}

}  // namespace

common::Result<RtpCapabilities> readRtpCapabilities(const json::value& v) {
    Reader r;
    RtpCapabilities caps;
    const std::string path = "rtpCapabilities";
    const json::object* o = r.object(v, path);
    if (o != nullptr) {
        readList(r, *o, "codecs", path, Need::Optional, kMaxCodecs, caps.codecs,
                 readCodecCapability);
        readList(r, *o, "headerExtensions", path, Need::Optional, kMaxHeaderExtensions,
                 caps.headerExtensions, readHeaderExtension);
    }
    if (r.failed()) {
        return r.takeError();
    }
    return caps;
}

common::Result<RtpParameters> readRtpParameters(const json::value& v) {
    Reader r;
    RtpParameters params;
    const std::string path = "rtpParameters";
    const json::object* o = r.object(v, path);
    if (o != nullptr) {
        params.mid = r.string(*o, "mid", path, Need::Optional);
        readList(r, *o, "codecs", path, Need::Required, kMaxCodecs, params.codecs,
                 [](Reader& rr, const json::value& item, const std::string& at) {
                     return readCodecParameters(rr, item, at);
                 });
        readList(r, *o, "headerExtensions", path, Need::Optional, kMaxHeaderExtensions,
                 params.headerExtensions, readExtensionParameters);
        readList(r, *o, "encodings", path, Need::Optional, kMaxEncodings, params.encodings,
                 readEncoding);
        if (const json::value* rtcp = r.field(*o, "rtcp", path, Need::Optional); rtcp != nullptr) {
            if (const json::object* ro = r.object(*rtcp, path + ".rtcp"); ro != nullptr) {
                params.rtcp.cname = r.string(*ro, "cname", path + ".rtcp", Need::Optional);
                params.rtcp.reducedSize =
                    r.boolean(*ro, "reducedSize", path + ".rtcp").value_or(true);
            }
        }
    }
    if (r.failed()) {
        return r.takeError();
    }
    return params;
}

common::Result<RtpCapabilities> parseRtpCapabilities(std::string_view text) {
    return parseWith<RtpCapabilities>(text, readRtpCapabilities);
}

common::Result<RtpParameters> parseRtpParameters(std::string_view text) {
    return parseWith<RtpParameters>(text, readRtpParameters);
}

}  // namespace vp::sfu::rtp_parameters
