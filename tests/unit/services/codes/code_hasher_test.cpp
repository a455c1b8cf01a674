#include "services/codes/code_hasher.hpp"

#include <gtest/gtest.h>

namespace vp::services::codes {
namespace {

using domain::accounts::CodePurpose;

CodeHasher hasherWith(std::uint8_t fill) {
    std::array<std::uint8_t, kCodeKeyBytes> key{};
    key.fill(fill);
    return CodeHasher::fromKey(key).value();
}

TEST(CodeHasher, IsHmacSha256OfPurposeTargetAndCode) {
    // Reference: python3 -c "import hmac,hashlib;
    //   print(hmac.new(b'\x01'*32, b'login\x00a@example.com\x00123456',
    //   hashlib.sha256).hexdigest())"
    EXPECT_EQ(hasherWith(1).hash(CodePurpose::Login, "a@example.com", "123456"),
              "25809f131322381c54e6d558580221ae2b9d85dc20086430f1ce0c17be6d985b");
}

TEST(CodeHasher, BindsKeyPurposeTargetAndCode) {
    const auto h = hasherWith(1);
    const auto base = h.hash(CodePurpose::Login, "a@example.com", "123456");
    EXPECT_EQ(base.size(), 64U);
    EXPECT_NE(base, hasherWith(2).hash(CodePurpose::Login, "a@example.com", "123456"));
    EXPECT_NE(base, h.hash(CodePurpose::Register, "a@example.com", "123456"));
    EXPECT_NE(base, h.hash(CodePurpose::Login, "b@example.com", "123456"));
    EXPECT_NE(base, h.hash(CodePurpose::Login, "a@example.com", "123457"));
}

TEST(CodeHasher, RefusesAKeyOfTheWrongSize) {
    std::array<std::uint8_t, 16> shortKey{};
    auto h = CodeHasher::fromKey(shortKey);
    ASSERT_FALSE(h.ok());
    EXPECT_EQ(h.error().code, "codes.bad_key");
}

}  // namespace
}  // namespace vp::services::codes
