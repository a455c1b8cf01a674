#include "api/connection_limiter.hpp"

#include <gtest/gtest.h>

namespace vp::api {
namespace {

TEST(ConnectionLimiterTest, BoundsPerIpAndTotal) {
    ConnectionLimiter limiter(2, 3);
    using V = ConnectionLimiter::Verdict;
    EXPECT_EQ(limiter.tryAcquire("10.0.0.1"), V::Accepted);
    EXPECT_EQ(limiter.tryAcquire("10.0.0.1"), V::Accepted);
    EXPECT_EQ(limiter.tryAcquire("10.0.0.1"), V::PerIpLimit);
    EXPECT_EQ(limiter.tryAcquire("10.0.0.2"), V::Accepted);
    EXPECT_EQ(limiter.tryAcquire("10.0.0.3"), V::TotalLimit);
    EXPECT_EQ(limiter.total(), 3u);
    limiter.release("10.0.0.1");
    EXPECT_EQ(limiter.forIp("10.0.0.1"), 1u);
    EXPECT_EQ(limiter.tryAcquire("10.0.0.3"), V::Accepted);
    limiter.release("unknown");  // ignored
    EXPECT_EQ(limiter.total(), 3u);
}

}  // namespace
}  // namespace vp::api
