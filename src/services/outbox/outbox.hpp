#pragma once
// Outbox: the one entry point for every outgoing message (R-ACC-6). enqueue() renders
// nothing and sends nothing: it checks the bounds and stores the message on the
// caller's connection, so it commits or rolls back with the caller's transaction.
// The OutboxWorker delivers it later on its own thread.
#include <cstddef>
#include <cstdint>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/accounts/message_templates.hpp"
#include "domain/accounts/outbox_repository.hpp"

namespace vp::services::outbox {

struct OutboxLimits {
    std::size_t maxMessageBytes = 256 * 1024;  // subject + text + html
    std::int64_t maxPending = 10000;           // queued or sending messages, at most
};

class Outbox {
  public:
    Outbox(OutboxLimits limits, const common::Clock& clock) : limits_(limits), clock_(clock) {}

    // Errors: "outbox.invalid_recipient" (not a normalised address/number of the
    // channel), "outbox.too_large", "outbox.full" (retry later), storage errors.
    common::Result<std::int64_t> enqueue(domain::accounts::OutboxRepository& repository,
                                         domain::accounts::Channel channel,
                                         const std::string& recipient,
                                         const domain::accounts::RenderedMessage& content) const;

    // Renders a template and enqueues it on the template's channel.
    common::Result<std::int64_t> enqueueTemplate(
        domain::accounts::OutboxRepository& repository, domain::accounts::TemplateId id,
        const std::string& recipient, const domain::accounts::TemplateValues& values) const;

  private:
    OutboxLimits limits_;
    const common::Clock& clock_;
};

}  // namespace vp::services::outbox
