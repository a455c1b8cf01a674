#include "tools/loadtest/videopro_parameters.hpp"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include "sfu/rtp_parameters/json.hpp"
#include "sfu/rtp_parameters/validation.hpp"
#include "tools/loadtest/url.hpp"

namespace vp::tools::loadtest {
namespace {

namespace json = boost::json;

TEST(VideoProParameters, ProduceRequestsPassTheServersOwnValidation) {
    SourceConfig audio;
    audio.ssrc = 1000;
    audio.payloadType = 111;
    audio.mid = "0";
    SourceConfig video;
    video.video = true;
    video.ssrc = 2000;
    video.payloadType = 96;
    video.mid = "1";
    for (const auto& source : {audio, video}) {
        const json::object request = produceRequest("t1", source, {audio, video});
        auto parameters = sfu::rtp_parameters::readRtpParameters(request.at("rtpParameters"));
        ASSERT_TRUE(parameters.ok()) << parameters.error().message;
        EXPECT_TRUE(sfu::rtp_parameters::validateRtpParameters(*parameters).ok());
        EXPECT_EQ(*parameters->encodings.at(0).ssrc, source.ssrc);
    }
}

TEST(VideoProParameters, ReadsTransportAndConsumerReplies) {
    const auto info = json::parse(R"({"id":"transport-1",
      "iceParameters":{"usernameFragment":"uf","password":"pw","iceLite":true},
      "iceCandidates":[{"foundation":"udp","priority":1,"ip":"127.0.0.1","address":"127.0.0.1",
                        "port":40000,"protocol":"udp","type":"host"}],
      "dtlsParameters":{"role":"auto","fingerprints":[{"algorithm":"sha-1","value":"00"},
                                                     {"algorithm":"sha-256","value":"AB:CD"}]}})");
    auto remote = remoteTransportOf(info);
    ASSERT_TRUE(remote.ok()) << remote.error().message;
    EXPECT_EQ(remote->address.port(), 40000);
    EXPECT_EQ(remote->fingerprintValue, "AB:CD");
    EXPECT_FALSE(remoteTransportOf(json::parse(R"({"iceCandidates":[]})")).ok());

    auto spec = receiveSpecOf(json::parse(R"({"id":"c1","rtpParameters":{
      "codecs":[{"mimeType":"video/VP8","payloadType":96,"clockRate":90000}],
      "encodings":[{"ssrc":555,"rtx":{"ssrc":556}}]}})"),
                              "pub0/video");
    ASSERT_TRUE(spec.ok()) << spec.error().message;
    EXPECT_EQ(spec->ssrc, 555u);
    EXPECT_EQ(spec->rtxSsrc, 556u);
    EXPECT_EQ(spec->clockRate, 90000u);
    EXPECT_FALSE(receiveSpecOf(json::parse(R"({"rtpParameters":{}})"), "x").ok());
}

TEST(Url, SplitsWsAndHttpUrls) {
    auto ws = parseUrl("ws://127.0.0.1:8080/ws");
    ASSERT_TRUE(ws.ok());
    EXPECT_EQ(ws->host, "127.0.0.1");
    EXPECT_EQ(ws->port, 8080);
    EXPECT_EQ(ws->path, "/ws");
    auto http = parseUrl("http://janus");
    ASSERT_TRUE(http.ok());
    EXPECT_EQ(http->port, 80);
    EXPECT_EQ(http->path, "/");
    EXPECT_FALSE(parseUrl("wss://x/ws").ok());
    EXPECT_FALSE(parseUrl("ws://x:99999/").ok());
    EXPECT_FALSE(parseUrl("127.0.0.1:80").ok());
}

}  // namespace
}  // namespace vp::tools::loadtest
