#include "services/oplog/operation_log_writer.hpp"

#include <algorithm>

#include "common/log.hpp"
#include "storage/sql_operation_log_repository.hpp"

namespace vp::services::oplog {
namespace {

// How often the thread looks at the clock while a partial batch waits. It bounds how
// late a flush can be after the interval has passed on the (possibly fake) clock.
constexpr std::chrono::milliseconds kPollInterval{20};

}  // namespace

OperationLogWriter::OperationLogWriter(storage::DbPool& pool, Options options,
                                       const common::Clock& clock)
    : pool_(pool), options_(options), clock_(clock), lastFlush_(clock.steadyNow()) {
    options_.capacity = std::max<std::size_t>(1, options_.capacity);
    options_.batchSize = std::max<std::size_t>(1, options_.batchSize);
    queue_.reserve(std::min(options_.capacity, options_.batchSize));
    thread_ = std::thread([this] { run(); });
}

OperationLogWriter::~OperationLogWriter() {
    stop();
}

void OperationLogWriter::record(domain::oplog::OperationLogEntry entry) {
    bool wakeWriter = false;
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() >= options_.capacity) {
            dropped_.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        queue_.push_back(std::move(entry));
        wakeWriter = queue_.size() == options_.batchSize;
    }
    recorded_.fetch_add(1, std::memory_order_relaxed);
    if (wakeWriter) {
        wake_.notify_one();
    }
}

OperationLogWriter::Stats OperationLogWriter::stats() const {
    return Stats{recorded_.load(), written_.load(), dropped_.load(), failed_.load()};
}

bool OperationLogWriter::flushDue(std::size_t queuedEntries) const {
    if (queuedEntries == 0) {
        return false;
    }
    return queuedEntries >= options_.batchSize ||
           clock_.steadyNow() - lastFlush_ >= options_.flushInterval;
}

void OperationLogWriter::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait_for(lock, kPollInterval,
                       [this] { return stopping_ || flushDue(queue_.size()); });
        const bool finishing = stopping_;
        while (!queue_.empty() && (finishing || flushDue(queue_.size()))) {
            const std::size_t n = std::min(queue_.size(), options_.batchSize);
            std::vector<domain::oplog::OperationLogEntry> batch(
                std::make_move_iterator(queue_.begin()),
                std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(n)));
            queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
            lastFlush_ = clock_.steadyNow();
            ++batchesInFlight_;
            lock.unlock();
            submitBatch(std::move(batch));
            lock.lock();
        }
        if (finishing) {
            return;
        }
    }
}

void OperationLogWriter::submitBatch(std::vector<domain::oplog::OperationLogEntry> batch) {
    const auto count = static_cast<std::uint64_t>(batch.size());
    auto finished = [this](std::uint64_t written, std::uint64_t failed) {
        written_.fetch_add(written);
        failed_.fetch_add(failed);
        // Notify under the lock: once stop() sees zero in flight it may destroy the writer.
        std::lock_guard lock(mutex_);
        --batchesInFlight_;
        writesDone_.notify_all();
    };
    auto job = [batch = std::move(batch), count, finished](storage::Connection& connection) {
        storage::SqlOperationLogRepository repository(connection);
        auto appended = repository.appendBatch(batch);
        if (!appended) {
            common::Logger("oplog").warn(
                "operation log batch not written",
                {{"entries", std::to_string(count)}, {"error", appended.error().message}});
            finished(0, count);
            return;
        }
        finished(count, 0);
    };
    auto unavailable = [count, finished](const common::Error&) { finished(0, count); };
    if (!pool_.submit(std::move(job), std::move(unavailable))) {
        common::Logger("oplog").warn("database pool full, operation log batch dropped",
                                     {{"entries", std::to_string(count)}});
        finished(0, count);
    }
}

void OperationLogWriter::waitForWrites() {
    std::unique_lock lock(mutex_);
    writesDone_.wait(lock, [this] { return batchesInFlight_ == 0; });
}

void OperationLogWriter::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) {
            return;
        }
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
    waitForWrites();
}

}  // namespace vp::services::oplog
