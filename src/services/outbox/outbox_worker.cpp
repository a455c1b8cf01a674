#include "services/outbox/outbox_worker.hpp"

#include "common/mask.hpp"
#include "services/outbox/sql_outbox_repository.hpp"

namespace vp::services::outbox {
namespace {

using domain::accounts::Channel;
using domain::accounts::OutboundMessage;

std::string maskedRecipient(const OutboundMessage& m) {
    return m.channel == Channel::Email ? common::maskEmail(m.recipient)
                                       : common::maskPhone(m.recipient);
}

// Errors are stored and logged; keep them short.
std::string clip(std::string text) {
    constexpr std::size_t kMaxError = 500;
    if (text.size() > kMaxError) {
        text.resize(kMaxError);
    }
    return text;
}

}  // namespace

OutboxWorker::OutboxWorker(ConnectionFactory connect, OutboxTransports transports,
                           OutboxWorkerOptions options, const common::Clock& clock,
                           common::Random& random)
    : connect_(std::move(connect)),
      transports_(transports),
      options_(options),
      clock_(clock),
      random_(random) {}

OutboxWorker::~OutboxWorker() {
    stop();
}

void OutboxWorker::start() {
    thread_ = std::thread([this] { run(); });
}

void OutboxWorker::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_one();
}

void OutboxWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) {
        thread_.join();
    }
}

OutboxWorker::Stats OutboxWorker::stats() const {
    return {sent_.load(), retried_.load(), failed_.load(), passes_.load()};
}

void OutboxWorker::run() {
    for (;;) {
        auto handled = runOnce();
        if (!handled) {
            log_.warn("outbox pass failed", {{"error", handled.error().message}});
        }
        std::unique_lock lock(mutex_);
        if (stopping_) {
            return;
        }
        // A full batch suggests more is due: go again at once.
        if (handled && *handled >= options_.batchSize) {
            continue;
        }
        wake_.wait_for(lock, options_.pollInterval, [this] { return stopping_ || woken_; });
        woken_ = false;
        if (stopping_) {
            return;
        }
    }
}

common::Result<storage::Connection*> OutboxWorker::connection() {
    if (connection_ && !connection_->healthy()) {
        connection_.reset();
    }
    if (!connection_) {
        auto opened = connect_();
        if (!opened) {
            return opened.error();
        }
        connection_ = std::move(*opened);
    }
    return connection_.get();
}

common::Result<std::size_t> OutboxWorker::runOnce() {
    passes_.fetch_add(1);
    auto c = connection();
    if (!c) {
        return c.error();
    }
    SqlOutboxRepository repository(**c);
    const auto now = clock_.now();
    auto exhausted = repository.failExhausted(options_.retry.maxAttempts, now);
    if (!exhausted) {
        return exhausted.error();
    }
    if (*exhausted > 0) {
        failed_.fetch_add(static_cast<std::uint64_t>(*exhausted));
        log_.warn("outbox messages failed after their last claim expired",
                  {{"count", std::to_string(*exhausted)}});
    }
    auto batch = repository.claimDue(options_.batchSize, options_.retry.maxAttempts, now,
                                     now + options_.lease);
    if (!batch) {
        return batch.error();
    }
    for (const auto& message : *batch) {
        deliver(repository, message);
    }
    purgeIfDue(repository);
    return batch->size();
}

void OutboxWorker::deliver(domain::accounts::OutboxRepository& repository,
                           const OutboundMessage& message) {
    Transport* transport = message.channel == Channel::Email ? transports_.email : transports_.sms;
    common::Status sent =
        transport != nullptr
            ? transport->send(message)
            : common::Status{common::makeError(
                  std::string(kTransient),
                  "no transport is configured for " + std::string(toString(message.channel)))};
    const std::string recipient = maskedRecipient(message);
    const std::string id = std::to_string(message.id);
    const std::string attempt = std::to_string(message.attempts);
    common::Result<bool> recorded = false;
    if (sent) {
        recorded = repository.markSent(message.id, message.attempts, clock_.now());
        sent_.fetch_add(1);
        log_.info("message sent", {{"id", id},
                                   {"template", message.content.templateId},
                                   {"to", recipient},
                                   {"attempt", attempt}});
    } else if (sent.error().code == kRejected || options_.retry.exhausted(message.attempts)) {
        recorded = repository.markFailed(message.id, message.attempts, clip(sent.error().message));
        failed_.fetch_add(1);
        log_.error("message failed", {{"id", id},
                                      {"to", recipient},
                                      {"attempt", attempt},
                                      {"error", clip(sent.error().message)}});
    } else {
        const auto delay = options_.retry.delayAfter(message.attempts, random_);
        recorded = repository.scheduleRetry(message.id, message.attempts, clock_.now() + delay,
                                            clip(sent.error().message));
        retried_.fetch_add(1);
        log_.warn("message will be retried", {{"id", id},
                                              {"to", recipient},
                                              {"attempt", attempt},
                                              {"retry_in_ms", std::to_string(delay.count())},
                                              {"error", clip(sent.error().message)}});
    }
    if (!recorded) {
        log_.error("cannot record the outcome of a send",
                   {{"id", id}, {"error", recorded.error().message}});
    } else if (!*recorded) {
        log_.warn("the claim on a message was taken over by another worker", {{"id", id}});
    }
}

void OutboxWorker::purgeIfDue(domain::accounts::OutboxRepository& repository) {
    const auto now = clock_.steadyNow();
    if (purged_ && now - lastPurge_ < options_.purgeInterval) {
        return;
    }
    purged_ = true;
    lastPurge_ = now;
    auto deleted = repository.deleteCreatedBefore(clock_.now() - options_.retention);
    if (!deleted) {
        log_.warn("outbox retention failed", {{"error", deleted.error().message}});
    } else if (*deleted > 0) {
        log_.info("outbox retention deleted old messages", {{"count", std::to_string(*deleted)}});
    }
}

}  // namespace vp::services::outbox
