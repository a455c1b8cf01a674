#pragma once
// One HTTP response as handlers build it: no Beast types.
#include <string>
#include <string_view>

#include "api/headers.hpp"

namespace vp::api {

struct Response {
    int status = 200;
    Headers headers;
    std::string body;

    // `body` is serialized JSON; sets Content-Type: application/json.
    static Response json(int status, std::string body);
    // {"error":{"code":"…","message":"…"}} with Content-Type: application/json.
    static Response error(int status, std::string_view code, std::string_view message);
    static Response text(int status, std::string body,
                         std::string_view contentType = "text/plain; charset=utf-8");
};

// The standard reason phrase for a status ("Not Found"); "Unknown" otherwise.
std::string_view reasonPhrase(int status);

}  // namespace vp::api
