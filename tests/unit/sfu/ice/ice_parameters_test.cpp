// ICE credentials and host candidates (the mediasoup-client iceParameters /
// iceCandidates shape).
#include "sfu/ice/ice_parameters.hpp"

#include <gtest/gtest.h>

#include <cctype>

namespace vp::sfu::ice {
namespace {

bool allIceChars(const std::string& s) {
    for (char c : s) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/') {
            return false;
        }
    }
    return true;
}

TEST(IceParameters, GeneratedCredentialsAreLongEnoughAndDistinct) {
    auto a = generateIceParameters(common::SecureRandom::instance());
    auto b = generateIceParameters(common::SecureRandom::instance());
    EXPECT_GE(a.usernameFragment.size(), 4u);
    EXPECT_GE(a.password.size(), 22u);
    EXPECT_TRUE(allIceChars(a.usernameFragment));
    EXPECT_TRUE(allIceChars(a.password));
    EXPECT_TRUE(a.iceLite);
    EXPECT_NE(a.usernameFragment, b.usernameFragment);
    EXPECT_NE(a.password, b.password);
}

TEST(IceCandidate, HostPriorityFollowsRfc8445) {
    EXPECT_EQ(hostCandidatePriority(), 2130706431u);  // (126<<24)|(65535<<8)|255
    EXPECT_LT(hostCandidatePriority(100), hostCandidatePriority());
}

TEST(IceCandidate, UsesTheBoundAddressWithoutAnAnnouncedOne) {
    auto c = makeHostCandidate(net::SocketAddress::v4({10, 0, 0, 5}, 40000), "");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->address, "10.0.0.5");
    EXPECT_EQ(c->port, 40000);
    EXPECT_EQ(c->protocol, "udp");
    EXPECT_EQ(c->type, "host");
    EXPECT_FALSE(c->foundation.empty());
}

TEST(IceCandidate, AnnouncedAddressReplacesTheBoundOne) {
    auto c = makeHostCandidate(net::SocketAddress::v4({0, 0, 0, 0}, 40001), "203.0.113.10");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->address, "203.0.113.10");
    EXPECT_EQ(c->port, 40001);
}

TEST(IceCandidate, WildcardBindWithoutAnnouncedAddressIsAnError) {
    auto c = makeHostCandidate(net::SocketAddress::parse("::", 40002).value(), "");
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "ice.no_announced_address");
}

}  // namespace
}  // namespace vp::sfu::ice
