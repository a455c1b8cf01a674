// Plain STUN Binding requests (no USERNAME) answered on the media port as a STUN
// server does, rate-limited per source IP; through the UdpMux as on a worker.
#include "sfu/ice/plain_binding_responder.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "common/clock.hpp"
#include "sfu/ice/stun_address.hpp"
#include "sfu/ice/udp_mux.hpp"
#include "stun_test_messages.hpp"

namespace vp::sfu::ice {
namespace {

using namespace std::chrono_literals;
using testing::buildRequest;
using testing::RequestSpec;

// What a browser's STUN gathering sends: a bare Binding request.
std::vector<std::uint8_t> plainRequest(std::uint8_t txidSeed = 7) {
    RequestSpec spec;
    spec.withUsername = false;
    spec.withIntegrity = false;
    spec.withPriority = false;
    spec.controlling = std::nullopt;
    spec.txidSeed = txidSeed;
    return buildRequest(spec);
}

struct Sent {
    std::vector<std::uint8_t> bytes;
    net::SocketAddress to;
};

class PlainBindingTest : public ::testing::Test {
  protected:
    PlainBindingTest()
        : responder_(clock_,
                     [this](std::span<const std::uint8_t> data, const net::SocketAddress& to) {
                         sent_.push_back({{data.begin(), data.end()}, to});
                     }) {
        mux_.setPlainBindingResponder(&responder_);
    }

    void deliver(const std::vector<std::uint8_t>& bytes, const net::SocketAddress& from) {
        mux_.route(bytes, from);
    }

    common::FakeClock clock_;
    std::vector<Sent> sent_;
    PlainBindingResponder responder_;
    UdpMux mux_;
};

TEST_F(PlainBindingTest, AnswersWithTheSourceAsXorMappedAddress) {
    const auto from = net::SocketAddress::v4({203, 0, 113, 9}, 54321);
    const auto request = plainRequest();
    deliver(request, from);
    ASSERT_EQ(sent_.size(), 1u);
    EXPECT_EQ(sent_[0].to, from);
    auto response = packet::StunMessageView::parse(sent_[0].bytes);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->messageClass(), packet::StunClass::SuccessResponse);
    EXPECT_EQ(response->method(), packet::kStunMethodBinding);
    auto req = packet::StunMessageView::parse(request);
    ASSERT_TRUE(req);
    EXPECT_TRUE(std::equal(response->transactionId().begin(), response->transactionId().end(),
                           req->transactionId().begin()));
    auto mapped = response->xorMappedAddress();
    ASSERT_TRUE(mapped);
    EXPECT_EQ(toSocketAddress(*mapped), from);
    EXPECT_FALSE(response->hasMessageIntegrity());  // no credentials to sign with
    EXPECT_TRUE(response->hasFingerprint());
    EXPECT_EQ(mux_.stats().plainBindingAnswered, 1u);
    EXPECT_EQ(mux_.stats().droppedMalformedStun, 0u);
}

TEST_F(PlainBindingTest, IPv6SourcesToo) {
    const auto from =
        net::SocketAddress::v6({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 4000);
    deliver(plainRequest(), from);
    ASSERT_EQ(sent_.size(), 1u);
    auto response = packet::StunMessageView::parse(sent_[0].bytes);
    ASSERT_TRUE(response && response->xorMappedAddress());
    EXPECT_EQ(toSocketAddress(*response->xorMappedAddress()), from);
}

TEST_F(PlainBindingTest, AFloodFromOneIpIsCappedWithoutHurtingOthers) {
    const auto attacker = net::SocketAddress::v4({198, 51, 100, 1}, 1);
    for (std::uint16_t port = 1; port <= 100; ++port) {  // any port: limited per IP
        deliver(plainRequest(), net::SocketAddress::v4({198, 51, 100, 1}, port));
    }
    EXPECT_EQ(sent_.size(), 10u);  // the burst
    EXPECT_EQ(mux_.stats().plainBindingLimited, 90u);
    deliver(plainRequest(), net::SocketAddress::v4({198, 51, 100, 2}, 5000));
    EXPECT_EQ(sent_.size(), 11u);  // another IP is answered
    EXPECT_EQ(sent_.back().to.port(), 5000);
    clock_.advance(1s);  // 5 per second come back
    for (int i = 0; i < 10; ++i) {
        deliver(plainRequest(), attacker);
    }
    EXPECT_EQ(sent_.size(), 16u);
}

TEST_F(PlainBindingTest, TheNumberOfRememberedSourcesIsBounded) {
    std::vector<Sent> out;
    PlainBindingResponder small(
        clock_,
        [&](std::span<const std::uint8_t> data, const net::SocketAddress& to) {
            out.push_back({{data.begin(), data.end()}, to});
        },
        PlainBindingOptions{.ratePerSecond = 5, .burst = 10, .maxSources = 3});
    const auto bytes = plainRequest();  // the view below points into it
    auto request = packet::StunMessageView::parse(bytes);
    ASSERT_TRUE(request);
    for (std::uint8_t i = 1; i <= 4; ++i) {
        small.answer(*request, net::SocketAddress::v4({10, 0, 0, i}, 1));
    }
    EXPECT_EQ(out.size(), 3u);  // a fourth busy source waits
    EXPECT_EQ(small.sourceCount(), 3u);
    clock_.advance(3s);  // the buckets refilled: idle sources are forgotten
    EXPECT_TRUE(small.answer(*request, net::SocketAddress::v4({10, 0, 0, 4}, 1)));
    EXPECT_EQ(small.sourceCount(), 1u);
}

TEST_F(PlainBindingTest, WithoutAResponderPlainRequestsStayMalformedAndOthersAreUnchanged) {
    UdpMux bare;
    bare.route(plainRequest(), net::SocketAddress::v4({192, 0, 2, 1}, 1));
    EXPECT_EQ(bare.stats().droppedMalformedStun, 1u);
    // A request with USERNAME is still ICE: routed by ufrag (unknown here), never answered.
    RequestSpec ice;
    deliver(buildRequest(ice), net::SocketAddress::v4({192, 0, 2, 1}, 1));
    EXPECT_TRUE(sent_.empty());
    EXPECT_EQ(mux_.stats().droppedUnknownUfrag, 1u);
}

}  // namespace
}  // namespace vp::sfu::ice
