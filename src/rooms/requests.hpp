#pragma once
// The data of each room method, validated. Every parser takes the untrusted
// `data` object of a signalling request, checks required fields, types and
// sizes, and names the offending field in a `bad_request` error.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "rooms/media_source.hpp"
#include "sfu/rtp_parameters/types.hpp"

namespace vp::rooms {

inline constexpr std::size_t kMaxRoomIdLength = 64;
inline constexpr std::size_t kMaxDisplayNameBytes = 64;
inline constexpr std::size_t kMaxObjectIdLength = 64;

enum class TransportDirection : std::uint8_t { Send, Recv };
std::string_view toString(TransportDirection direction);

// join {roomId, displayName}
struct JoinRequest {
    std::string roomId;       // 1..64 of [A-Za-z0-9_-]
    std::string displayName;  // 1..64 bytes, trimmed, no control characters
};

// createWebRtcTransport {direction: "send" | "recv"}
struct CreateTransportRequest {
    TransportDirection direction = TransportDirection::Send;
};

// connectWebRtcTransport {transportId, dtlsParameters}; the DTLS parameters are
// checked by the media server's own parser.
struct ConnectTransportRequest {
    std::string transportId;
    std::string dtlsParametersJson;
};

// produce {transportId, kind, rtpParameters, appData: {source}, paused?}
struct ProduceRequest {
    std::string transportId;
    sfu::rtp_parameters::MediaKind kind = sfu::rtp_parameters::MediaKind::Audio;
    sfu::rtp_parameters::RtpParameters rtpParameters;
    MediaSource source = MediaSource::Mic;
    bool paused = false;
};

// consume {producerId, rtpCapabilities}
struct ConsumeRequest {
    std::string producerId;
    sfu::rtp_parameters::RtpCapabilities rtpCapabilities;
};

common::Result<JoinRequest> parseJoin(const boost::json::object& data);
common::Result<CreateTransportRequest> parseCreateTransport(const boost::json::object& data);
common::Result<ConnectTransportRequest> parseConnectTransport(const boost::json::object& data);
common::Result<ProduceRequest> parseProduce(const boost::json::object& data);
common::Result<ConsumeRequest> parseConsume(const boost::json::object& data);
// The one id a method names, e.g. {producerId} or {consumerId}.
common::Result<std::string> parseObjectId(const boost::json::object& data, std::string_view key);
// A string field of at most maxBytes (a join token, a chat text).
common::Result<std::string> parseText(const boost::json::object& data, std::string_view key,
                                      std::size_t maxBytes);
// A boolean field, e.g. {locked} or {raised}.
common::Result<bool> parseFlag(const boost::json::object& data, std::string_view key);

}  // namespace vp::rooms
