#pragma once
// DbPool: the few threads on which all database work runs, never on a network or
// media thread. Each worker owns one Connection, opened on its first job and opened
// again on the next job after the link was lost. The queue of waiting jobs is bounded:
// submit() refuses work instead of letting memory grow.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/result.hpp"
#include "storage/connection.hpp"

namespace vp::storage {

class Database;

class DbPool {
  public:
    using Job = std::function<void(Connection&)>;
    // Called on the worker instead of the job when no connection could be opened.
    using OnUnavailable = std::function<void(const common::Error&)>;
    using ConnectionFactory = std::function<common::Result<std::unique_ptr<Connection>>()>;

    struct Options {
        std::size_t threads = 2;
        std::size_t queueCapacity = 1024;
    };

    DbPool(ConnectionFactory factory, Options options);
    explicit DbPool(const Database& database) : DbPool(database, Options{}) {}
    DbPool(const Database& database, Options options);
    ~DbPool();

    DbPool(const DbPool&) = delete;
    DbPool& operator=(const DbPool&) = delete;

    // Queues a job; false when the queue is full or the pool is stopping.
    bool submit(Job job) { return submit(std::move(job), nullptr); }
    bool submit(Job job, OnUnavailable onUnavailable);

    std::size_t inUse() const;   // jobs running now
    std::size_t queued() const;  // jobs waiting for a worker
    std::size_t threads() const { return workers_.size(); }
    std::size_t capacity() const { return options_.queueCapacity; }

    // Blocks until no job is queued or running (tests, orderly shutdown).
    void waitIdle();
    // Runs what is queued, then joins the workers. Idempotent.
    void stop();

  private:
    struct Task {
        Job job;
        OnUnavailable onUnavailable;
    };

    void workerLoop();
    void runTask(Task& task, std::unique_ptr<Connection>& connection);

    ConnectionFactory factory_;
    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable workAvailable_;
    std::condition_variable idle_;
    std::deque<Task> queue_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace vp::storage
