#include "sfu/worker/worker.hpp"

#include <sys/epoll.h>

namespace vp::sfu::worker {

common::Result<std::unique_ptr<Worker>> Worker::start(WorkerOptions options,
                                                      const common::Clock& clock) {
    auto loop = EventLoop::create(clock, options.loop);
    if (!loop) {
        return loop.error();
    }
    auto socket = net::LinuxUdpSocket::open(options.socket);
    if (!socket) {
        return socket.error();
    }
    std::unique_ptr<Worker> worker(
        new Worker(options.index, std::move(*loop), std::move(*socket), options.mux));
    if (auto watched = worker->watchSocket(); !watched) {
        return watched.error();
    }
    worker->thread_ = std::thread([w = worker.get()] { w->loop_->run(); });
    return worker;
}

Worker::Worker(std::size_t index, std::unique_ptr<EventLoop> loop,
               std::unique_ptr<net::LinuxUdpSocket> socket, ice::UdpMuxOptions muxOptions)
    : index_(index),
      loop_(std::move(loop)),
      socket_(std::move(socket)),
      localAddress_(socket_->localAddress()),
      mux_(muxOptions) {}

Worker::~Worker() {
    stop();
}

common::Status Worker::watchSocket() {
    loop_->setAfterIteration([this] { flushSocket(); });
    return loop_->addFd(socket_->fd(), EPOLLIN, [this](std::uint32_t) {
        // Readable and/or writable: read a bounded number of batches; the send
        // queue is flushed after the iteration either way.
        socket_->receive(
            [this](net::Bytes data, const net::SocketAddress& from) { mux_.route(data, from); });
    });
}

void Worker::flushSocket() {
    const bool drained = socket_->flush();
    if (drained == !waitingForWritable_) {
        return;
    }
    // Ask for EPOLLOUT only while the kernel is pushing back.
    waitingForWritable_ = !drained;
    (void)loop_->modifyFd(socket_->fd(), drained ? EPOLLIN : (EPOLLIN | EPOLLOUT));
}

bool Worker::post(EventLoop::Task task) {
    return loop_->post(std::move(task));
}

void Worker::stop() {
    if (thread_.joinable()) {
        loop_->stop();
        thread_.join();
    }
}

}  // namespace vp::sfu::worker
