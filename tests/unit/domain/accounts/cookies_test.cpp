// Session cookie attributes and Cookie header parsing.
#include "domain/accounts/cookies.hpp"

#include <gtest/gtest.h>

namespace vp::domain::accounts {
namespace {

TEST(CookiesTest, SessionCookieIsHttpOnlyLaxAndPathRoot) {
    const auto c = sessionSetCookie("abc", {false, std::chrono::hours{12}});
    EXPECT_EQ(c, "vp_session=abc; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax");
}

TEST(CookiesTest, SecureUnderTls) {
    const auto c = sessionSetCookie("abc", {true, std::chrono::seconds{60}});
    EXPECT_EQ(c, "vp_session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
}

TEST(CookiesTest, ClearingExpiresAtOnce) {
    EXPECT_EQ(sessionClearCookie(false), "vp_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

TEST(CookiesTest, FindsACookieAmongOthers) {
    EXPECT_EQ(findCookie("a=1; vp_session=tok; b=2", "vp_session"), "tok");
    EXPECT_EQ(findCookie("vp_session=first; vp_session=second", "vp_session"), "first");
    EXPECT_EQ(findCookie("x_vp_session=no;vp_session=\"q\"", "vp_session"), "q");
    EXPECT_FALSE(findCookie("a=1; b=2", "vp_session"));
    EXPECT_FALSE(findCookie("", "vp_session"));
    EXPECT_FALSE(findCookie("vp_session", "vp_session"));
}

}  // namespace
}  // namespace vp::domain::accounts
