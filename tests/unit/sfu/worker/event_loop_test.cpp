// EventLoop: timer order on a FakeClock, cancellation, periodic timers, posting
// from other threads, the bounded post queue and a real timerfd wake-up.
#include "sfu/worker/event_loop.hpp"

#include <gtest/gtest.h>

#include <future>
#include <string>
#include <vector>

namespace vp::sfu::worker {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<EventLoop> makeLoop(const common::Clock& clock, EventLoopOptions options = {}) {
    auto loop = EventLoop::create(clock, options);
    EXPECT_TRUE(loop.ok());
    return std::move(loop).value();
}

TEST(EventLoopTimers, FireInDeadlineOrderThenInsertionOrder) {
    common::FakeClock clock;
    auto loop = makeLoop(clock);
    std::string order;
    loop->addTimer(30ms, [&] { order += "c"; });
    loop->addTimer(10ms, [&] { order += "a"; });
    loop->addTimer(20ms, [&] { order += "b1"; });
    loop->addTimer(20ms, [&] { order += "b2"; });
    EXPECT_EQ(loop->runDueTimers(), 0u);
    clock.advance(20ms);
    EXPECT_EQ(loop->runDueTimers(), 3u);
    EXPECT_EQ(order, "ab1b2");
    clock.advance(10ms);
    loop->runDueTimers();
    EXPECT_EQ(order, "ab1b2c");
    EXPECT_EQ(loop->timerCount(), 0u);
}

TEST(EventLoopTimers, CancelledTimersDoNotFire) {
    common::FakeClock clock;
    auto loop = makeLoop(clock);
    int fired = 0;
    auto id = loop->addTimer(5ms, [&] { ++fired; });
    loop->addTimer(5ms, [&] { ++fired; });
    loop->cancelTimer(id);
    clock.advance(10ms);
    EXPECT_EQ(loop->runDueTimers(), 1u);
    EXPECT_EQ(fired, 1);
}

TEST(EventLoopTimers, PeriodicTimerRepeatsUntilItCancelsItself) {
    common::FakeClock clock;
    auto loop = makeLoop(clock);
    int ticks = 0;
    EventLoop::TimerId id = 0;
    id = loop->addPeriodicTimer(1s, [&] {
        if (++ticks == 3) {
            loop->cancelTimer(id);
        }
    });
    for (int i = 0; i < 5; ++i) {
        clock.advance(1s);
        loop->runDueTimers();
    }
    EXPECT_EQ(ticks, 3);
    EXPECT_EQ(loop->timerCount(), 0u);
}

TEST(EventLoopTimers, PeriodicTimerThatFellBehindDoesNotBurst) {
    common::FakeClock clock;
    auto loop = makeLoop(clock);
    int ticks = 0;
    loop->addPeriodicTimer(1s, [&] { ++ticks; });
    clock.advance(10s);
    loop->runDueTimers();
    EXPECT_EQ(ticks, 1);
}

TEST(EventLoopTimers, TimerMayScheduleAnotherTimer) {
    common::FakeClock clock;
    auto loop = makeLoop(clock);
    std::vector<int> seen;
    loop->addTimer(1ms, [&] {
        seen.push_back(1);
        loop->addTimer(1ms, [&] { seen.push_back(2); });
    });
    clock.advance(1ms);
    loop->runDueTimers();
    clock.advance(1ms);
    loop->runDueTimers();
    EXPECT_EQ(seen, (std::vector<int>{1, 2}));
}

TEST(EventLoopTimers, RealTimerFdWakesTheLoop) {
    auto loop = makeLoop(common::SystemClock::instance());
    bool fired = false;
    loop->addTimer(5ms, [&] { fired = true; });
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    loop->runOnce(0ms);  // arms the timerfd
    while (!fired && std::chrono::steady_clock::now() < deadline) {
        loop->runOnce(500ms);
    }
    EXPECT_TRUE(fired);
}

TEST(EventLoopPost, ClosuresPostedFromAnotherThreadRunOnTheLoopThread) {
    auto loop = makeLoop(common::SystemClock::instance());
    std::promise<std::thread::id> ranOn;
    std::thread runner([&] { loop->run(); });
    std::thread poster(
        [&] { EXPECT_TRUE(loop->post([&] { ranOn.set_value(std::this_thread::get_id()); })); });
    poster.join();
    auto future = ranOn.get_future();
    ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(future.get(), runner.get_id());
    loop->stop();
    runner.join();
}

TEST(EventLoopPost, PostedClosuresRunInOrder) {
    auto loop = makeLoop(common::SystemClock::instance());
    std::vector<int> seen;
    for (int i = 0; i < 100; ++i) {
        loop->post([&seen, i] { seen.push_back(i); });
    }
    loop->runOnce(0ms);
    ASSERT_EQ(seen.size(), 100u);
    for (int i = 0; i < 100; ++i) {
        EXPECT_EQ(seen[static_cast<std::size_t>(i)], i);
    }
}

TEST(EventLoopPost, QueueIsBoundedAndOverflowIsCounted) {
    EventLoopOptions options;
    options.maxPostedTasks = 2;
    auto loop = makeLoop(common::SystemClock::instance(), options);
    int ran = 0;
    EXPECT_TRUE(loop->post([&] { ++ran; }));
    EXPECT_TRUE(loop->post([&] { ++ran; }));
    EXPECT_FALSE(loop->post([&] { ++ran; }));
    EXPECT_EQ(loop->droppedPosts(), 1u);
    loop->runOnce(0ms);
    EXPECT_EQ(ran, 2);
    EXPECT_TRUE(loop->post([&] { ++ran; }));  // room again
}

TEST(EventLoopPost, StopRunsWhatWasPostedBeforeAndRefusesWhatComesAfter) {
    auto loop = makeLoop(common::SystemClock::instance());
    std::atomic<int> ran{0};
    std::thread runner([&] { loop->run(); });
    for (int i = 0; i < 50; ++i) {
        EXPECT_TRUE(loop->post([&] { ++ran; }));
    }
    loop->stop();
    runner.join();
    EXPECT_EQ(ran.load(), 50);
    EXPECT_FALSE(loop->post([&] { ++ran; }));
    EXPECT_EQ(loop->droppedPosts(), 0u);
}

}  // namespace
}  // namespace vp::sfu::worker
