#include "rooms/requests.hpp"

#include <boost/json/serialize.hpp>

#include "sfu/rtp_parameters/json.hpp"
#include "sfu/rtp_parameters/validation.hpp"

namespace vp::rooms {

namespace json = boost::json;
namespace rtp = sfu::rtp_parameters;

namespace {

common::Error badRequest(std::string message) {
    return common::makeError("bad_request", std::move(message));
}

bool isIdCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

// A required string field of 1..maxLength characters of [A-Za-z0-9_-].
common::Result<std::string> identifier(const json::object& data, std::string_view key,
                                       std::size_t maxLength) {
    const json::value* value = data.if_contains(key);
    const std::string what = std::string(key) + " must be a string of 1 to " +
                             std::to_string(maxLength) + " letters, digits, '-' or '_'.";
    if (value == nullptr || !value->is_string()) {
        return badRequest(what);
    }
    const json::string& text = value->as_string();
    if (text.empty() || text.size() > maxLength) {
        return badRequest(what);
    }
    for (char c : text) {
        if (!isIdCharacter(c)) {
            return badRequest(what);
        }
    }
    return std::string(text);
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    return text;
}

common::Result<std::string> displayName(const json::object& data) {
    const json::value* value = data.if_contains("displayName");
    const std::string what = "displayName must be a string of 1 to " +
                             std::to_string(kMaxDisplayNameBytes) +
                             " bytes without control characters.";
    if (value == nullptr || !value->is_string()) {
        return badRequest(what);
    }
    const std::string_view name = trim(value->as_string());
    if (name.empty() || name.size() > kMaxDisplayNameBytes) {
        return badRequest(what);
    }
    for (char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            return badRequest(what);
        }
    }
    return std::string(name);
}

const json::value* required(const json::object& data, std::string_view key) {
    const json::value* value = data.if_contains(key);
    return (value == nullptr || value->is_null()) ? nullptr : value;
}

}  // namespace

std::string_view toString(TransportDirection direction) {
    return direction == TransportDirection::Send ? "send" : "recv";
}

common::Result<JoinRequest> parseJoin(const json::object& data) {
    auto roomId = identifier(data, "roomId", kMaxRoomIdLength);
    if (!roomId) {
        return roomId.error();
    }
    auto name = displayName(data);
    if (!name) {
        return name.error();
    }
    return JoinRequest{std::move(*roomId), std::move(*name)};
}

common::Result<CreateTransportRequest> parseCreateTransport(const json::object& data) {
    const json::value* direction = data.if_contains("direction");
    if (direction != nullptr && direction->is_string()) {
        if (direction->as_string() == "send") {
            return CreateTransportRequest{TransportDirection::Send};
        }
        if (direction->as_string() == "recv") {
            return CreateTransportRequest{TransportDirection::Recv};
        }
    }
    return badRequest("direction must be \"send\" or \"recv\".");
}

common::Result<ConnectTransportRequest> parseConnectTransport(const json::object& data) {
    auto transportId = parseObjectId(data, "transportId");
    if (!transportId) {
        return transportId.error();
    }
    const json::value* dtls = required(data, "dtlsParameters");
    if (dtls == nullptr || !dtls->is_object()) {
        return badRequest("dtlsParameters must be an object {role, fingerprints}.");
    }
    return ConnectTransportRequest{std::move(*transportId), json::serialize(*dtls)};
}

common::Result<ProduceRequest> parseProduce(const json::object& data) {
    ProduceRequest request;
    auto transportId = parseObjectId(data, "transportId");
    if (!transportId) {
        return transportId.error();
    }
    request.transportId = std::move(*transportId);

    const json::value* kind = data.if_contains("kind");
    const auto parsedKind = (kind != nullptr && kind->is_string())
                                ? rtp::mediaKindFromString(kind->as_string())
                                : std::nullopt;
    if (!parsedKind) {
        return badRequest("kind must be \"audio\" or \"video\".");
    }
    request.kind = *parsedKind;

    const json::value* appData = required(data, "appData");
    const json::value* source = (appData != nullptr && appData->is_object())
                                    ? appData->as_object().if_contains("source")
                                    : nullptr;
    const auto parsedSource = (source != nullptr && source->is_string())
                                  ? mediaSourceFromString(source->as_string())
                                  : std::nullopt;
    if (!parsedSource) {
        return badRequest(
            "appData.source must be \"mic\", \"camera\" (or \"webcam\") or \"screen\".");
    }
    if (kindOf(*parsedSource) != request.kind) {
        return badRequest("appData.source " + std::string(toString(*parsedSource)) +
                          " does not match kind " + std::string(rtp::toString(request.kind)) + ".");
    }
    request.source = *parsedSource;

    if (const json::value* paused = data.if_contains("paused"); paused != nullptr) {
        if (!paused->is_bool()) {
            return badRequest("paused must be true or false.");
        }
        request.paused = paused->as_bool();
    }

    const json::value* parameters = required(data, "rtpParameters");
    if (parameters == nullptr) {
        return badRequest("rtpParameters is required.");
    }
    auto rtpParameters = rtp::readRtpParameters(*parameters);
    if (!rtpParameters) {
        return rtpParameters.error();
    }
    if (auto valid = rtp::validateRtpParameters(*rtpParameters); !valid) {
        return valid.error();
    }
    request.rtpParameters = std::move(*rtpParameters);
    return request;
}

common::Result<ConsumeRequest> parseConsume(const json::object& data) {
    auto producerId = parseObjectId(data, "producerId");
    if (!producerId) {
        return producerId.error();
    }
    const json::value* capabilities = required(data, "rtpCapabilities");
    if (capabilities == nullptr) {
        return badRequest("rtpCapabilities is required (the device's device.rtpCapabilities).");
    }
    auto parsed = rtp::readRtpCapabilities(*capabilities);
    if (!parsed) {
        return parsed.error();
    }
    return ConsumeRequest{std::move(*producerId), std::move(*parsed)};
}

common::Result<std::string> parseObjectId(const json::object& data, std::string_view key) {
    return identifier(data, key, kMaxObjectIdLength);
}

}  // namespace vp::rooms

namespace vp::rooms {

common::Result<std::string> parseText(const json::object& data, std::string_view key,
                                      std::size_t maxBytes) {
    const json::value* value = data.if_contains(key);
    if (value == nullptr || !value->is_string() || value->as_string().size() > maxBytes) {
        return badRequest(std::string(key) + " must be a string of at most " +
                          std::to_string(maxBytes) + " bytes.");
    }
    return std::string(value->as_string());
}

common::Result<bool> parseFlag(const json::object& data, std::string_view key) {
    const json::value* value = data.if_contains(key);
    if (value == nullptr || !value->is_bool()) {
        return badRequest(std::string(key) + " must be true or false.");
    }
    return value->as_bool();
}

}  // namespace vp::rooms
