#include "api/router.hpp"

#include <algorithm>

namespace vp::api {

std::vector<std::string> splitPath(std::string_view path) {
    std::vector<std::string> out;
    if (!path.empty() && path.front() == '/') {
        path.remove_prefix(1);
    }
    while (true) {
        auto slash = path.find('/');
        out.emplace_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return out;
}

namespace {

bool isParam(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Matches path segments against pattern segments, collecting {param} values.
bool matchSegments(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                   std::vector<std::pair<std::string, std::string>>& params) {
    if (pattern.size() != path.size()) {
        return false;
    }
    params.clear();
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (isParam(pattern[i])) {
            if (path[i].empty()) {
                return false;
            }
            params.emplace_back(pattern[i].substr(1, pattern[i].size() - 2), path[i]);
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler,
                 std::size_t maxBodyBytes) {
    auto segments = splitPath(pattern);
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments),
                            std::move(handler), maxBodyBytes});
}

std::size_t Router::largestBodyLimit() const {
    std::size_t largest = 0;
    for (const Route& route : routes_) {
        largest = std::max(largest, route.maxBodyBytes);
    }
    return largest;
}

void Router::addWebSocket(std::string path, std::shared_ptr<WebSocketHandler> handler) {
    webSockets_.emplace_back(std::move(path), std::move(handler));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
    RouteMatch result;
    const auto segments = splitPath(path);
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> allowed;
    // Exact (parameter-free) patterns win over parameterised ones.
    for (int pass = 0; pass < 2; ++pass) {
        for (const Route& route : routes_) {
            const bool exact = std::none_of(route.segments.begin(), route.segments.end(), isParam);
            if (exact != (pass == 0) || !matchSegments(route.segments, segments, params)) {
                continue;
            }
            const bool methodOk =
                route.method == method || (method == "HEAD" && route.method == "GET");
            if (methodOk && result.kind != RouteMatch::Kind::Found) {
                result.kind = RouteMatch::Kind::Found;
                result.handler = &route.handler;
                result.pattern = route.pattern;
                result.params = params;
                result.maxBodyBytes = route.maxBodyBytes;
            }
            if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) {
                allowed.push_back(route.method);
                if (route.method == "GET") {
                    allowed.emplace_back("HEAD");
                }
            }
        }
        if (result.kind == RouteMatch::Kind::Found) {
            return result;
        }
    }
    if (!allowed.empty()) {
        result.kind = RouteMatch::Kind::MethodNotAllowed;
        for (const auto& m : allowed) {
            result.allow += result.allow.empty() ? m : ", " + m;
        }
    }
    return result;
}

std::vector<Router::RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    out.reserve(routes_.size());
    for (const Route& route : routes_) {
        out.push_back({route.method, route.pattern});
    }
    return out;
}

std::shared_ptr<WebSocketHandler> Router::webSocket(std::string_view path) const {
    for (const auto& [p, handler] : webSockets_) {
        if (p == path) {
            return handler;
        }
    }
    return nullptr;
}

}  // namespace vp::api
