#pragma once
// OutboxWorker: delivers the outbox on its own thread (never a network thread) with
// its own database connection. Each pass fails exhausted messages, claims a bounded
// batch of due ones under a lease, sends each through its channel's transport, and
// records sent, a retry with back-off and jitter, or failed. A message left in
// 'sending' by a crash is claimed again once its lease has run out.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "common/clock.hpp"
#include "common/log.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/accounts/outbox_repository.hpp"
#include "domain/accounts/retry_policy.hpp"
#include "services/outbox/transport.hpp"
#include "storage/connection.hpp"

namespace vp::services::outbox {

struct OutboxWorkerOptions {
    std::size_t batchSize = 20;
    std::chrono::milliseconds pollInterval{std::chrono::seconds{2}};
    // A claim is taken over by another worker after this long; keep it well above the
    // transports' total timeout.
    std::chrono::milliseconds lease{std::chrono::minutes{5}};
    domain::accounts::RetryPolicy retry;
    std::chrono::hours retention{24 * 30};  // messages are deleted this long after creation
    std::chrono::minutes purgeInterval{60};
};

struct OutboxTransports {
    Transport* email = nullptr;  // nullptr: email stays queued and fails after retries
    Transport* sms = nullptr;
};

class OutboxWorker {
  public:
    using ConnectionFactory = std::function<common::Result<std::unique_ptr<storage::Connection>>()>;

    struct Stats {
        std::uint64_t sent = 0;
        std::uint64_t retried = 0;
        std::uint64_t failed = 0;
        std::uint64_t passes = 0;
    };

    // Transports, clock and random must outlive the worker.
    OutboxWorker(ConnectionFactory connect, OutboxTransports transports,
                 OutboxWorkerOptions options, const common::Clock& clock, common::Random& random);
    ~OutboxWorker();
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;

    // Starts the delivery thread. Call once.
    void start();
    // Asks for a pass now (e.g. right after a message was enqueued and committed).
    void wake();
    // Finishes the message being sent, then joins the thread. Idempotent. Messages
    // still claimed are taken again after their lease by the next worker.
    void stop();

    // One pass on the calling thread: returns how many messages were handled.
    // Used by the thread, and by tests that drive a FakeClock.
    common::Result<std::size_t> runOnce();
    Stats stats() const;

  private:
    void run();
    common::Result<storage::Connection*> connection();
    void deliver(domain::accounts::OutboxRepository& repository,
                 const domain::accounts::OutboundMessage& message);
    void purgeIfDue(domain::accounts::OutboxRepository& repository);

    ConnectionFactory connect_;
    OutboxTransports transports_;
    OutboxWorkerOptions options_;
    const common::Clock& clock_;
    common::Random& random_;
    common::Logger log_{"outbox"};

    std::unique_ptr<storage::Connection> connection_;
    std::chrono::steady_clock::time_point lastPurge_{};
    bool purged_ = false;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool woken_ = false;
    std::thread thread_;

    std::atomic<std::uint64_t> sent_{0};
    std::atomic<std::uint64_t> retried_{0};
    std::atomic<std::uint64_t> failed_{0};
    std::atomic<std::uint64_t> passes_{0};
};

}  // namespace vp::services::outbox
