#pragma once
// PeriodicTask: runs a callable every `interval` on its own thread until stopped.
// The callable should be short (hand real work to the DB pool).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace vp::services::scheduler {

class PeriodicTask {
  public:
    // Runs `task` once at start, then every `interval`.
    PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task);
    ~PeriodicTask();
    PeriodicTask(PeriodicTask&& other) noexcept = delete;
    PeriodicTask(const PeriodicTask&) = delete;
    PeriodicTask& operator=(const PeriodicTask&) = delete;

    // Wakes the thread and joins it. Idempotent.
    void stop();

  private:
    void run();

    std::chrono::milliseconds interval_;
    std::function<void()> task_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace vp::services::scheduler
