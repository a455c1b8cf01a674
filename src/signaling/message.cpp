#include "signaling/message.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace vp::signaling {

namespace json = boost::json;

namespace {

ParseFailure fail(std::string code, std::string message, std::optional<RequestId> id = {}) {
    return ParseFailure{common::makeError(std::move(code), std::move(message)), std::move(id)};
}

json::value idToJson(const RequestId& id) {
    if (const auto* n = std::get_if<std::int64_t>(&id)) {
        return json::value(*n);
    }
    return json::value(std::get<std::string>(id));
}

json::object errorObject(const common::Error& error) {
    json::object e;
    e["code"] = error.code;
    e["message"] = error.message;
    return e;
}

}  // namespace

ParseOutcome parseRequest(std::string_view frame, const ParseLimits& limits) {
    if (frame.size() > limits.maxFrameBytes) {
        return fail("frame_too_large", "The message is larger than " +
                                           std::to_string(limits.maxFrameBytes) + " bytes.");
    }
    json::parse_options options;
    options.max_depth = limits.maxDepth;
    boost::system::error_code ec;
    json::value root = json::parse(frame, ec, {}, options);
    if (ec) {
        return fail("bad_json", "The message is not valid JSON: " + ec.message() + ".");
    }
    const json::object* obj = root.if_object();
    if (obj == nullptr) {
        return fail("bad_request", "A request is a JSON object {id, method, data}.");
    }
    const json::value* idValue = obj->if_contains("id");
    std::optional<RequestId> id;
    if (idValue != nullptr && idValue->is_int64()) {
        id = idValue->as_int64();
    } else if (idValue != nullptr && idValue->is_uint64()) {
        return fail("bad_request", "The id is out of range.");
    } else if (idValue != nullptr && idValue->is_string() && !idValue->as_string().empty() &&
               idValue->as_string().size() <= limits.maxIdLength) {
        id = std::string(idValue->as_string());
    } else {
        return fail("bad_request", "The id must be an integer or a string of 1 to " +
                                       std::to_string(limits.maxIdLength) + " characters.");
    }
    const json::value* method = obj->if_contains("method");
    if (method == nullptr || !method->is_string() || method->as_string().empty() ||
        method->as_string().size() > limits.maxMethodLength) {
        return fail("bad_request", "The method must be a non-empty string.", id);
    }
    Request request{*id, std::string(method->as_string()), {}};
    if (const json::value* data = obj->if_contains("data"); data != nullptr && !data->is_null()) {
        if (!data->is_object()) {
            return fail("bad_request", "The data must be an object.", id);
        }
        request.data = data->as_object();
    }
    return request;
}

Outcome Outcome::success(json::value data) {
    return Outcome{true, std::move(data), {}};
}

Outcome Outcome::failure(std::string code, std::string message) {
    return Outcome{false, nullptr, common::makeError(std::move(code), std::move(message))};
}

std::string encodeReply(const RequestId& id, const Outcome& outcome) {
    json::object reply;
    reply["id"] = idToJson(id);
    reply["ok"] = outcome.ok;
    if (outcome.ok) {
        reply["data"] = outcome.data;
    } else {
        reply["error"] = errorObject(outcome.error);
    }
    return json::serialize(reply);
}

std::string encodeErrorWithoutId(const common::Error& error) {
    json::object reply;
    reply["id"] = nullptr;
    reply["ok"] = false;
    reply["error"] = errorObject(error);
    return json::serialize(reply);
}

std::string encodeNotification(std::string_view method, const json::value& data) {
    json::object note;
    note["method"] = method;
    note["data"] = data;
    return json::serialize(note);
}

}  // namespace vp::signaling
