#include "services/scheduler/periodic_task.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace vp::services::scheduler {
namespace {

using namespace std::chrono_literals;

TEST(PeriodicTask, RunsAtStartAndThenRepeatedly) {
    std::atomic<int> runs{0};
    PeriodicTask task(5ms, [&] { ++runs; });
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (runs.load() < 3 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(1ms);
    }
    task.stop();
    EXPECT_GE(runs.load(), 3);
}

TEST(PeriodicTask, StopWakesALongWaitAndRunsNothingAfterwards) {
    std::atomic<int> runs{0};
    PeriodicTask task(1h, [&] { ++runs; });
    while (runs.load() == 0) {
        std::this_thread::sleep_for(1ms);
    }
    const auto before = std::chrono::steady_clock::now();
    task.stop();  // must not wait out the hour
    EXPECT_LT(std::chrono::steady_clock::now() - before, 30s);
    const int after = runs.load();
    std::this_thread::sleep_for(10ms);
    EXPECT_EQ(runs.load(), after);
    task.stop();  // idempotent
}

}  // namespace
}  // namespace vp::services::scheduler
