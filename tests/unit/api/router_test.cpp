#include "api/router.hpp"

#include <gtest/gtest.h>

namespace vp::api {
namespace {

Handler named(std::string* hit, std::string name) {
    return [hit, name](const Request&, Reply) { *hit = name; };
}

TEST(RouterTest, MatchesExactPaths) {
    Router router;
    std::string hit;
    router.add("GET", "/healthz", named(&hit, "health"));
    auto m = router.match("GET", "/healthz");
    ASSERT_EQ(m.kind, RouteMatch::Kind::Found);
    EXPECT_EQ(m.pattern, "/healthz");
    (*m.handler)(Request{}, Reply{});
    EXPECT_EQ(hit, "health");
    EXPECT_EQ(router.match("GET", "/healthz/x").kind, RouteMatch::Kind::NotFound);
    EXPECT_EQ(router.match("GET", "/health").kind, RouteMatch::Kind::NotFound);
}

TEST(RouterTest, CapturesParametersAndPrefersExactSegments) {
    Router router;
    std::string hit;
    router.add("GET", "/api/rooms/{id}/members/{member}", named(&hit, "member"));
    router.add("GET", "/api/rooms/{id}", named(&hit, "room"));
    router.add("GET", "/api/rooms/new", named(&hit, "new"));

    auto m = router.match("GET", "/api/rooms/42/members/7");
    ASSERT_EQ(m.kind, RouteMatch::Kind::Found);
    EXPECT_EQ(m.pattern, "/api/rooms/{id}/members/{member}");
    ASSERT_EQ(m.params.size(), 2u);
    EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"id", "42"}));
    EXPECT_EQ(m.params[1], (std::pair<std::string, std::string>{"member", "7"}));

    m = router.match("GET", "/api/rooms/new");
    ASSERT_EQ(m.kind, RouteMatch::Kind::Found);
    EXPECT_EQ(m.pattern, "/api/rooms/new");

    // An empty segment never fills a parameter.
    EXPECT_EQ(router.match("GET", "/api/rooms/").kind, RouteMatch::Kind::NotFound);
}

TEST(RouterTest, WrongMethodListsAllowedMethods) {
    Router router;
    router.add("GET", "/api/me", [](const Request&, Reply) {});
    router.add("PATCH", "/api/me", [](const Request&, Reply) {});
    auto m = router.match("DELETE", "/api/me");
    EXPECT_EQ(m.kind, RouteMatch::Kind::MethodNotAllowed);
    EXPECT_EQ(m.allow, "GET, HEAD, PATCH");
}

TEST(RouterTest, HeadFallsBackToGet) {
    Router router;
    router.add("GET", "/metrics", [](const Request&, Reply) {});
    EXPECT_EQ(router.match("HEAD", "/metrics").kind, RouteMatch::Kind::Found);
    EXPECT_EQ(router.match("POST", "/metrics").kind, RouteMatch::Kind::MethodNotAllowed);
}

TEST(RouterTest, FindsWebSocketEndpointsByPath) {
    class Nop final : public WebSocketHandler {
        void onOpen(const WebSocketSessionPtr&) override {}
        void onText(const WebSocketSessionPtr&, std::string_view) override {}
        void onClose(const WebSocketSessionPtr&) override {}
    };
    Router router;
    auto handler = std::make_shared<Nop>();
    router.addWebSocket("/ws", handler);
    EXPECT_EQ(router.webSocket("/ws"), handler);
    EXPECT_EQ(router.webSocket("/ws/x"), nullptr);
}

TEST(RouterTest, SplitsPaths) {
    EXPECT_EQ(splitPath("/"), (std::vector<std::string>{""}));
    EXPECT_EQ(splitPath("/a/b/"), (std::vector<std::string>{"a", "b", ""}));
}

}  // namespace
}  // namespace vp::api
