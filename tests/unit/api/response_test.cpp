#include "api/response.hpp"

#include <gtest/gtest.h>

#include "api/request.hpp"

namespace vp::api {
namespace {

TEST(ResponseTest, ErrorHasStableJsonShape) {
    auto r = Response::error(404, "not_found", "No \"such\" thing.");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.headers.get("content-type"), "application/json");
    EXPECT_EQ(r.body, R"({"error":{"code":"not_found","message":"No \"such\" thing."}})");
}

TEST(ResponseTest, HeadersAreCaseInsensitive) {
    Headers h;
    h.add("Set-Cookie", "a=1");
    h.add("set-cookie", "b=2");
    EXPECT_EQ(h.get("SET-COOKIE"), "a=1");
    EXPECT_EQ(h.fields().size(), 2u);
    h.set("SET-COOKIE", "c=3");
    EXPECT_EQ(h.fields().size(), 1u);
    EXPECT_EQ(h.get("set-cookie"), "c=3");
    EXPECT_FALSE(h.has("Cookie"));
}

TEST(ResponseTest, SplitsTargets) {
    std::string path;
    std::string query;
    splitTarget("/api/x?a=1&b=2", path, query);
    EXPECT_EQ(path, "/api/x");
    EXPECT_EQ(query, "a=1&b=2");
    splitTarget("/plain", path, query);
    EXPECT_EQ(path, "/plain");
    EXPECT_EQ(query, "");
}

TEST(ResponseTest, ReasonPhrases) {
    EXPECT_EQ(reasonPhrase(431), "Request Header Fields Too Large");
    EXPECT_EQ(reasonPhrase(299), "Unknown");
}

}  // namespace
}  // namespace vp::api
