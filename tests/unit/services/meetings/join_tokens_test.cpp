#include "services/meetings/join_tokens.hpp"

#include <gtest/gtest.h>

#include "common/clock.hpp"

namespace vp::services::meetings {
namespace {

using namespace std::chrono_literals;

MeetingKey key(std::uint8_t fill) {
    MeetingKey k{};
    k.fill(fill);
    return k;
}

JoinTokenSigner signer(std::uint8_t fill = 1) {
    auto s = JoinTokenSigner::fromMasterKey(key(fill));
    EXPECT_TRUE(s);
    return *s;
}

JoinClaims claims(const common::Clock& clock) {
    JoinClaims c;
    c.meetingId = "1234567890";
    c.userId = 42;
    c.name = "Alice";
    c.host = true;
    c.expiresAt = clock.now() + 120s;
    return c;
}

TEST(JoinTokenTest, SignedTokenVerifiesWithTheSameClaims) {
    common::FakeClock clock;
    const auto s = signer();
    const auto c = claims(clock);
    const std::string token = s.sign(c);
    EXPECT_TRUE(token.starts_with("vj1."));
    auto verified = s.verify(token, clock.now());
    ASSERT_TRUE(verified) << verified.error().message;
    EXPECT_EQ(*verified, c);
}

TEST(JoinTokenTest, GuestNameWithNewlinesAndDotsRoundTrips) {
    common::FakeClock clock;
    const auto s = signer();
    JoinClaims c = claims(clock);
    c.userId.reset();
    c.host = false;
    c.waiting = true;
    c.name = "Guest.With\nNewline.";
    auto verified = s.verify(s.sign(c), clock.now());
    ASSERT_TRUE(verified);
    EXPECT_EQ(*verified, c);
}

TEST(JoinTokenTest, ExpiresAfterTwoMinutes) {
    common::FakeClock clock;
    const auto s = signer();
    const std::string token = s.sign(claims(clock));
    clock.advance(119s);
    EXPECT_TRUE(s.verify(token, clock.now()));
    clock.advance(1s);
    auto expired = s.verify(token, clock.now());
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code, "join_token_expired");
}

TEST(JoinTokenTest, RefusesForgedAlteredAndForeignTokens) {
    common::FakeClock clock;
    const auto s = signer();
    const std::string token = s.sign(claims(clock));
    // Another server key.
    EXPECT_EQ(signer(2).verify(token, clock.now()).error().code, "invalid_join_token");
    // Any changed character of the payload or the MAC.
    for (std::size_t i = 4; i < token.size(); i += 7) {
        std::string altered = token;
        altered[i] = altered[i] == 'A' ? 'B' : 'A';
        EXPECT_FALSE(s.verify(altered, clock.now())) << i;
    }
    EXPECT_FALSE(s.verify("", clock.now()));
    EXPECT_FALSE(s.verify("vj1.", clock.now()));
    EXPECT_FALSE(s.verify("vj1..", clock.now()));
    EXPECT_FALSE(s.verify(token + token, clock.now()));
    EXPECT_FALSE(s.verify(std::string(600, 'a'), clock.now()));
}

TEST(JoinTokenTest, KeyMustHave32Bytes) {
    std::array<std::uint8_t, 16> shortKey{};
    EXPECT_FALSE(JoinTokenSigner::fromMasterKey(shortKey));
}

}  // namespace
}  // namespace vp::services::meetings
