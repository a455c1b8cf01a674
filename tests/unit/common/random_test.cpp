#include "common/random.hpp"

#include <gtest/gtest.h>

#include <set>

namespace vp::common {
namespace {

TEST(SecureRandom, HexTokenHasRequestedLengthAndDiffers) {
    auto& r = SecureRandom::instance();
    const std::string a = r.hexToken(32);
    const std::string b = r.hexToken(32);
    EXPECT_EQ(a.size(), 64u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(SecureRandom, UniformStaysInRangeAndCoversIt) {
    auto& r = SecureRandom::instance();
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 2000; ++i) {
        const auto v = r.uniform(10);
        ASSERT_LT(v, 10u);
        seen.insert(v);
    }
    EXPECT_EQ(seen.size(), 10u);
}

}  // namespace
}  // namespace vp::common
