#include "api/response.hpp"

#include "api/request.hpp"
#include "common/json_escape.hpp"

namespace vp::api {

void splitTarget(std::string_view target, std::string& path, std::string& query) {
    auto q = target.find('?');
    path.assign(target.substr(0, q));
    query.assign(q == std::string_view::npos ? std::string_view{} : target.substr(q + 1));
}

Response Response::json(int status, std::string body) {
    Response r;
    r.status = status;
    r.headers.set("Content-Type", "application/json");
    r.body = std::move(body);
    return r;
}

Response Response::error(int status, std::string_view code, std::string_view message) {
    std::string body = "{\"error\":{\"code\":";
    body += common::jsonString(code);
    body += ",\"message\":";
    body += common::jsonString(message);
    body += "}}";
    return json(status, std::move(body));
}

Response Response::text(int status, std::string body, std::string_view contentType) {
    Response r;
    r.status = status;
    r.headers.set("Content-Type", std::string(contentType));
    r.body = std::move(body);
    return r;
}

std::string_view reasonPhrase(int status) {
    switch (status) {
        case 101:
            return "Switching Protocols";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Content Too Large";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 503:
            return "Service Unavailable";
        default:
            return "Unknown";
    }
}

}  // namespace vp::api
