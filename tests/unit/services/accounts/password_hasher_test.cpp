// argon2id parameters (at least OWASP's 19 MiB / t=2), verification, and session
// token shapes.
#include "services/accounts/password_hasher.hpp"

#include <gtest/gtest.h>

#include "common/random.hpp"
#include "services/accounts/session_tokens.hpp"

namespace vp::services::accounts {
namespace {

TEST(PasswordHasherTest, StoresArgon2idWithAtLeastOwaspCost) {
    auto hasher = PasswordHasher::create();
    ASSERT_TRUE(hasher) << hasher.error().message;
    auto hash = hasher->hash("correct horse battery");
    ASSERT_TRUE(hash);
    // $argon2id$v=19$m=<KiB>,t=<passes>,p=1$<salt>$<hash>
    const std::string h = *hash;
    ASSERT_TRUE(h.starts_with("$argon2id$v=19$m=")) << h;
    const auto m = std::stol(h.substr(h.find("m=") + 2));
    const auto t = std::stol(h.substr(h.find(",t=") + 3));
    EXPECT_GE(m, 19 * 1024);
    EXPECT_GE(t, 2);
    EXPECT_EQ(h.find("correct"), std::string::npos);
}

TEST(PasswordHasherTest, RefusesParametersBelowOwasp) {
    EXPECT_FALSE(PasswordHasher::create({1, 64u << 20}));
    EXPECT_FALSE(PasswordHasher::create({3, 8u << 20}));
    EXPECT_EQ(PasswordHasher::create({1, 64u << 20}).error().code, "accounts.weak_hash_params");
}

TEST(PasswordHasherTest, VerifiesOnlyTheRightPasswordAndSaltsEachHash) {
    auto hasher = PasswordHasher::create();
    ASSERT_TRUE(hasher);
    auto a = hasher->hash("correct horse battery");
    auto b = hasher->hash("correct horse battery");
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b);
    EXPECT_TRUE(hasher->verify(*a, "correct horse battery"));
    EXPECT_FALSE(hasher->verify(*a, "correct horse batterY"));
    EXPECT_FALSE(hasher->verify("not a hash", "x"));
}

TEST(PasswordHasherTest, PasswordRules) {
    EXPECT_EQ(validatePassword("short").error().code, "weak_password");
    EXPECT_TRUE(validatePassword("eight ch"));
    EXPECT_EQ(validatePassword(std::string(129, 'x')).error().code, "invalid_password");
    EXPECT_EQ(validatePassword(std::string("nul\0inside", 10)).error().code, "invalid_password");
}

TEST(SessionTokensTest, TokensAre256RandomBitsStoredHashed) {
    auto& random = common::SecureRandom::instance();
    const auto token = newSessionToken(random);
    EXPECT_EQ(token.size(), 64u);
    EXPECT_TRUE(wellFormedSessionToken(token));
    EXPECT_NE(token, newSessionToken(random));
    EXPECT_FALSE(wellFormedSessionToken(token.substr(1)));
    EXPECT_FALSE(wellFormedSessionToken(std::string(64, 'G')));
    const auto hash = hashSessionToken(token);
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_NE(hash, token);
    EXPECT_NE(csrfTokenFor(token), hash);
    EXPECT_EQ(csrfTokenFor(token), csrfTokenFor(token));
    // SHA-256("abc")
    EXPECT_EQ(hashSessionToken("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace vp::services::accounts
