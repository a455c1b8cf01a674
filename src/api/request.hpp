#pragma once
// One HTTP request as handlers see it: no Beast types.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "api/headers.hpp"

namespace vp::api {

struct Request {
    std::string method;  // "GET", "POST", ...
    std::string target;  // raw request target: path plus query
    std::string path;    // target before '?', not percent-decoded
    std::string query;   // target after '?', without the '?'
    Headers headers;
    std::string body;
    std::string clientIp;
    bool tls = false;

    // Set by the Router on a match: the pattern ("/api/meetings/{id}") and its
    // {param} values.
    std::string route;
    std::map<std::string, std::string, std::less<>> params;

    std::optional<std::string_view> header(std::string_view name) const {
        return headers.get(name);
    }
    std::optional<std::string_view> param(std::string_view name) const {
        auto it = params.find(name);
        if (it == params.end()) {
            return std::nullopt;
        }
        return std::string_view(it->second);
    }
};

// Splits "path?query" into its parts.
void splitTarget(std::string_view target, std::string& path, std::string& query);

}  // namespace vp::api
