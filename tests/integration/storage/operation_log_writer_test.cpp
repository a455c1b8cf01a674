// The operation log writer and retention, writing through a real DbPool to both
// backends.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "services/oplog/operation_log_retention.hpp"
#include "services/oplog/operation_log_writer.hpp"
#include "storage/sql_operation_log_repository.hpp"
#include "test_database.hpp"

namespace vp::storage::testing {
namespace {

using domain::oplog::OperationLogEntry;
using services::oplog::OperationLogRetention;
using services::oplog::OperationLogWriter;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::milliseconds;

class OperationLogWriterTest : public BackendTest {
  protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        connection_ = migratedConnection();
    }

    OperationLogEntry entry(int n) const {
        return OperationLogEntry{clock_.now(), "GET", "/healthz", 200, n, "198.51.100.7"};
    }

    std::size_t storedCount() {
        SqlOperationLogRepository repo(*connection_);
        auto all = repo.listBetween(clock_.now() - hours(1), clock_.now() + hours(24), 100000);
        EXPECT_TRUE(all.ok());
        return all.ok() ? all->size() : 0;
    }

    common::FakeClock clock_;
    std::unique_ptr<Connection> connection_;
};

TEST_P(OperationLogWriterTest, WritesFullBatchesAtOnceAndTheRestOnStop) {
    DbPool pool(database());
    OperationLogWriter writer(pool, {.capacity = 1000, .batchSize = 10, .flushInterval = hours(1)},
                              clock_);
    for (int i = 0; i < 25; ++i) {
        writer.record(entry(i));
    }
    EXPECT_TRUE(waitUntil([&] { return writer.stats().written == 20; }))
        << "written " << writer.stats().written;
    EXPECT_EQ(storedCount(), 20u) << "the partial batch waits for the flush interval";
    writer.stop();
    const auto stats = writer.stats();
    EXPECT_EQ(stats.recorded, 25u);
    EXPECT_EQ(stats.written, 25u);
    EXPECT_EQ(stats.dropped, 0u);
    EXPECT_EQ(stats.failed, 0u);
    EXPECT_EQ(storedCount(), 25u);
}

TEST_P(OperationLogWriterTest, FlushesAPartialBatchWhenTheIntervalHasPassed) {
    DbPool pool(database());
    OperationLogWriter writer(pool, {.capacity = 1000, .batchSize = 500, .flushInterval = hours(1)},
                              clock_);
    for (int i = 0; i < 3; ++i) {
        writer.record(entry(i));
    }
    std::this_thread::sleep_for(milliseconds(100));
    EXPECT_EQ(writer.stats().written, 0u);
    clock_.advance(hours(1));
    EXPECT_TRUE(waitUntil([&] { return writer.stats().written == 3; }));
    EXPECT_EQ(storedCount(), 3u);
}

TEST_P(OperationLogWriterTest, DropsAndCountsEntriesWhenFull) {
    DbPool pool(database());
    OperationLogWriter writer(pool, {.capacity = 5, .batchSize = 100, .flushInterval = hours(1)},
                              clock_);
    for (int i = 0; i < 8; ++i) {
        writer.record(entry(i));
    }
    auto stats = writer.stats();
    EXPECT_EQ(stats.recorded, 5u);
    EXPECT_EQ(stats.dropped, 3u);
    writer.stop();
    EXPECT_EQ(writer.stats().written, 5u);
    EXPECT_EQ(storedCount(), 5u);
}

TEST_P(OperationLogWriterTest, CountsBatchesThePoolRefused) {
    DbPool pool(database(), {.threads = 1, .queueCapacity = 1});
    pool.stop();  // refuses all work from now on
    OperationLogWriter writer(pool, {.capacity = 100, .batchSize = 4, .flushInterval = hours(1)},
                              clock_);
    for (int i = 0; i < 6; ++i) {
        writer.record(entry(i));
    }
    writer.stop();
    EXPECT_EQ(writer.stats().failed, 6u);
    EXPECT_EQ(writer.stats().written, 0u);
}

TEST_P(OperationLogWriterTest, RetentionDeletesEntriesOlderThanTheConfiguredPeriod) {
    EXPECT_FALSE(OperationLogRetention::create(days{30}, clock_).ok())
        << "shorter than the six months R-PRIV-7 requires";
    EXPECT_FALSE(OperationLogRetention::create(days{5000}, clock_).ok());
    auto retention = OperationLogRetention::create(days{183}, clock_);
    ASSERT_TRUE(retention.ok()) << retention.error().message;

    SqlOperationLogRepository repo(*connection_);
    std::vector<OperationLogEntry> entries{entry(1), entry(2)};
    entries[0].time = clock_.now() - days{184};
    entries[1].time = clock_.now() - days{182};
    ASSERT_TRUE(repo.appendBatch(entries).ok());
    auto deleted = retention->runOnce(*connection_);
    ASSERT_TRUE(deleted.ok()) << deleted.error().message;
    EXPECT_EQ(*deleted, 1);
    auto left = repo.listBetween(clock_.now() - days{365}, clock_.now(), 10);
    ASSERT_TRUE(left.ok());
    ASSERT_EQ(left->size(), 1u);
    EXPECT_EQ(left->front(), entries[1]);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(OperationLogWriterTest);

}  // namespace
}  // namespace vp::storage::testing
