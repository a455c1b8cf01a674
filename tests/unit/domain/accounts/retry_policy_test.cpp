#include "domain/accounts/retry_policy.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace vp::domain::accounts {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Bytes from a counter: deterministic, and covers the whole range over many draws.
class CountingRandom final : public common::Random {
  public:
    void fill(std::span<std::uint8_t> out) override {
        for (auto& b : out) {
            b = static_cast<std::uint8_t>(next_ * 37 + 11);
            ++next_;
        }
    }

  private:
    unsigned next_ = 0;
};

TEST(RetryPolicy, DoublesFromTheInitialDelayUpToTheCap) {
    RetryPolicy p{seconds{30}, seconds{600}, 8};
    EXPECT_EQ(p.baseDelay(1), seconds{30});
    EXPECT_EQ(p.baseDelay(2), seconds{60});
    EXPECT_EQ(p.baseDelay(3), seconds{120});
    EXPECT_EQ(p.baseDelay(4), seconds{240});
    EXPECT_EQ(p.baseDelay(5), seconds{480});
    EXPECT_EQ(p.baseDelay(6), seconds{600});
    EXPECT_EQ(p.baseDelay(1000), seconds{600});  // no overflow however many attempts
}

TEST(RetryPolicy, JitterStaysBetweenHalfAndAllOfTheBase) {
    RetryPolicy p{seconds{30}, seconds{600}, 8};
    CountingRandom random;
    for (int attempt = 1; attempt <= 8; ++attempt) {
        const auto base = p.baseDelay(attempt);
        milliseconds lo = base, hi = milliseconds{0};
        for (int i = 0; i < 200; ++i) {
            const auto d = p.delayAfter(attempt, random);
            EXPECT_GE(d, base / 2);
            EXPECT_LE(d, base);
            lo = std::min(lo, d);
            hi = std::max(hi, d);
        }
        EXPECT_LT(lo, hi) << "the delay is jittered";
    }
}

TEST(RetryPolicy, ExhaustedAtMaxAttempts) {
    RetryPolicy p{seconds{1}, seconds{10}, 3};
    EXPECT_FALSE(p.exhausted(2));
    EXPECT_TRUE(p.exhausted(3));
}

}  // namespace
}  // namespace vp::domain::accounts
