#pragma once
// Route table: method + path pattern -> handler, and path -> WebSocket endpoint.
// Patterns are exact paths or contain whole-segment parameters: "/api/rooms/{id}".
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/request.hpp"
#include "api/response.hpp"
#include "api/websocket.hpp"

namespace vp::api {

class StaticFiles;

// Answers a request. Callable exactly once, from any thread: it posts the response
// back to the connection's strand, so a handler may hand work to the database pool
// and answer later. A Reply dropped without being called answers 500.
using Reply = std::function<void(Response)>;
using Handler = std::function<void(const Request&, Reply)>;

struct RouteMatch {
    enum class Kind { Found, MethodNotAllowed, NotFound };
    Kind kind = Kind::NotFound;
    const Handler* handler = nullptr;
    std::string pattern;
    std::vector<std::pair<std::string, std::string>> params;
    std::string allow;             // "GET, HEAD" when kind == MethodNotAllowed
    std::size_t maxBodyBytes = 0;  // the route's own body limit (0: the server's)
};

class Router {
  public:
    // Registers a handler. A GET route also answers HEAD (the edge drops the body).
    // `maxBodyBytes` > 0 gives the route its own body limit instead of the server's
    // (an image upload); the edge answers 413 before reading a larger body.
    void add(std::string method, std::string pattern, Handler handler,
             std::size_t maxBodyBytes = 0);
    void addWebSocket(std::string path, std::shared_ptr<WebSocketHandler> handler);

    // Requests that match no route and are not under /api/ go to these files
    // (without them: 404 JSON error).
    void serveStatic(std::shared_ptr<const StaticFiles> files) { static_ = std::move(files); }
    const StaticFiles* staticFiles() const { return static_.get(); }

    RouteMatch match(std::string_view method, std::string_view path) const;

    struct RouteInfo {
        std::string method;
        std::string pattern;
    };
    // Every registered (method, pattern), in registration order (the OpenAPI test
    // compares it with docs/api/openapi.yaml).
    std::vector<RouteInfo> routes() const;
    std::shared_ptr<WebSocketHandler> webSocket(std::string_view path) const;
    // The largest body limit of any route (0 when none has its own).
    std::size_t largestBodyLimit() const;

  private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
        std::size_t maxBodyBytes = 0;
    };
    std::vector<Route> routes_;
    std::vector<std::pair<std::string, std::shared_ptr<WebSocketHandler>>> webSockets_;
    std::shared_ptr<const StaticFiles> static_;
};

// Splits "/a/b/" into {"a", "b", ""}; "/" into {""}.
std::vector<std::string> splitPath(std::string_view path);

}  // namespace vp::api
