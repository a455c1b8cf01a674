#pragma once
// OperationLogWriter: takes one entry per request from the network threads and writes
// them to the database in batches on the DbPool, off the request path. record() only
// appends to a bounded in-memory queue; when the queue is full the entry is dropped
// and counted, so logging never slows or stalls a request.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "common/clock.hpp"
#include "domain/oplog/operation_log.hpp"
#include "storage/db_pool.hpp"

namespace vp::services::oplog {

class OperationLogWriter {
  public:
    struct Options {
        std::size_t capacity = 10000;                   // entries waiting in memory, at most
        std::size_t batchSize = 500;                    // entries per database transaction, at most
        std::chrono::milliseconds flushInterval{1000};  // a partial batch waits this long
    };

    struct Stats {
        std::uint64_t recorded = 0;  // accepted by record()
        std::uint64_t written = 0;   // committed to the database
        std::uint64_t dropped = 0;   // refused by record() because the queue was full
        std::uint64_t failed = 0;    // lost: the pool refused the batch or the write failed
    };

    // `pool` and `clock` must outlive the writer. The clock decides when a partial
    // batch is due (a FakeClock makes that deterministic in tests).
    OperationLogWriter(storage::DbPool& pool, Options options, const common::Clock& clock);
    ~OperationLogWriter();

    OperationLogWriter(const OperationLogWriter&) = delete;
    OperationLogWriter& operator=(const OperationLogWriter&) = delete;

    void record(domain::oplog::OperationLogEntry entry);
    Stats stats() const;
    // Writes everything queued, waits for those writes, stops the thread. Idempotent.
    void stop();

  private:
    void run();
    bool flushDue(std::size_t queuedEntries) const;
    void submitBatch(std::vector<domain::oplog::OperationLogEntry> batch);
    void waitForWrites();

    storage::DbPool& pool_;
    Options options_;
    const common::Clock& clock_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable writesDone_;
    std::vector<domain::oplog::OperationLogEntry> queue_;
    std::chrono::steady_clock::time_point lastFlush_;
    std::size_t batchesInFlight_ = 0;
    bool stopping_ = false;

    std::atomic<std::uint64_t> recorded_{0};
    std::atomic<std::uint64_t> written_{0};
    std::atomic<std::uint64_t> dropped_{0};
    std::atomic<std::uint64_t> failed_{0};

    std::thread thread_;
};

}  // namespace vp::services::oplog
