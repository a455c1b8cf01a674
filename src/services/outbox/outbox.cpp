#include "services/outbox/outbox.hpp"

#include "domain/accounts/contact.hpp"

namespace vp::services::outbox {

using domain::accounts::Channel;

common::Result<std::int64_t> Outbox::enqueue(
    domain::accounts::OutboxRepository& repository, Channel channel, const std::string& recipient,
    const domain::accounts::RenderedMessage& content) const {
    auto normalised = channel == Channel::Email ? domain::accounts::normalizeEmail(recipient)
                                                : domain::accounts::normalizePhone(recipient);
    if (!normalised || *normalised != recipient) {
        return common::makeError(
            "outbox.invalid_recipient",
            "the recipient is not a normalised " +
                std::string(channel == Channel::Email ? "email address" : "E.164 number") +
                "; normalise it with domain/accounts/contact.hpp first");
    }
    if (content.size() > limits_.maxMessageBytes) {
        return common::makeError("outbox.too_large", "the message has " +
                                                         std::to_string(content.size()) +
                                                         " bytes, more than the limit of " +
                                                         std::to_string(limits_.maxMessageBytes));
    }
    auto pending = repository.pendingCount();
    if (!pending) {
        return pending.error();
    }
    if (*pending >= limits_.maxPending) {
        return common::makeError("outbox.full",
                                 "the outbox already holds " + std::to_string(*pending) +
                                     " undelivered messages; try again later and check the "
                                     "mail and SMS transports");
    }
    return repository.enqueue(channel, recipient, content, clock_.now());
}

common::Result<std::int64_t> Outbox::enqueueTemplate(
    domain::accounts::OutboxRepository& repository, domain::accounts::TemplateId id,
    const std::string& recipient, const domain::accounts::TemplateValues& values) const {
    auto rendered = domain::accounts::renderMessage(id, values);
    if (!rendered) {
        return rendered.error();
    }
    return enqueue(repository, domain::accounts::messageTemplate(id).channel, recipient, *rendered);
}

}  // namespace vp::services::outbox
