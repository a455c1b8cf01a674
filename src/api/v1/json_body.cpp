#include "api/v1/json_body.hpp"

#include <ctime>

namespace vp::api::v1 {
namespace {

common::Error badField(std::string_view key, std::string_view what) {
    return common::makeError("bad_request",
                             "field '" + std::string(key) + "' " + std::string(what));
}

}  // namespace

common::Result<boost::json::object> parseObject(std::string_view body) {
    boost::json::parse_options options;
    options.max_depth = 8;
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(body, ec, {}, options);
    if (ec || !value.is_object()) {
        return common::makeError("bad_request", "the request body must be a JSON object");
    }
    return std::move(value.as_object());
}

common::Result<std::optional<std::string>> optionalString(const boost::json::object& o,
                                                          std::string_view key,
                                                          std::size_t maxBytes) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return std::optional<std::string>{};
    }
    if (!v->is_string()) {
        return badField(key, "must be a string");
    }
    if (v->as_string().size() > maxBytes) {
        return badField(key, "is too long");
    }
    return std::optional<std::string>(std::string(v->as_string()));
}

common::Result<std::string> requiredString(const boost::json::object& o, std::string_view key,
                                           std::size_t maxBytes) {
    auto value = optionalString(o, key, maxBytes);
    if (!value) {
        return value.error();
    }
    if (!*value) {
        return badField(key, "is required");
    }
    return std::move(**value);
}

common::Result<std::int64_t> requiredInt(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return badField(key, "is required");
    }
    if (v->is_int64()) {
        return v->as_int64();
    }
    if (v->is_uint64() && v->as_uint64() <= 1'000'000) {
        return static_cast<std::int64_t>(v->as_uint64());
    }
    return badField(key, "must be a whole number");
}

common::Result<bool> optionalBool(const boost::json::object& o, std::string_view key,
                                  bool fallback) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return fallback;
    }
    if (!v->is_bool()) {
        return badField(key, "must be true or false");
    }
    return v->as_bool();
}

std::string isoTime(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[32];
    const auto n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::string(buffer, n);
}

}  // namespace vp::api::v1
