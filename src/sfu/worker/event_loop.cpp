#include "sfu/worker/event_loop.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace vp::sfu::worker {

namespace {

common::Error systemError(const std::string& code, const std::string& what) {
    return common::makeError(code, what + ": " + std::strerror(errno));
}

void closeIfOpen(int fd) {
    if (fd >= 0) {
        ::close(fd);
    }
}

constexpr std::chrono::nanoseconds kMinInterval = std::chrono::milliseconds(1);
// A bound on timers run per iteration, so a flood of due timers cannot starve I/O.
constexpr std::size_t kMaxTimersPerIteration = 4096;

}  // namespace

common::Result<std::unique_ptr<EventLoop>> EventLoop::create(const common::Clock& clock,
                                                             EventLoopOptions options) {
    const int epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    const int wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    const int timerFd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (epollFd < 0 || wakeFd < 0 || timerFd < 0) {
        auto error = systemError("worker.event_loop_failed",
                                 "cannot create epoll/eventfd/timerfd (check the fd limit)");
        closeIfOpen(epollFd);
        closeIfOpen(wakeFd);
        closeIfOpen(timerFd);
        return error;
    }
    std::unique_ptr<EventLoop> loop(new EventLoop(epollFd, wakeFd, timerFd, clock, options));
    for (int fd : {wakeFd, timerFd}) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = fd;
        if (::epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, &ev) != 0) {
            return systemError("worker.event_loop_failed", "cannot watch the loop's own fds");
        }
    }
    return loop;
}

EventLoop::EventLoop(int epollFd, int wakeFd, int timerFd, const common::Clock& clock,
                     EventLoopOptions options)
    : epollFd_(epollFd), wakeFd_(wakeFd), timerFd_(timerFd), clock_(clock), options_(options) {
    options_.maxEventsPerWait = std::max(options_.maxEventsPerWait, 1);
}

EventLoop::~EventLoop() {
    ::close(timerFd_);
    ::close(wakeFd_);
    ::close(epollFd_);
}

bool EventLoop::post(Task task) {
    {
        std::lock_guard lock(postedMutex_);
        if (stopped_.load()) {
            return false;
        }
        if (posted_.size() >= options_.maxPostedTasks) {
            droppedPosts_.fetch_add(1, std::memory_order_relaxed);
            return false;
        }
        posted_.push_back(std::move(task));
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(wakeFd_, &one, sizeof(one));
    return true;
}

void EventLoop::stop() {
    {
        std::lock_guard lock(postedMutex_);  // no post() slips in after the final drain
        stopped_.store(true);
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(wakeFd_, &one, sizeof(one));
}

common::Status EventLoop::addFd(int fd, std::uint32_t events, FdHandler handler) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    if (::epoll_ctl(epollFd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
        return systemError("worker.epoll_add_failed", "cannot watch fd " + std::to_string(fd));
    }
    handlers_[fd] = std::make_shared<FdHandler>(std::move(handler));
    return {};
}

common::Status EventLoop::modifyFd(int fd, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    if (::epoll_ctl(epollFd_, EPOLL_CTL_MOD, fd, &ev) != 0) {
        return systemError("worker.epoll_mod_failed", "cannot change fd " + std::to_string(fd));
    }
    return {};
}

void EventLoop::removeFd(int fd) {
    if (handlers_.erase(fd) != 0) {
        ::epoll_ctl(epollFd_, EPOLL_CTL_DEL, fd, nullptr);
    }
}

EventLoop::TimerId EventLoop::addTimer(std::chrono::nanoseconds delay, Task task) {
    return schedule(delay, std::chrono::nanoseconds{0}, std::move(task));
}

EventLoop::TimerId EventLoop::addPeriodicTimer(std::chrono::nanoseconds interval, Task task) {
    interval = std::max(interval, kMinInterval);
    return schedule(interval, interval, std::move(task));
}

EventLoop::TimerId EventLoop::schedule(std::chrono::nanoseconds delay,
                                       std::chrono::nanoseconds interval, Task task) {
    const TimerId id = nextTimerId_++;
    timers_.emplace(id, Timer{std::move(task), interval});
    deadlines_.push(Deadline{clock_.steadyNow() + delay, nextSequence_++, id});
    return id;
}

void EventLoop::cancelTimer(TimerId id) {
    timers_.erase(id);  // its heap entry is skipped when it comes up
}

std::size_t EventLoop::runDueTimers() {
    std::size_t ran = 0;
    const auto now = clock_.steadyNow();
    while (!deadlines_.empty() && deadlines_.top().when <= now && ran < kMaxTimersPerIteration) {
        const Deadline due = deadlines_.top();
        deadlines_.pop();
        auto it = timers_.find(due.id);
        if (it == timers_.end()) {
            continue;  // cancelled
        }
        Task task;
        if (it->second.interval.count() == 0) {
            task = std::move(it->second.task);
            timers_.erase(it);
        } else {
            task = it->second.task;  // the timer may cancel itself while running
            auto next = due.when + it->second.interval;
            if (next <= now) {
                next = now + it->second.interval;  // fell behind: skip, do not burst
            }
            deadlines_.push(Deadline{next, nextSequence_++, due.id});
        }
        task();
        ++ran;
    }
    return ran;
}

void EventLoop::runPosted() {
    std::deque<Task> batch;
    {
        std::lock_guard lock(postedMutex_);
        batch.swap(posted_);
    }
    for (Task& task : batch) {
        task();
    }
}

void EventLoop::armTimerFd() {
    // Skip cancelled entries so they do not cause needless wake-ups.
    while (!deadlines_.empty() && timers_.find(deadlines_.top().id) == timers_.end()) {
        deadlines_.pop();
    }
    itimerspec spec{};
    if (!deadlines_.empty()) {
        auto wait = deadlines_.top().when - clock_.steadyNow();
        wait = std::max<std::chrono::nanoseconds>(wait, std::chrono::nanoseconds{1});
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(wait);
        spec.it_value.tv_sec = static_cast<time_t>(seconds.count());
        spec.it_value.tv_nsec = static_cast<long>((wait - seconds).count());
    }
    ::timerfd_settime(timerFd_, 0, &spec, nullptr);
}

void EventLoop::runOnce(std::chrono::milliseconds maxWait) {
    epoll_event events[256];
    const int capacity = std::min(options_.maxEventsPerWait, 256);
    const int n = ::epoll_wait(epollFd_, events, capacity, static_cast<int>(maxWait.count()));
    for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == wakeFd_ || fd == timerFd_) {
            std::uint64_t count = 0;
            [[maybe_unused]] const auto r = ::read(fd, &count, sizeof(count));
            continue;
        }
        auto it = handlers_.find(fd);
        if (it != handlers_.end()) {
            std::shared_ptr<FdHandler> handler = it->second;  // survives removeFd inside
            (*handler)(events[i].events);
        }
    }
    runPosted();
    runDueTimers();
    if (afterIteration_) {
        afterIteration_();
    }
    armTimerFd();
}

void EventLoop::run() {
    loopThread_.store(std::this_thread::get_id());
    armTimerFd();
    while (!stopped_.load()) {
        runOnce(std::chrono::milliseconds(-1));
    }
    runPosted();  // closures posted before stop() still run
}

}  // namespace vp::sfu::worker
