#pragma once
// Worker: one thread running one EventLoop that owns one UDP socket and the
// UdpMux every WebRTC transport of this worker is registered with. A Router lives
// on one worker for life; other threads reach it only through post().
#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "sfu/ice/udp_mux.hpp"
#include "sfu/net/linux_udp_socket.hpp"
#include "sfu/worker/event_loop.hpp"

namespace vp::sfu::worker {

struct WorkerOptions {
    std::size_t index = 0;
    net::UdpSocketOptions socket;  // host and port of this worker's socket
    ice::UdpMuxOptions mux;
    EventLoopOptions loop;
};

class Worker {
  public:
    // Opens the socket and starts the thread; errors (e.g. the port is taken) are
    // returned here, before any thread exists.
    static common::Result<std::unique_ptr<Worker>> start(WorkerOptions options,
                                                         const common::Clock& clock);
    ~Worker();  // stop()
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    // Any thread. False when the worker's queue is full (dropped and counted).
    bool post(EventLoop::Task task);
    // Any thread but the worker's own: stops the loop and joins the thread.
    void stop();

    std::size_t index() const { return index_; }
    const net::SocketAddress& localAddress() const { return localAddress_; }
    net::UdpSocketStats socketStats() const { return socket_->stats(); }
    std::uint64_t droppedPosts() const { return loop_->droppedPosts(); }

    // Assignment weight (e.g. routers placed here), for Workers::leastLoaded().
    void addLoad(int delta) { load_.fetch_add(delta, std::memory_order_relaxed); }
    int load() const { return load_.load(std::memory_order_relaxed); }

    // Worker thread only (inside posted closures and handlers).
    EventLoop& loop() { return *loop_; }
    ice::UdpMux& mux() { return mux_; }
    net::UdpSocket& socket() { return *socket_; }

  private:
    Worker(std::size_t index, std::unique_ptr<EventLoop> loop,
           std::unique_ptr<net::LinuxUdpSocket> socket, ice::UdpMuxOptions muxOptions);
    common::Status watchSocket();
    void flushSocket();

    std::size_t index_;
    std::unique_ptr<EventLoop> loop_;
    std::unique_ptr<net::LinuxUdpSocket> socket_;
    net::SocketAddress localAddress_;
    ice::UdpMux mux_;
    bool waitingForWritable_ = false;
    std::atomic<int> load_{0};
    std::thread thread_;
};

}  // namespace vp::sfu::worker
