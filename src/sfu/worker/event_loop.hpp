#pragma once
// EventLoop: epoll for file descriptors, a min-heap of timers driven by a
// common::Clock (a timerfd wakes the loop at the earliest deadline), and an
// eventfd-woken bounded queue of closures posted from other threads.
// Everything but post() and stop() is for the loop's own thread.
//
// Why not Asio: the media path needs recvmmsg/sendmmsg on one non-blocking socket
// and a handful of timers; epoll gives exactly that with no template-heavy headers
// in every media translation unit, and keeps the Boost dependency at the edge.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace vp::sfu::worker {

struct EventLoopOptions {
    std::size_t maxPostedTasks = 65'536;
    int maxEventsPerWait = 64;
};

class EventLoop {
  public:
    using Task = std::function<void()>;
    using FdHandler = std::function<void(std::uint32_t events)>;
    using TimerId = std::uint64_t;

    static common::Result<std::unique_ptr<EventLoop>> create(const common::Clock& clock,
                                                             EventLoopOptions options = {});
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    // Any thread. False when the queue is full (the task is dropped and counted) or
    // the loop was stopped (dropped, not counted).
    bool post(Task task);
    // Any thread. run() returns after the current iteration, having run every
    // closure posted before stop().
    void stop();
    std::uint64_t droppedPosts() const { return droppedPosts_.load(std::memory_order_relaxed); }

    // Loop thread. `events` are EPOLLIN/EPOLLOUT/...; level-triggered.
    common::Status addFd(int fd, std::uint32_t events, FdHandler handler);
    common::Status modifyFd(int fd, std::uint32_t events);
    void removeFd(int fd);

    TimerId addTimer(std::chrono::nanoseconds delay, Task task);
    // Fires every `interval` (at least 1 ms) until cancelled.
    TimerId addPeriodicTimer(std::chrono::nanoseconds interval, Task task);
    void cancelTimer(TimerId id);
    std::size_t timerCount() const { return timers_.size(); }

    // Runs after every iteration (the worker flushes its send queue here).
    void setAfterIteration(Task task) { afterIteration_ = std::move(task); }

    // Runs until stop(). Records the calling thread as the loop thread.
    void run();
    // One iteration: waits up to maxWait for events, then runs posted tasks and
    // due timers.
    void runOnce(std::chrono::milliseconds maxWait);
    // Runs every timer whose deadline has passed on the clock (tests with a
    // FakeClock call this after advancing it). Returns how many ran.
    std::size_t runDueTimers();
    bool isInLoopThread() const { return std::this_thread::get_id() == loopThread_.load(); }

  private:
    struct Timer {
        Task task;
        std::chrono::nanoseconds interval{0};  // 0: one-shot
    };
    struct Deadline {
        std::chrono::steady_clock::time_point when;
        std::uint64_t sequence;  // equal deadlines fire in the order they were set
        TimerId id;
        bool operator>(const Deadline& o) const {
            return when != o.when ? when > o.when : sequence > o.sequence;
        }
    };

    EventLoop(int epollFd, int wakeFd, int timerFd, const common::Clock& clock,
              EventLoopOptions options);
    TimerId schedule(std::chrono::nanoseconds delay, std::chrono::nanoseconds interval, Task task);
    void runPosted();
    void armTimerFd();

    int epollFd_;
    int wakeFd_;
    int timerFd_;
    const common::Clock& clock_;
    EventLoopOptions options_;
    std::atomic<bool> stopped_{false};
    std::atomic<std::thread::id> loopThread_{};

    std::mutex postedMutex_;
    std::deque<Task> posted_;
    std::atomic<std::uint64_t> droppedPosts_{0};

    std::unordered_map<int, std::shared_ptr<FdHandler>> handlers_;
    std::unordered_map<TimerId, Timer> timers_;
    std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> deadlines_;
    TimerId nextTimerId_ = 1;
    std::uint64_t nextSequence_ = 0;
    Task afterIteration_;
};

}  // namespace vp::sfu::worker
