// The network operation log repository on both backends.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "storage/sql_operation_log_repository.hpp"
#include "test_database.hpp"

namespace vp::storage::testing {
namespace {

using domain::oplog::OperationLogEntry;
using std::chrono::hours;
using std::chrono::milliseconds;

const common::FakeClock kClock;

OperationLogEntry entryAt(std::chrono::system_clock::time_point t, int n) {
    return OperationLogEntry{t,           "GET",    "/api/meetings/:id",
                             200 + n % 3, 1000 + n, "203.0.113." + std::to_string(n % 250)};
}

class OperationLogRepositoryTest : public BackendTest {};

TEST_P(OperationLogRepositoryTest, StoresAndListsEntriesInTimeOrder) {
    auto c = migratedConnection();
    SqlOperationLogRepository repo(*c);
    const auto t0 = common::fromUnixMillis(common::toUnixMillis(kClock.now()));
    std::vector<OperationLogEntry> entries{entryAt(t0 + milliseconds(20), 2), entryAt(t0, 0),
                                           entryAt(t0 + milliseconds(10), 1)};
    entries[1].clientIp = "2001:db8::1";
    entries[1].method = "POST";
    entries[1].latencyMicros = 9'000'000'000;
    ASSERT_TRUE(repo.appendBatch(entries).ok());

    auto listed = repo.listBetween(t0, t0 + hours(1), 10);
    ASSERT_TRUE(listed.ok()) << listed.error().message;
    ASSERT_EQ(listed->size(), 3u);
    EXPECT_EQ((*listed)[0], entries[1]);
    EXPECT_EQ((*listed)[1], entries[2]);
    EXPECT_EQ((*listed)[2], entries[0]);

    auto window = repo.listBetween(t0 + milliseconds(10), t0 + milliseconds(20), 10);
    ASSERT_TRUE(window.ok());
    ASSERT_EQ(window->size(), 1u) << "from is inclusive, to exclusive";
    EXPECT_EQ(window->front(), entries[2]);

    auto limited = repo.listBetween(t0, t0 + hours(1), 2);
    ASSERT_TRUE(limited.ok());
    EXPECT_EQ(limited->size(), 2u);
}

TEST_P(OperationLogRepositoryTest, AppendsLargeBatchesWhole) {
    auto c = migratedConnection();
    SqlOperationLogRepository repo(*c);
    std::vector<OperationLogEntry> entries;
    for (int i = 0; i < 1234; ++i) {
        entries.push_back(entryAt(kClock.now() + milliseconds(i), i));
    }
    ASSERT_TRUE(repo.appendBatch(entries).ok());
    auto listed = repo.listBetween(kClock.now(), kClock.now() + hours(1), 5000);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), entries.size());
    EXPECT_EQ(listed->back(), entries.back());
    EXPECT_TRUE(repo.appendBatch({}).ok());
}

TEST_P(OperationLogRepositoryTest, AFailedBatchStoresNothing) {
    auto c = migratedConnection();
    SqlOperationLogRepository repo(*c);
    std::vector<OperationLogEntry> entries;
    for (int i = 0; i < 150; ++i) {
        entries.push_back(entryAt(kClock.now(), i));
    }
    // A NOT NULL violation in the second chunk of rows must roll back the first.
    ASSERT_TRUE(
        c->executeScript(c->dialect() == Dialect::Sqlite
                             ? "CREATE TRIGGER refuse BEFORE INSERT ON network_operation_log "
                               "WHEN NEW.status = 999 BEGIN SELECT RAISE(ABORT, 'refused'); END"
                             : "ALTER TABLE network_operation_log ADD CONSTRAINT refuse "
                               "CHECK (status <> 999)")
            .ok());
    entries[140].status = 999;
    EXPECT_FALSE(repo.appendBatch(entries).ok());
    auto listed = repo.listBetween(kClock.now() - hours(1), kClock.now() + hours(1), 1000);
    ASSERT_TRUE(listed.ok());
    EXPECT_TRUE(listed->empty());
}

TEST_P(OperationLogRepositoryTest, DeletesOnlyEntriesOlderThanTheCutoff) {
    auto c = migratedConnection();
    SqlOperationLogRepository repo(*c);
    const auto now = kClock.now();
    std::vector<OperationLogEntry> entries;
    for (int i = 0; i < 12000; ++i) {  // more than one delete chunk
        entries.push_back(entryAt(now - hours(24 * 200), i));
    }
    entries.push_back(entryAt(now - hours(24), 1));
    ASSERT_TRUE(repo.appendBatch(entries).ok());
    auto deleted = repo.deleteOlderThan(now - hours(24 * 183));
    ASSERT_TRUE(deleted.ok()) << deleted.error().message;
    EXPECT_EQ(*deleted, 12000);
    auto left = repo.listBetween(now - hours(24 * 365), now, 100);
    ASSERT_TRUE(left.ok());
    ASSERT_EQ(left->size(), 1u);
    EXPECT_EQ(left->front(), entries.back());
    EXPECT_EQ(*repo.deleteOlderThan(now - hours(24 * 183)), 0);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(OperationLogRepositoryTest);

}  // namespace
}  // namespace vp::storage::testing
