#pragma once
// Workers: the media worker pool, one Worker (thread + socket) per core by default.
// Worker i binds host:(basePort + i), or an ephemeral port when basePort is 0.
#include <memory>
#include <vector>

#include "sfu/worker/worker.hpp"

namespace vp::sfu::worker {

struct WorkersOptions {
    std::size_t count = 0;  // 0: std::thread::hardware_concurrency()
    std::uint16_t basePort = 0;
    WorkerOptions worker;  // socket.host etc.; index and port are set per worker
};

class Workers {
  public:
    static common::Result<Workers> start(const WorkersOptions& options, const common::Clock& clock);

    std::size_t size() const { return workers_.size(); }
    Worker& at(std::size_t index) { return *workers_.at(index); }
    // The worker with the lowest load(); ties go round-robin so equal workers fill
    // evenly. Any thread.
    Worker& leastLoaded();
    void stop();

  private:
    std::vector<std::unique_ptr<Worker>> workers_;
    std::unique_ptr<std::atomic<std::size_t>> cursor_ =
        std::make_unique<std::atomic<std::size_t>>(0);
};

}  // namespace vp::sfu::worker
