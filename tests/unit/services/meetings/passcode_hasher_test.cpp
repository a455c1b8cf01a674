#include <gtest/gtest.h>

#include "services/meetings/join_tokens.hpp"
#include "services/meetings/meeting_keys.hpp"

namespace vp::services::meetings {
namespace {

PasscodeHasher hasher(std::uint8_t fill) {
    MeetingKey k{};
    k.fill(fill);
    auto h = PasscodeHasher::fromMasterKey(k);
    EXPECT_TRUE(h);
    return *h;
}

TEST(PasscodeHasherTest, VerifiesOnlyTheRightPasscodeOfTheRightMeeting) {
    const auto h = hasher(3);
    const std::string stored = h.hash("1234567890", "4821");
    EXPECT_EQ(stored.size(), 64u);
    EXPECT_EQ(stored.find("4821"), std::string::npos);
    EXPECT_TRUE(h.verify(stored, "1234567890", "4821"));
    EXPECT_FALSE(h.verify(stored, "1234567890", "4822"));
    EXPECT_FALSE(h.verify(stored, "1234567891", "4821"));  // bound to the meeting
    EXPECT_FALSE(h.verify(stored.substr(1), "1234567890", "4821"));
    EXPECT_FALSE(hasher(4).verify(stored, "1234567890", "4821"));  // keyed
}

TEST(PasscodeHasherTest, DerivedKeysDifferPerUse) {
    MeetingKey master{};
    master.fill(9);
    auto a = deriveMeetingKey(master, "vp.meetings.passcode.v1");
    auto b = deriveMeetingKey(master, "vp.meetings.join-token.v1");
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b);
    EXPECT_NE(*a, master);
    // RFC 4231 test case 2 ("Jefe", "what do ya want for nothing?").
    const std::string jefe = "Jefe";
    EXPECT_EQ(
        toHex(hmacSha256(std::span(reinterpret_cast<const std::uint8_t*>(jefe.data()), jefe.size()),
                         "what do ya want for nothing?")),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace vp::services::meetings
