#pragma once
// Reading JSON request bodies and writing JSON answers for the /api/v1 handlers.
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace vp::api::v1 {

// The body as a JSON object. Errors: "bad_request" (not JSON, not an object,
// nested deeper than 8 levels).
common::Result<boost::json::object> parseObject(std::string_view body);

// A string field; nullopt when absent or null; "bad_request" when of another type
// or longer than `maxBytes`.
common::Result<std::optional<std::string>> optionalString(const boost::json::object& o,
                                                          std::string_view key,
                                                          std::size_t maxBytes = 1024);
// A required string field ("bad_request" naming it when absent).
common::Result<std::string> requiredString(const boost::json::object& o, std::string_view key,
                                           std::size_t maxBytes = 1024);
// A required integer field.
common::Result<std::int64_t> requiredInt(const boost::json::object& o, std::string_view key);
// A boolean field, `fallback` when absent.
common::Result<bool> optionalBool(const boost::json::object& o, std::string_view key,
                                  bool fallback);

// "2026-01-15T08:30:00Z" (UTC, seconds).
std::string isoTime(std::chrono::system_clock::time_point t);

}  // namespace vp::api::v1
