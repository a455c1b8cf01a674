#include "storage/db_pool.hpp"

#include <algorithm>
#include <exception>

#include "common/log.hpp"
#include "storage/database.hpp"

namespace vp::storage {

DbPool::DbPool(ConnectionFactory factory, Options options)
    : factory_(std::move(factory)), options_(options) {
    options_.threads = std::max<std::size_t>(1, options_.threads);
    options_.queueCapacity = std::max<std::size_t>(1, options_.queueCapacity);
    workers_.reserve(options_.threads);
    for (std::size_t i = 0; i < options_.threads; ++i) {
        workers_.emplace_back([this] { workerLoop(); });
    }
}

DbPool::DbPool(const Database& database, Options options)
    : DbPool([&database] { return database.connect(); }, options) {}

DbPool::~DbPool() {
    stop();
}

bool DbPool::submit(Job job, OnUnavailable onUnavailable) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() >= options_.queueCapacity) {
            return false;
        }
        queue_.push_back(Task{std::move(job), std::move(onUnavailable)});
    }
    workAvailable_.notify_one();
    return true;
}

std::size_t DbPool::inUse() const {
    std::lock_guard lock(mutex_);
    return running_;
}

std::size_t DbPool::queued() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

void DbPool::waitIdle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
}

void DbPool::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    workAvailable_.notify_all();
    for (auto& worker : workers_) {
        if (worker.joinable()) {
            worker.join();
        }
    }
}

void DbPool::workerLoop() {
    std::unique_ptr<Connection> connection;
    for (;;) {
        Task task;
        {
            std::unique_lock lock(mutex_);
            workAvailable_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) {
                return;  // stopping and drained
            }
            task = std::move(queue_.front());
            queue_.pop_front();
            ++running_;
        }
        runTask(task, connection);
        {
            std::lock_guard lock(mutex_);
            --running_;
        }
        idle_.notify_all();
    }
}

void DbPool::runTask(Task& task, std::unique_ptr<Connection>& connection) {
    if (connection && !connection->healthy()) {
        connection.reset();
    }
    if (!connection) {
        auto opened = factory_();
        if (!opened) {
            common::Logger("storage").warn("database unavailable, job not run",
                                           {{"error", opened.error().message}});
            if (task.onUnavailable) {
                task.onUnavailable(opened.error());
            }
            return;
        }
        connection = std::move(*opened);
    }
    try {
        task.job(*connection);
    } catch (const std::exception& e) {
        // Jobs report failures through Result; a throwing job is a bug, but it must not
        // take the worker (and every later job) down with it.
        common::Logger("storage").error("database job threw", {{"what", e.what()}});
        connection.reset();
        return;
    }
    if (!connection->healthy()) {
        connection.reset();  // opened again on the next job
    }
}

}  // namespace vp::storage
