// The transport parameters in the JSON shapes mediasoup-client produces and consumes.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "sfu/media_server/media_server.hpp"

namespace vp::sfu::media_server {
namespace {

namespace json = boost::json;

const char* kFingerprint =
    "E8:11:B7:B0:03:CA:58:B3:DE:CE:4D:43:0D:89:62:DB:6D:CD:EF:49:FA:7C:25:30:1E:AA:FB:4A:6C:1D:35:"
    "11";

TEST(DtlsParametersJson, ParsesWhatMediasoupClientSendsOnConnect) {
    const std::string text = std::string(R"({"role":"client","fingerprints":[
        {"algorithm":"sha-256","value":")") +
                             kFingerprint + R"("},
        {"algorithm":"sha-1","value":"AA:BB"}]})";
    auto p = parseDtlsParameters(text);
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->role, "client");
    ASSERT_EQ(p->fingerprints.size(), 2u);
    EXPECT_EQ(p->fingerprints[0], (DtlsFingerprint{"sha-256", kFingerprint}));
    EXPECT_EQ(p->fingerprints[1].algorithm, "sha-1");
}

TEST(DtlsParametersJson, RoleDefaultsToAuto) {
    auto p = parseDtlsParameters(R"({"fingerprints":[{"algorithm":"sha-256","value":"AB"}]})");
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->role, "auto");
}

TEST(DtlsParametersJson, RoundTripsThroughToJson) {
    DtlsParameters original{"server", {{"sha-256", kFingerprint}}};
    auto back = parseDtlsParameters(toJson(original));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, original);
}

TEST(DtlsParametersJson, RefusesBadInputNamingTheField) {
    const std::pair<const char*, const char*> cases[] = {
        {"not json", "not valid JSON"},
        {"[]", "must be a JSON object"},
        {R"({"role":"boss","fingerprints":[{"algorithm":"sha-256","value":"AB"}]})", ".role"},
        {R"({"role":7,"fingerprints":[{"algorithm":"sha-256","value":"AB"}]})", ".role"},
        {R"({"role":"client"})", ".fingerprints"},
        {R"({"role":"client","fingerprints":[]})", ".fingerprints"},
        {R"({"fingerprints":[{"algorithm":"sha-256"}]})", ".fingerprints[0].value"},
        {R"({"fingerprints":[{"algorithm":"","value":"AB"}]})", ".fingerprints[0].algorithm"},
        {R"({"fingerprints":[42]})", ".fingerprints[0]"},
    };
    for (const auto& [text, field] : cases) {
        auto p = parseDtlsParameters(text);
        ASSERT_FALSE(p.ok()) << text;
        EXPECT_EQ(p.error().code, "media.invalid_dtls_parameters") << text;
        EXPECT_NE(p.error().message.find(field), std::string::npos) << p.error().message;
    }
}

TEST(DtlsParametersJson, BoundsSizeAndCount) {
    EXPECT_FALSE(parseDtlsParameters(std::string(5000, ' ')).ok());
    std::string many = R"({"fingerprints":[)";
    for (int i = 0; i < 9; ++i) {
        many += std::string(i ? "," : "") + R"({"algorithm":"sha-256","value":"AB"})";
    }
    many += "]}";
    EXPECT_FALSE(parseDtlsParameters(many).ok());
    const std::string longValue =
        R"({"fingerprints":[{"algorithm":"sha-256","value":")" + std::string(300, 'A') + R"("}]})";
    EXPECT_FALSE(parseDtlsParameters(longValue).ok());
}

TEST(TransportInfoJson, HasTheShapeMediasoupClientExpects) {
    WebRtcTransportInfo info;
    info.id = "t1";
    info.iceParameters = {"ufrag0123456789a", "password0123456789012345678901ab", true};
    info.iceCandidates.push_back({"udpcandidate", 2130706431, "203.0.113.7", 40000, "udp", "host"});
    info.dtlsParameters = {"auto", {{"sha-256", kFingerprint}}};
    const json::value v = json::parse(toJson(info));
    EXPECT_EQ(v.at("id").as_string(), "t1");
    const auto& ice = v.at("iceParameters").as_object();
    EXPECT_EQ(ice.at("usernameFragment").as_string(), "ufrag0123456789a");
    EXPECT_EQ(ice.at("password").as_string(), "password0123456789012345678901ab");
    EXPECT_TRUE(ice.at("iceLite").as_bool());
    const auto& c = v.at("iceCandidates").as_array().at(0).as_object();
    EXPECT_EQ(c.at("foundation").as_string(), "udpcandidate");
    EXPECT_EQ(c.at("priority").to_number<std::int64_t>(), 2130706431);
    EXPECT_EQ(c.at("ip").as_string(), "203.0.113.7");
    EXPECT_EQ(c.at("address").as_string(), "203.0.113.7");
    EXPECT_EQ(c.at("port").to_number<std::int64_t>(), 40000);
    EXPECT_EQ(c.at("protocol").as_string(), "udp");
    EXPECT_EQ(c.at("type").as_string(), "host");
    const auto& dtls = v.at("dtlsParameters").as_object();
    EXPECT_EQ(dtls.at("role").as_string(), "auto");
    EXPECT_EQ(dtls.at("fingerprints").as_array().at(0).at("algorithm").as_string(), "sha-256");
    EXPECT_EQ(dtls.at("fingerprints").as_array().at(0).at("value").as_string(), kFingerprint);
}

TEST(TransportInfoJson, IceParametersAloneForRestartIce) {
    const json::value v = json::parse(toJson(ice::IceParameters{"u", "p", true}));
    EXPECT_EQ(v.at("usernameFragment").as_string(), "u");
    EXPECT_EQ(v.at("password").as_string(), "p");
    EXPECT_TRUE(v.at("iceLite").as_bool());
}

TEST(MediaServerEnums, NamesMatchMediasoupEvents) {
    EXPECT_EQ(toString(ConsumerEvent::ProducerClosed), "producerclose");
    EXPECT_EQ(toString(ConsumerEvent::TransportClosed), "transportclose");
    EXPECT_EQ(toString(ConsumerEvent::ProducerPaused), "producerpause");
    EXPECT_EQ(toString(IceState::Disconnected), "disconnected");
    EXPECT_EQ(toString(DtlsState::Failed), "failed");
}

}  // namespace
}  // namespace vp::sfu::media_server
