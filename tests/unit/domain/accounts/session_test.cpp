// Session expiry (idle and absolute), touch throttling and device summaries.
#include "domain/accounts/session.hpp"

#include <gtest/gtest.h>

#include "common/clock.hpp"

namespace vp::domain::accounts {
namespace {

using namespace std::chrono_literals;

Session startedAt(std::chrono::system_clock::time_point t, const SessionPolicy& policy) {
    Session s;
    s.createdAt = t;
    s.lastUsedAt = t;
    s.expiresAt = t + policy.absoluteTimeout;
    return s;
}

TEST(SessionTest, EndsAfterThirtyIdleMinutes) {
    common::FakeClock clock;
    SessionPolicy policy;
    Session s = startedAt(clock.now(), policy);
    clock.advance(29min + 59s);
    EXPECT_EQ(decideSession(policy, s, clock.now()), SessionState::Valid);
    clock.advance(1s);
    EXPECT_EQ(decideSession(policy, s, clock.now()), SessionState::IdleExpired);
}

TEST(SessionTest, UseKeepsItAliveUntilTheAbsoluteDeadline) {
    common::FakeClock clock;
    SessionPolicy policy;
    Session s = startedAt(clock.now(), policy);
    for (int i = 0; i < 12 * 3 - 1; ++i) {  // used every 20 minutes for 11h40
        clock.advance(20min);
        ASSERT_EQ(decideSession(policy, s, clock.now()), SessionState::Valid) << i;
        ASSERT_TRUE(shouldTouch(policy, s, clock.now()));
        s.lastUsedAt = clock.now();
    }
    clock.advance(20min);  // 12h after sign-in
    EXPECT_EQ(decideSession(policy, s, clock.now()), SessionState::AbsoluteExpired);
}

TEST(SessionTest, ConfiguredTimeoutsApply) {
    common::FakeClock clock;
    SessionPolicy policy{5min, 1h, 10s};
    Session s = startedAt(clock.now(), policy);
    EXPECT_EQ(sessionEnd(policy, s), clock.now() + 5min);
    clock.advance(5min);
    EXPECT_EQ(decideSession(policy, s, clock.now()), SessionState::IdleExpired);
}

TEST(SessionTest, TouchIsThrottled) {
    common::FakeClock clock;
    SessionPolicy policy;
    Session s = startedAt(clock.now(), policy);
    clock.advance(10s);
    EXPECT_FALSE(shouldTouch(policy, s, clock.now()));
    clock.advance(20s);
    EXPECT_TRUE(shouldTouch(policy, s, clock.now()));
}

TEST(SessionTest, SummarizesUserAgents) {
    EXPECT_EQ(summarizeUserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 "
                                 "Firefox/128.0"),
              "Firefox on Linux");
    EXPECT_EQ(summarizeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                                 "(KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0"),
              "Edge on Windows");
    EXPECT_EQ(summarizeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
                                 "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
                                 "Mobile/15E148 Safari/604.1"),
              "Safari on iOS");
    EXPECT_EQ(summarizeUserAgent("curl/7.88.1"), "curl");
    EXPECT_EQ(summarizeUserAgent(""), "Unknown device");
}

}  // namespace
}  // namespace vp::domain::accounts
