// Keyed pseudonyms: stable under one key, different under another, and not the bare
// SHA-256 of the value (which anyone could compute from a guess).
#include "services/privacy/pseudonymiser.hpp"

#include <gtest/gtest.h>

#include "services/privacy/sha256.hpp"

namespace vp::services::privacy {
namespace {

Pseudonymiser withKey(std::uint8_t fill) {
    std::array<std::uint8_t, 32> key{};
    key.fill(fill);
    return Pseudonymiser::fromKey(key).value();
}

TEST(PseudonymiserTest, StableUnderOneKeyDifferentUnderAnother) {
    const auto a = withKey(1);
    EXPECT_EQ(a.pseudonym("user", "user:12"), a.pseudonym("user", "user:12"));
    EXPECT_NE(a.pseudonym("user", "user:12"), a.pseudonym("user", "user:13"));
    EXPECT_NE(a.pseudonym("user", "user:12"), a.pseudonym("ip", "user:12"));
    EXPECT_NE(a.pseudonym("user", "user:12"), withKey(2).pseudonym("user", "user:12"));
    EXPECT_EQ(a.pseudonym("user", "user:12").size(), 5U + 16U);
    EXPECT_TRUE(a.pseudonym("user", "user:12").starts_with("anon-"));
}

TEST(PseudonymiserTest, IsNotABareHash) {
    const auto p = withKey(1).pseudonym("user", "user:12");
    const std::string value("user\0user:12", 12);
    EXPECT_EQ(sha256Hex(value).find(p.substr(5)), std::string::npos);
    EXPECT_EQ(sha256Hex("user:12").find(p.substr(5)), std::string::npos);
}

TEST(PseudonymiserTest, RefusesAShortKey) {
    std::array<std::uint8_t, 16> key{};
    EXPECT_EQ(Pseudonymiser::fromKey(key).error().code, "privacy.bad_key");
}

}  // namespace
}  // namespace vp::services::privacy
