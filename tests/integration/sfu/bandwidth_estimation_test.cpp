// Send-side bandwidth estimation end to end on loopback (issue 4, item 3): a
// publisher sends three VP8 simulcast layers (with picture ids), a subscriber
// answers what it receives with transport-cc feedback. While its feedback
// shows a fast path it gets the top layer; then the feedback reports arrival
// times through a 200 kbps bottleneck (queues growing), the server's estimate
// falls and the subscriber is moved to the lowest layer — at a keyframe, with
// continuous sequence numbers and picture ids, so the decoder sees no gap.
#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <thread>
#include <vector>

#include "media_harness.hpp"
#include "sfu/packet/rtcp/common_header.hpp"
#include "sfu/packet/rtcp/pli.hpp"
#include "sfu/packet/rtcp/transport_cc.hpp"
#include "sfu/packet/rtp_header_extensions.hpp"
#include "sfu/packet/rtp_writer.hpp"
#include "sfu/packet/vp8_payload_descriptor.hpp"
#include "sfu/rtp_parameters/json.hpp"

namespace vp::sfu::testing {
namespace {

namespace ms = media_server;
namespace rtcp = packet::rtcp;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr std::uint32_t kLayerSsrc[3] = {31000, 32000, 33000};
// Per layer: packets per frame and payload bytes (~100, ~240, ~580 kbps at 30 fps).
constexpr std::size_t kPackets[3] = {1, 1, 2};
constexpr std::size_t kPayload[3] = {400, 1000, 1200};

const char* kSimulcastParameters = R"({
  "mid": "0",
  "codecs": [{"mimeType": "video/VP8", "payloadType": 96, "clockRate": 90000, "parameters": {},
              "rtcpFeedback": [{"type": "transport-cc", "parameter": ""},
                               {"type": "nack", "parameter": "pli"}]}],
  "headerExtensions": [{"uri": "urn:ietf:params:rtp-hdrext:sdes:mid", "id": 4, "encrypt": false,
                        "parameters": {}}],
  "encodings": [{"ssrc": 31000}, {"ssrc": 32000}, {"ssrc": 33000}],
  "rtcp": {"cname": "publisher", "reducedSize": true}
})";

// The publisher: one VP8 frame per layer every 33 ms, picture ids and
// TL0PICIDX per layer, a keyframe of a layer when the server asks for it.
class SimulcastPublisher {
  public:
    explicit SimulcastPublisher(client::WebRtcClient& c) : client_(c) {
        client_.setRtcpHandler([this](std::span<const std::uint8_t> compound) {
            rtcp::CompoundIterator it(compound);
            while (auto p = it.next()) {
                if (auto pli = rtcp::parsePli(*p)) {
                    for (std::size_t l = 0; l < 3; ++l) {
                        keyframe_[l] = keyframe_[l] || pli->media == kLayerSsrc[l];
                    }
                }
            }
        });
    }

    void sendFrame() {
        for (std::uint8_t l = 0; l < 3; ++l) {
            const bool key = keyframe_[l] || frame_ == 0;
            keyframe_[l] = false;
            for (std::size_t k = 0; k < kPackets[l]; ++k) {
                std::vector<std::uint8_t> payload(kPayload[l], l);
                const auto pictureId = static_cast<std::uint16_t>((1000u * l + frame_) & 0x7FFF);
                payload[0] = static_cast<std::uint8_t>(0x80 | (k == 0 ? 0x10 : 0));  // X, S
                payload[1] = 0xE0;                                                   // I L T
                payload[2] = static_cast<std::uint8_t>(0x80 | (pictureId >> 8));
                payload[3] = static_cast<std::uint8_t>(pictureId);
                payload[4] = static_cast<std::uint8_t>(10 * l + frame_);  // TL0PICIDX
                payload[5] = 0x00;
                payload[6] = k == 0 && key ? 0x00 : 0x01;  // VP8 P bit: 0 = keyframe
                const std::array<std::uint8_t, 1> mid{'0'};
                const packet::RtpExtensionElement ext{4, mid};
                packet::RtpHeaderFields h;
                h.payloadType = 96;
                h.marker = k + 1 == kPackets[l];
                h.sequenceNumber = seq_[l]++;
                h.timestamp = 3000u * frame_ + 77'000u * l;
                h.ssrc = kLayerSsrc[l];
                std::array<std::uint8_t, 1500> out{};
                auto size = packet::writeRtpPacket(out, h, std::span(&ext, 1), payload);
                ASSERT_TRUE(size.ok());
                ASSERT_TRUE(client_.sendRtp(std::span(out.data(), *size)).ok());
            }
        }
        ++frame_;
    }

  private:
    client::WebRtcClient& client_;
    std::uint32_t frame_ = 0;
    std::array<std::uint16_t, 3> seq_{100, 20'000, 40'000};
    std::array<bool, 3> keyframe_{};
};

struct ReceivedVideo {
    std::uint16_t seq;
    std::uint16_t pictureId;
    std::uint8_t layer;
    bool keyframeStart;
};

// The subscriber: records the video, and answers every packet carrying a
// transport-wide sequence number with transport-cc feedback every 100 ms;
// arrival times pass through a virtual bottleneck when one is set.
class FeedbackSubscriber {
  public:
    FeedbackSubscriber(client::WebRtcClient& c, std::uint32_t videoSsrc, std::uint8_t wideId)
        : client_(c), videoSsrc_(videoSsrc), wideId_(wideId) {
        client_.setRtpHandler([this](const packet::RtpPacketView& p) { onRtp(p); });
    }

    void setBottleneck(std::optional<std::uint64_t> bitsPerSecond) { bottleneck_ = bitsPerSecond; }

    void tick() {
        const auto now = Clock::now();
        if (now < nextFeedback_ || arrivals_.empty()) {
            return;
        }
        nextFeedback_ = now + 100ms;
        std::optional<rtcp::TransportCcBuilder> builder;
        auto flush = [&] {
            if (builder && builder->statusCount() > 0) {
                std::array<std::uint8_t, 1200> out{};
                auto size = builder->write(out);
                ASSERT_TRUE(size.ok());
                ASSERT_TRUE(client_.sendRtcp(std::span(out.data(), *size)).ok());
                ++feedbackSent;
            }
            builder.emplace(rtcp::FeedbackSsrcs{4242, videoSsrc_}, feedbackCount_++);
        };
        flush();
        for (const auto& [wide, arrival] : arrivals_) {
            if (!builder->addReceivedPacket(wide, arrival)) {
                flush();
                builder->addReceivedPacket(wide, arrival);
            }
        }
        flush();
        arrivals_.clear();
    }

    std::vector<ReceivedVideo> video;
    std::uint64_t feedbackSent = 0;
    std::uint64_t padding = 0;

  private:
    void onRtp(const packet::RtpPacketView& p) {
        if (auto value = p.extension(wideId_)) {
            if (auto wide = packet::decodeTransportSequenceNumber(*value)) {
                arrivals_.emplace_back(*wide, arrivalMicros(p.bytes().size()));
            }
        }
        if (p.ssrc() != videoSsrc_) {
            padding += p.payload().empty() ? 1u : 0u;
            return;
        }
        auto d = packet::parseVp8PayloadDescriptor(p.payload());
        ASSERT_TRUE(d && d->pictureId);
        video.push_back({p.sequenceNumber(), *d->pictureId, p.payload().back(), d->keyframeStart});
    }

    std::int64_t arrivalMicros(std::size_t size) {
        const auto real =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch())
                .count();
        if (!bottleneck_) {
            linkFree_ = real;
            return real;
        }
        const auto serialization =
            static_cast<std::int64_t>(std::uint64_t{size} * 8 * 1'000'000 / *bottleneck_);
        linkFree_ = std::max(linkFree_, real) + serialization;
        return linkFree_;
    }

    client::WebRtcClient& client_;
    std::uint32_t videoSsrc_;
    std::uint8_t wideId_;
    std::optional<std::uint64_t> bottleneck_;
    std::int64_t linkFree_ = 0;
    std::vector<std::pair<std::uint16_t, std::int64_t>> arrivals_;
    Clock::time_point nextFeedback_{};
    std::uint8_t feedbackCount_ = 0;
};

class BandwidthEstimationE2E : public ::testing::Test {
  protected:
    void SetUp() override {
        ms::MediaServerOptions options;
        options.host = "127.0.0.1";
        options.basePort = 0;
        options.workers = 1;
        auto started = ms::MediaServer::start(options, common::SystemClock::instance());
        ASSERT_TRUE(started.ok()) << started.error().message;
        server_ = std::move(*started);
        ASSERT_TRUE(await<void>([&](auto cb) { server_->createRouter("room", cb); }).ok());
    }

    std::unique_ptr<client::WebRtcClient> connected(const std::string& id) {
        auto info = await<ms::WebRtcTransportInfo>(
            [&](auto cb) { server_->createWebRtcTransport("room", id, cb); });
        EXPECT_TRUE(info.ok());
        auto c = makeClient(*dtls_);
        auto dtls = ms::parseDtlsParameters(clientDtlsJson(*c));
        EXPECT_TRUE(await<void>([&](auto cb) {
                        server_->connectWebRtcTransport("room", id, *dtls, cb);
                    }).ok());
        EXPECT_TRUE(c->connect(remoteOf(*info)).ok());
        EXPECT_TRUE(c->runUntil([&] { return c->connected() || c->failed(); }, 5000ms));
        return c;
    }

    ms::MediaServer::Stats stats() {
        auto s = await<ms::MediaServer::Stats>([&](auto cb) { server_->stats(cb); });
        EXPECT_TRUE(s.ok());
        return s.ok() ? *s : ms::MediaServer::Stats{};
    }

    std::unique_ptr<dtls::DtlsContext> dtls_ = makeClientDtlsContext();
    std::unique_ptr<ms::MediaServer> server_;
};

// Sequence numbers +1 packet after packet; picture ids the same within a
// frame and +1 from one frame to the next.
void expectNoDecoderVisibleGap(const std::vector<ReceivedVideo>& video) {
    for (std::size_t i = 1; i < video.size(); ++i) {
        ASSERT_EQ(video[i].seq, static_cast<std::uint16_t>(video[i - 1].seq + 1)) << i;
        const int step = (video[i].pictureId - video[i - 1].pictureId) & 0x7FFF;
        ASSERT_LE(step, 1) << "picture id jumped at packet " << i;
        if (step == 1) {
            continue;
        }
        ASSERT_EQ(video[i].layer, video[i - 1].layer) << "a switch starts a new picture " << i;
    }
}

TEST_F(BandwidthEstimationE2E, ASubscriberWhoseEstimateDropsMovesToALowerLayerWithoutAGap) {
    auto pub = connected("pub");
    auto sub = connected("sub");
    auto params = rtp_parameters::parseRtpParameters(kSimulcastParameters);
    ASSERT_TRUE(params.ok()) << params.error().message;
    ASSERT_TRUE(await<void>([&](auto cb) {
                    server_->produce("room", "pub", "cam", "video", *params, false, cb);
                }).ok());
    auto consumer = await<ms::ConsumerInfo>([&](auto cb) {
        server_->consume("room", "sub", "sub-cam", "cam", server_->rtpCapabilities(), false, cb);
    });
    ASSERT_TRUE(consumer.ok()) << consumer.error().message;
    std::uint8_t wideId = 0;
    for (const auto& ext : consumer->rtpParameters.headerExtensions) {
        if (ext.uri == packet::rtpExtensionUri(packet::RtpExtensionType::TransportWideCc)) {
            wideId = ext.id;
        }
    }
    ASSERT_NE(wideId, 0) << "the consumer negotiated transport-cc";

    SimulcastPublisher publisher(*pub);
    FeedbackSubscriber subscriber(*sub, *consumer->rtpParameters.encodings.at(0).ssrc, wideId);
    auto runFor = [&](std::chrono::milliseconds duration) {
        const auto end = Clock::now() + duration;
        auto nextFrame = Clock::now();
        while (Clock::now() < end) {
            if (Clock::now() >= nextFrame) {
                publisher.sendFrame();
                nextFrame += 33ms;
            }
            pub->poll(0ms);
            sub->poll(0ms);
            subscriber.tick();
            std::this_thread::sleep_for(1ms);
        }
    };

    // A fast path: the top layer (a loaded machine's scheduling hiccups may
    // cost it for a moment; probes bring it back).
    runFor(2s);
    for (int i = 0; i < 12 && (subscriber.video.empty() || subscriber.video.back().layer != 2);
         ++i) {
        runFor(500ms);
    }
    ASSERT_FALSE(subscriber.video.empty());
    EXPECT_EQ(subscriber.video.back().layer, 2);
    auto before = stats();
    ASSERT_EQ(before.transports.size(), 2u);
    const auto transportOf = [](const ms::MediaServer::Stats& s, const std::string& id) {
        for (const auto& t : s.transports) {
            if (t.transportId == id) {
                return t;
            }
        }
        return ms::TransportBandwidthStats{};
    };
    EXPECT_GT(transportOf(before, "sub").transportCcFeedback, 0u);
    EXPECT_GE(transportOf(before, "sub").availableOutgoingBitrate, 600'000u);
    EXPECT_EQ(transportOf(before, "pub").availableOutgoingBitrate, 0u) << "it receives nothing";

    // The path narrows to 200 kbps: the feedback shows queues growing.
    const std::size_t narrowedAt = subscriber.video.size();
    subscriber.setBottleneck(200'000);
    runFor(4s);
    const auto after = transportOf(stats(), "sub");
    EXPECT_LT(after.availableOutgoingBitrate, 300'000u);
    EXPECT_GT(after.overuseDecreases, 0u);
    EXPECT_TRUE(after.limited);
    const auto& video = subscriber.video;
    EXPECT_EQ(video.back().layer, 0);
    // Every switch happened at a keyframe of the new layer; after the path
    // narrowed, only downwards.
    std::size_t switches = 0;
    for (std::size_t i = 1; i < video.size(); ++i) {
        if (video[i].layer != video[i - 1].layer) {
            EXPECT_TRUE(video[i].keyframeStart) << "switch to layer " << int{video[i].layer};
            if (i >= narrowedAt) {
                ++switches;
                EXPECT_LT(video[i].layer, video[i - 1].layer);
            }
        }
    }
    EXPECT_GE(switches, 1u);
    expectNoDecoderVisibleGap(video);
    std::printf(
        "estimate %llu -> %llu bps, %zu switch(es) over %zu packets, %llu feedback, "
        "%llu padding probes received\n",
        static_cast<unsigned long long>(transportOf(before, "sub").availableOutgoingBitrate),
        static_cast<unsigned long long>(after.availableOutgoingBitrate), switches, video.size(),
        static_cast<unsigned long long>(subscriber.feedbackSent),
        static_cast<unsigned long long>(subscriber.padding));
}

}  // namespace
}  // namespace vp::sfu::testing
