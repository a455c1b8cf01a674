#pragma once
// postJson: one HTTP/1.1 POST of a JSON body on a fresh connection (the meeting
// mode's POST /api/v1/meetings/{id}/join); answers the status and the parsed JSON
// body. Beast stays inside http_post.cpp.
#include <boost/json/value.hpp>

#include <chrono>
#include <string>

#include "common/result.hpp"
#include "tools/loadtest/url.hpp"

namespace vp::tools::loadtest {

struct HttpReply {
    int status = 0;
    boost::json::value body;  // null when the body is not JSON
};

// `server` names host and port; `target` is the request path. The Origin header
// names the server itself (VideoPro refuses state-changing requests without it).
common::Result<HttpReply> postJson(const Url& server, const std::string& target,
                                   const std::string& body, std::chrono::milliseconds timeout);

}  // namespace vp::tools::loadtest
