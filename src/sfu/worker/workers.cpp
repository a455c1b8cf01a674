#include "sfu/worker/workers.hpp"

#include <thread>

namespace vp::sfu::worker {

common::Result<Workers> Workers::start(const WorkersOptions& options, const common::Clock& clock) {
    std::size_t count = options.count;
    if (count == 0) {
        count = std::max(1u, std::thread::hardware_concurrency());
    }
    if (options.basePort != 0 && options.basePort + count - 1 > 65535) {
        return common::makeError("worker.bad_port_range",
                                 "media ports " + std::to_string(options.basePort) + ".." +
                                     std::to_string(options.basePort + count - 1) +
                                     " exceed 65535; lower the base port or the worker count");
    }
    Workers workers;
    for (std::size_t i = 0; i < count; ++i) {
        WorkerOptions one = options.worker;
        one.index = i;
        one.socket.port =
            options.basePort == 0 ? 0 : static_cast<std::uint16_t>(options.basePort + i);
        auto worker = Worker::start(one, clock);
        if (!worker) {
            return worker.error();  // already started workers stop in their destructors
        }
        workers.workers_.push_back(std::move(*worker));
    }
    return workers;
}

Worker& Workers::leastLoaded() {
    const std::size_t start = cursor_->fetch_add(1, std::memory_order_relaxed);
    Worker* best = nullptr;
    for (std::size_t i = 0; i < workers_.size(); ++i) {
        Worker& w = *workers_[(start + i) % workers_.size()];
        if (best == nullptr || w.load() < best->load()) {
            best = &w;
        }
    }
    return *best;
}

void Workers::stop() {
    for (auto& w : workers_) {
        w->stop();
    }
}

}  // namespace vp::sfu::worker
