#include "rooms/requests.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <fstream>
#include <sstream>

namespace vp::rooms {
namespace {

namespace json = boost::json;

json::object obj(std::string_view text) {
    return json::parse(text).as_object();
}

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(VP_RTP_FIXTURES_DIR) + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(JoinRequest, AcceptsARoomAndATrimmedName) {
    auto join = parseJoin(obj(R"({"roomId":"abc-1_X","displayName":"  Alice Ä "})"));
    ASSERT_TRUE(join.ok()) << join.error().message;
    EXPECT_EQ(join->roomId, "abc-1_X");
    EXPECT_EQ(join->displayName, "Alice Ä");
}

TEST(JoinRequest, RefusesBadRoomIdsAndNamesNamingTheField) {
    const char* badRooms[] = {R"({"displayName":"A"})", R"({"roomId":"","displayName":"A"})",
                              R"({"roomId":"a b","displayName":"A"})",
                              R"({"roomId":"a/b","displayName":"A"})",
                              R"({"roomId":7,"displayName":"A"})"};
    for (const char* text : badRooms) {
        auto join = parseJoin(obj(text));
        ASSERT_FALSE(join.ok()) << text;
        EXPECT_EQ(join.error().code, "bad_request");
        EXPECT_NE(join.error().message.find("roomId"), std::string::npos);
    }
    const std::string longRoom = std::string(kMaxRoomIdLength + 1, 'r');
    EXPECT_FALSE(parseJoin(obj(R"({"roomId":")" + longRoom + R"(","displayName":"A"})")).ok());

    const std::string badNames[] = {
        R"({"roomId":"r"})", R"({"roomId":"r","displayName":"   "})",
        R"({"roomId":"r","displayName":"a\u0007b"})", R"({"roomId":"r","displayName":["A"]})",
        R"({"roomId":"r","displayName":")" + std::string(kMaxDisplayNameBytes + 1, 'n') + R"("})"};
    for (const auto& text : badNames) {
        auto join = parseJoin(obj(text));
        ASSERT_FALSE(join.ok()) << text;
        EXPECT_NE(join.error().message.find("displayName"), std::string::npos);
    }
}

TEST(CreateTransportRequest, NeedsSendOrRecv) {
    EXPECT_EQ(parseCreateTransport(obj(R"({"direction":"send"})"))->direction,
              TransportDirection::Send);
    EXPECT_EQ(parseCreateTransport(obj(R"({"direction":"recv"})"))->direction,
              TransportDirection::Recv);
    EXPECT_FALSE(parseCreateTransport(obj(R"({"direction":"both"})")).ok());
    EXPECT_FALSE(parseCreateTransport(obj(R"({})")).ok());
}

TEST(ConnectTransportRequest, NeedsAnIdAndDtlsParametersObject) {
    auto connect = parseConnectTransport(
        obj(R"({"transportId":"t1","dtlsParameters":{"role":"client","fingerprints":[]}})"));
    ASSERT_TRUE(connect.ok());
    EXPECT_EQ(connect->transportId, "t1");
    EXPECT_EQ(json::parse(connect->dtlsParametersJson).at("role").as_string(), "client");
    EXPECT_FALSE(parseConnectTransport(obj(R"({"transportId":"t1"})")).ok());
    EXPECT_FALSE(parseConnectTransport(obj(R"({"transportId":"t1","dtlsParameters":"x"})")).ok());
    EXPECT_FALSE(parseConnectTransport(obj(R"({"dtlsParameters":{}})")).ok());
}

json::object produceData(std::string kind, std::string source, std::string fixtureName) {
    json::object data;
    data["transportId"] = "transport-1";
    data["kind"] = kind;
    data["rtpParameters"] = json::parse(fixture(fixtureName));
    json::object appData;
    appData["source"] = source;
    data["appData"] = appData;
    return data;
}

TEST(ProduceRequest, AcceptsChromeShapedParametersWithAMatchingSource) {
    auto mic = parseProduce(produceData("audio", "mic", "chrome_opus_producer.json"));
    ASSERT_TRUE(mic.ok()) << mic.error().message;
    EXPECT_EQ(mic->source, MediaSource::Mic);
    EXPECT_EQ(mic->kind, sfu::rtp_parameters::MediaKind::Audio);
    EXPECT_EQ(mic->rtpParameters.codecs.at(0).mimeType, "audio/opus");
    EXPECT_FALSE(mic->paused);

    auto screen = parseProduce(produceData("video", "screen", "chrome_vp8_producer.json"));
    ASSERT_TRUE(screen.ok()) << screen.error().message;
    EXPECT_EQ(screen->source, MediaSource::Screen);
}

TEST(ProduceRequest, RefusesMismatchesAndMissingFields) {
    auto mismatch = parseProduce(produceData("audio", "webcam", "chrome_opus_producer.json"));
    ASSERT_FALSE(mismatch.ok());
    EXPECT_NE(mismatch.error().message.find("does not match"), std::string::npos);

    EXPECT_FALSE(parseProduce(produceData("audio", "camera", "chrome_opus_producer.json")).ok());
    EXPECT_FALSE(parseProduce(produceData("data", "mic", "chrome_opus_producer.json")).ok());

    auto noParameters = produceData("audio", "mic", "chrome_opus_producer.json");
    noParameters.erase("rtpParameters");
    EXPECT_FALSE(parseProduce(noParameters).ok());

    auto badParameters = produceData("audio", "mic", "chrome_opus_producer.json");
    badParameters["rtpParameters"] = json::parse(R"({"codecs":[{"payloadType":300}]})");
    auto bad = parseProduce(badParameters);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code.rfind("rtp.", 0), 0u) << bad.error().code;

    auto badPaused = produceData("audio", "mic", "chrome_opus_producer.json");
    badPaused["paused"] = "yes";
    EXPECT_FALSE(parseProduce(badPaused).ok());
}

TEST(ConsumeRequest, NeedsAProducerAndDeviceCapabilities) {
    json::object data;
    data["producerId"] = "producer-1";
    data["rtpCapabilities"] = json::parse(fixture("chrome_device_capabilities.json"));
    auto consume = parseConsume(data);
    ASSERT_TRUE(consume.ok()) << consume.error().message;
    EXPECT_FALSE(consume->rtpCapabilities.codecs.empty());

    data.erase("rtpCapabilities");
    EXPECT_FALSE(parseConsume(data).ok());
    EXPECT_FALSE(parseConsume(obj(R"({"rtpCapabilities":{}})")).ok());
}

TEST(ObjectId, BoundsLengthAndCharacters) {
    EXPECT_EQ(*parseObjectId(obj(R"({"consumerId":"c-1"})"), "consumerId"), "c-1");
    EXPECT_FALSE(parseObjectId(obj(R"({"consumerId":"c 1"})"), "consumerId").ok());
    EXPECT_FALSE(parseObjectId(obj(R"({"other":"c1"})"), "consumerId").ok());
    EXPECT_FALSE(parseObjectId(
                     obj(R"({"consumerId":")" + std::string(kMaxObjectIdLength + 1, 'c') + R"("})"),
                     "consumerId")
                     .ok());
}

}  // namespace
}  // namespace vp::rooms
