#pragma once
// A router with a FakeClock, a deterministic Random and recording transport
// sinks (the transport seam; the router under test is real), plus RTP builders.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "sfu/packet/rtp_writer.hpp"
#include "sfu/router/router.hpp"
#include "sfu/rtp_parameters/json.hpp"

namespace vp::sfu::router::test {

// Bytes 1, 2, 3, ...: different SSRCs every call, the same run every time.
class CountingRandom final : public common::Random {
  public:
    void fill(std::span<std::uint8_t> out) override {
        for (auto& b : out) {
            b = next_++;
        }
    }

  private:
    std::uint8_t next_ = 1;
};

struct RecordingTransport final : RtpSink, RtcpSink {
    void sendRtp(packet::MutableBytes bytes) override {
        rtp.emplace_back(bytes.begin(), bytes.end());
    }
    void sendRtcp(packet::Bytes bytes) override { rtcp.emplace_back(bytes.begin(), bytes.end()); }
    std::vector<std::vector<std::uint8_t>> rtp;
    std::vector<std::vector<std::uint8_t>> rtcp;
};

struct RecordingObserver final : RouterObserver {
    void onConsumerEvent(std::string_view id, ConsumerEvent event) override {
        events.emplace_back(std::string(id), event);
    }
    std::vector<std::pair<std::string, ConsumerEvent>> events;
};

inline std::string readFixture(const std::string& name) {
    std::ifstream in(std::string(VP_RTP_FIXTURES_DIR) + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline rtp_parameters::RtpParameters fixtureParameters(const std::string& name) {
    auto params = rtp_parameters::parseRtpParameters(readFixture(name));
    EXPECT_TRUE(params.ok());
    return *params;
}

inline rtp_parameters::RtpCapabilities chromeDevice() {
    auto caps =
        rtp_parameters::parseRtpCapabilities(readFixture("chrome_device_capabilities.json"));
    EXPECT_TRUE(caps.ok());
    return *caps;
}

// The Chrome VP8 fixture's media SSRC and its extension ids.
inline constexpr std::uint32_t kVp8Ssrc = 2764362154u;
inline constexpr std::uint32_t kOpusSsrc = 1111111111u;

struct Extension {
    std::uint8_t id;
    std::vector<std::uint8_t> value;
};

inline std::vector<std::uint8_t> rtpPacket(std::uint32_t ssrc, std::uint8_t pt, std::uint16_t seq,
                                           std::uint32_t ts,
                                           const std::vector<Extension>& extensions = {},
                                           std::vector<std::uint8_t> payload = {1, 2, 3, 4}) {
    std::vector<packet::RtpExtensionElement> elements;
    for (const auto& e : extensions) {
        elements.push_back({e.id, e.value});
    }
    packet::RtpHeaderFields h;
    h.payloadType = pt;
    h.sequenceNumber = seq;
    h.timestamp = ts;
    h.ssrc = ssrc;
    std::vector<std::uint8_t> buf(1500);
    auto size = packet::writeRtpPacket(buf, h, elements, payload);
    EXPECT_TRUE(size.ok());
    buf.resize(size.ok() ? *size : 0);
    return buf;
}

class RouterTest : public ::testing::Test {
  protected:
    RouterTest() : RouterTest(RouterOptions{}) {}
    explicit RouterTest(RouterOptions options) : router_("room-1", clock_, random_, options) {
        router_.setObserver(&observer_);
    }

    RecordingTransport& transport(const std::string& id) {
        auto& slot = transports_[id];
        if (!slot) {
            slot = std::make_unique<RecordingTransport>();
            EXPECT_TRUE(router_.addTransport(id, *slot, *slot).ok());
        }
        return *slot;
    }

    const Producer* produce(const std::string& transportId, const std::string& id,
                            rtp_parameters::MediaKind kind, const std::string& fixture) {
        transport(transportId);
        auto p = router_.produce({transportId, id, kind, fixtureParameters(fixture), false});
        EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
        return p.ok() ? *p : nullptr;
    }

    const Producer* produceVp8(const std::string& transportId = "pub") {
        return produce(transportId, "cam", rtp_parameters::MediaKind::Video,
                       "chrome_vp8_producer.json");
    }

    const Consumer* consume(const std::string& transportId, const std::string& id,
                            const std::string& producerId, bool paused = false) {
        transport(transportId);
        auto c = router_.consume({transportId, id, producerId, chromeDevice(), paused});
        EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
        return c.ok() ? *c : nullptr;
    }

    void send(const std::string& transportId, std::vector<std::uint8_t> bytes) {
        auto packet = packet::MutableRtpPacket::parse(bytes);
        ASSERT_TRUE(packet);
        router_.onRtp(transportId, *packet);
    }

    common::FakeClock clock_;
    CountingRandom random_;
    RecordingObserver observer_;
    std::map<std::string, std::unique_ptr<RecordingTransport>> transports_;
    Router router_;  // last: destroyed first, before the sinks it points at
};

}  // namespace vp::sfu::router::test
