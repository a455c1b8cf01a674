#include "api/request_log.hpp"

#include <utility>

namespace vp::api {

RequestLog::RequestLog(Sink sink, std::size_t capacity)
    : sink_(std::move(sink)), capacity_(capacity) {
    if (sink_) {
        thread_ = std::thread([this] { run(); });
    }
}

RequestLog::~RequestLog() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void RequestLog::push(RequestRecord record) {
    if (!sink_) {
        return;
    }
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() >= capacity_) {
            ++dropped_;
            return;
        }
        queue_.push_back(std::move(record));
    }
    wake_.notify_one();
}

std::uint64_t RequestLog::dropped() const {
    std::lock_guard lock(mutex_);
    return dropped_;
}

void RequestLog::run() {
    std::deque<RequestRecord> batch;
    while (true) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_) {
                return;
            }
            batch.swap(queue_);
        }
        for (const RequestRecord& record : batch) {
            sink_(record);
        }
        batch.clear();
    }
}

}  // namespace vp::api
