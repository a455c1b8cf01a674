#pragma once
// Signalling message shapes (JSON text frames):
//   request       {"id": 7 | "a1", "method": "ping", "data": {...}}
//   reply         {"id": 7, "ok": true, "data": {...}}
//                 {"id": 7, "ok": false, "error": {"code": "...", "message": "..."}}
//   notification  {"method": "peerJoined", "data": {...}}
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/result.hpp"

namespace vp::signaling {

using RequestId = std::variant<std::int64_t, std::string>;

struct Request {
    RequestId id;
    std::string method;
    boost::json::object data;  // {} when absent
};

struct ParseLimits {
    std::size_t maxFrameBytes = 64 * 1024;
    std::size_t maxIdLength = 64;
    std::size_t maxMethodLength = 64;
    std::size_t maxDepth = 16;
};

// A frame that is not a valid request. `id` is set when the frame carried a usable
// id, so the error reply can name the request it answers.
struct ParseFailure {
    common::Error error;
    std::optional<RequestId> id;
};

using ParseOutcome = std::variant<Request, ParseFailure>;

// Validates one untrusted text frame: size bound, JSON, an object with an integer
// or string id, a non-empty method string and an optional object `data`.
// Error codes: frame_too_large, bad_json, bad_request.
ParseOutcome parseRequest(std::string_view frame, const ParseLimits& limits = {});

// What a method answers: data on success or an Error.
struct Outcome {
    bool ok = true;
    boost::json::value data;
    common::Error error;

    static Outcome success(boost::json::value data = boost::json::object{});
    static Outcome failure(std::string code, std::string message);
};

std::string encodeReply(const RequestId& id, const Outcome& outcome);
// A reply to a frame without a usable id: {"id":null,"ok":false,"error":{...}}.
std::string encodeErrorWithoutId(const common::Error& error);
std::string encodeNotification(std::string_view method, const boost::json::value& data);

}  // namespace vp::signaling
