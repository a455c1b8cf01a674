#pragma once
// The batched, bounded hand-off of request records from the request path to the
// network operation log sink (ServerHooks::recordRequest), on its own thread.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "api/server_options.hpp"

namespace vp::api {

class RequestLog {
  public:
    using Sink = std::function<void(const RequestRecord&)>;

    RequestLog(Sink sink, std::size_t capacity);
    ~RequestLog();  // delivers what is queued, then joins
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;

    // Never waits for the sink: when the queue is full the record is dropped.
    void push(RequestRecord record);
    std::uint64_t dropped() const;

  private:
    void run();

    Sink sink_;
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<RequestRecord> queue_;
    std::uint64_t dropped_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace vp::api
