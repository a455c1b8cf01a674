#include "common/result.hpp"

#include <gtest/gtest.h>

namespace vp::common {
namespace {

Result<int> half(int v) {
    if (v % 2 != 0) {
        return makeError("odd", "the value must be even");
    }
    return v / 2;
}

TEST(Result, CarriesValue) {
    auto r = half(10);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, 5);
}

TEST(Result, CarriesError) {
    auto r = half(3);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "odd");
    EXPECT_EQ(r.valueOr(-1), -1);
}

TEST(Status, DefaultIsSuccess) {
    Status s;
    EXPECT_TRUE(s.ok());
    Status failed = makeError("x", "y");
    EXPECT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().message, "y");
}

}  // namespace
}  // namespace vp::common
