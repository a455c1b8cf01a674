#include "signaling/message.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace vp::signaling {
namespace {

const ParseFailure& failure(const ParseOutcome& o) {
    return std::get<ParseFailure>(o);
}

TEST(MessageTest, ParsesRequestsWithIntegerOrStringIds) {
    auto a = parseRequest(R"({"id":7,"method":"ping","data":{"x":1}})");
    ASSERT_TRUE(std::holds_alternative<Request>(a));
    const auto& ra = std::get<Request>(a);
    EXPECT_EQ(std::get<std::int64_t>(ra.id), 7);
    EXPECT_EQ(ra.method, "ping");
    EXPECT_EQ(ra.data.at("x").as_int64(), 1);

    auto b = parseRequest(R"({"id":"req-1","method":"join"})");
    ASSERT_TRUE(std::holds_alternative<Request>(b));
    EXPECT_EQ(std::get<std::string>(std::get<Request>(b).id), "req-1");
    EXPECT_TRUE(std::get<Request>(b).data.empty());
}

TEST(MessageTest, RejectsMalformedFrames) {
    EXPECT_EQ(failure(parseRequest("{not json")).error.code, "bad_json");
    EXPECT_EQ(failure(parseRequest("[1,2]")).error.code, "bad_request");
    EXPECT_EQ(failure(parseRequest(R"({"method":"ping"})")).error.code, "bad_request");
    EXPECT_EQ(failure(parseRequest(R"({"id":1.5,"method":"ping"})")).error.code, "bad_request");
    EXPECT_EQ(failure(parseRequest(R"({"id":true,"method":"ping"})")).error.code, "bad_request");
    EXPECT_EQ(failure(parseRequest(R"({"id":"","method":"ping"})")).error.code, "bad_request");
    EXPECT_EQ(failure(parseRequest(R"({"id":18446744073709551615,"method":"p"})")).error.code,
              "bad_request");
}

TEST(MessageTest, KeepsTheIdWhenOnlyTheRestIsWrong) {
    auto noMethod = failure(parseRequest(R"({"id":3,"method":5})"));
    ASSERT_TRUE(noMethod.id.has_value());
    EXPECT_EQ(std::get<std::int64_t>(*noMethod.id), 3);
    auto badData = failure(parseRequest(R"({"id":"x","method":"ping","data":[1]})"));
    ASSERT_TRUE(badData.id.has_value());
    EXPECT_EQ(badData.error.code, "bad_request");
}

TEST(MessageTest, BoundsSizeAndDepth) {
    ParseLimits limits;
    limits.maxFrameBytes = 32;
    EXPECT_EQ(failure(parseRequest(std::string(33, ' '), limits)).error.code, "frame_too_large");
    std::string deep =
        R"({"id":1,"method":"p","data":)" + std::string(100, '[') + std::string(100, ']') + "}";
    EXPECT_EQ(failure(parseRequest(deep)).error.code, "bad_json");
}

TEST(MessageTest, EncodesRepliesAndNotifications) {
    boost::json::object data;
    data["time"] = 5;
    EXPECT_EQ(encodeReply(RequestId{std::int64_t{1}}, Outcome::success(data)),
              R"({"id":1,"ok":true,"data":{"time":5}})");
    EXPECT_EQ(encodeReply(RequestId{std::string("a")}, Outcome::failure("unknown_method", "No.")),
              R"({"id":"a","ok":false,"error":{"code":"unknown_method","message":"No."}})");
    EXPECT_EQ(encodeErrorWithoutId(common::makeError("bad_json", "Bad.")),
              R"({"id":null,"ok":false,"error":{"code":"bad_json","message":"Bad."}})");
    EXPECT_EQ(encodeNotification("peerJoined", data),
              R"({"method":"peerJoined","data":{"time":5}})");
}

}  // namespace
}  // namespace vp::signaling
