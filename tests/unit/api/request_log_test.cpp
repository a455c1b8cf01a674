#include "api/request_log.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <vector>

namespace vp::api {
namespace {

RequestRecord record(int status) {
    RequestRecord r;
    r.route = "/x";
    r.status = status;
    return r;
}

TEST(RequestLogTest, DeliversEveryRecordInOrder) {
    std::vector<int> seen;
    {
        RequestLog log([&](const RequestRecord& r) { seen.push_back(r.status); }, 100);
        for (int i = 0; i < 50; ++i) {
            log.push(record(i));
        }
    }  // destructor delivers what is queued
    ASSERT_EQ(seen.size(), 50u);
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(seen[static_cast<std::size_t>(i)], i);
    }
}

TEST(RequestLogTest, SlowSinkNeverBlocksPushAndOverflowIsCounted) {
    std::promise<void> release;
    auto gate = release.get_future().share();
    std::atomic<int> delivered{0};
    RequestLog log(
        [&](const RequestRecord&) {
            gate.wait();
            ++delivered;
        },
        10);
    // The sink is blocked until the end: a push that waited for it would hang here.
    for (int i = 0; i < 1000; ++i) {
        log.push(record(i));
    }
    EXPECT_GE(log.dropped(), 980u);
    release.set_value();
}

}  // namespace
}  // namespace vp::api
