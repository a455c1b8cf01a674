// DbPool on both backends: jobs run on its own threads, the queue is bounded,
// inUse() reports running jobs, a lost connection is opened again.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "storage/db_pool.hpp"
#include "test_database.hpp"

namespace vp::storage::testing {
namespace {

// A gate that jobs wait at until the test opens it.
class Gate {
  public:
    void wait() { opened_.wait(); }
    void open() { promise_.set_value(); }

  private:
    std::promise<void> promise_;
    std::shared_future<void> opened_ = promise_.get_future().share();
};

class DbPoolTest : public BackendTest {};

TEST_P(DbPoolTest, RunsJobsOnItsOwnThreadsWithWorkingConnections) {
    DbPool pool(database(), {.threads = 2, .queueCapacity = 64});
    std::mutex mutex;
    std::set<std::thread::id> threads;
    std::atomic<int> answered{0};
    for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE(pool.submit([&](Connection& c) {
            if (ping(c).ok()) {
                ++answered;
            }
            std::lock_guard lock(mutex);
            threads.insert(std::this_thread::get_id());
        }));
    }
    pool.waitIdle();
    EXPECT_EQ(answered.load(), 20);
    EXPECT_FALSE(threads.contains(std::this_thread::get_id()));
    EXPECT_GE(threads.size(), 1u);
    EXPECT_LE(threads.size(), 2u);
}

TEST_P(DbPoolTest, BoundsItsQueueAndReportsWhatIsRunning) {
    DbPool pool(database(), {.threads = 1, .queueCapacity = 2});
    Gate gate;
    std::atomic<int> ran{0};
    auto blocking = [&](Connection&) {
        gate.wait();
        ++ran;
    };
    ASSERT_TRUE(pool.submit(blocking));
    ASSERT_TRUE(waitUntil([&] { return pool.inUse() == 1; }));
    EXPECT_TRUE(pool.submit(blocking));
    EXPECT_TRUE(pool.submit(blocking));
    EXPECT_EQ(pool.queued(), 2u);
    EXPECT_FALSE(pool.submit(blocking)) << "a full queue refuses work";
    gate.open();
    pool.waitIdle();
    EXPECT_EQ(ran.load(), 3);
    EXPECT_EQ(pool.inUse(), 0u);
    EXPECT_EQ(pool.queued(), 0u);
}

TEST_P(DbPoolTest, InUseCountsEveryBusyWorker) {
    DbPool pool(database(), {.threads = 2, .queueCapacity = 8});
    Gate gate;
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(pool.submit([&](Connection&) { gate.wait(); }));
    }
    EXPECT_TRUE(waitUntil([&] { return pool.inUse() == 2; }));
    gate.open();
    pool.waitIdle();
    EXPECT_EQ(pool.inUse(), 0u);
}

TEST_P(DbPoolTest, StopRunsWhatIsQueuedThenRefusesWork) {
    DbPool pool(database(), {.threads = 1, .queueCapacity = 100});
    std::atomic<int> ran{0};
    for (int i = 0; i < 50; ++i) {
        ASSERT_TRUE(pool.submit([&](Connection& c) {
            if (ping(c).ok()) {
                ++ran;
            }
        }));
    }
    pool.stop();
    EXPECT_EQ(ran.load(), 50);
    EXPECT_FALSE(pool.submit([](Connection&) {}));
}

TEST_P(DbPoolTest, OpensTheConnectionAgainAfterAFailedOpen) {
    std::atomic<int> attempts{0};
    Database& db = database();
    DbPool pool(
        [&]() -> common::Result<std::unique_ptr<Connection>> {
            if (attempts++ == 0) {
                return common::makeError("storage.unavailable", "simulated outage");
            }
            return db.connect();
        },
        {.threads = 1, .queueCapacity = 8});
    std::atomic<bool> firstRan{false};
    std::atomic<bool> toldUnavailable{false};
    std::atomic<bool> secondRan{false};
    ASSERT_TRUE(pool.submit(
        [&](Connection&) { firstRan = true; },
        [&](const common::Error& e) { toldUnavailable = e.message == "simulated outage"; }));
    ASSERT_TRUE(pool.submit([&](Connection& c) { secondRan = ping(c).ok(); }));
    pool.waitIdle();
    EXPECT_FALSE(firstRan.load());
    EXPECT_TRUE(toldUnavailable.load());
    EXPECT_TRUE(secondRan.load());
    EXPECT_EQ(attempts.load(), 2);
}

TEST_P(DbPoolTest, ReplacesAConnectionTheServerDropped) {
    if (GetParam() != Dialect::Postgres) {
        GTEST_SKIP() << "an embedded SQLite connection cannot be dropped by a server";
    }
    DbPool pool(database(), {.threads = 1, .queueCapacity = 8});
    std::atomic<std::int64_t> firstPid{0};
    std::atomic<std::int64_t> secondPid{0};
    ASSERT_TRUE(pool.submit([&](Connection& c) {
        auto pid = c.query("SELECT pg_backend_pid()");
        firstPid = pid.ok() ? getInt(pid->front(), 0).valueOr(0) : 0;
        (void)c.query("SELECT pg_terminate_backend(pg_backend_pid())");
    }));
    ASSERT_TRUE(pool.submit([&](Connection& c) {
        auto pid = c.query("SELECT pg_backend_pid()");
        secondPid = pid.ok() ? getInt(pid->front(), 0).valueOr(0) : 0;
    }));
    pool.waitIdle();
    EXPECT_NE(firstPid.load(), 0);
    EXPECT_NE(secondPid.load(), 0) << "the job after the loss got a working connection";
    EXPECT_NE(firstPid.load(), secondPid.load());
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(DbPoolTest);

}  // namespace
}  // namespace vp::storage::testing
