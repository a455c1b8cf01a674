#pragma once
// The outbox on either backend (table outbox_messages), in portable SQL.
#include "domain/accounts/outbox_repository.hpp"
#include "storage/connection.hpp"

namespace vp::services::outbox {

class SqlOutboxRepository final : public domain::accounts::OutboxRepository {
  public:
    explicit SqlOutboxRepository(storage::Connection& connection) : connection_(connection) {}

    common::Result<std::int64_t> enqueue(domain::accounts::Channel channel,
                                         const std::string& recipient,
                                         const domain::accounts::RenderedMessage& content,
                                         TimePoint now) override;
    common::Result<std::int64_t> pendingCount() override;
    common::Result<std::int64_t> failExhausted(int maxAttempts, TimePoint now) override;
    common::Result<std::vector<domain::accounts::OutboundMessage>> claimDue(
        std::size_t limit, int maxAttempts, TimePoint now, TimePoint leaseUntil) override;
    common::Result<bool> markSent(std::int64_t id, int attempts, TimePoint now) override;
    common::Result<bool> scheduleRetry(std::int64_t id, int attempts, TimePoint due,
                                       const std::string& error) override;
    common::Result<bool> markFailed(std::int64_t id, int attempts,
                                    const std::string& error) override;
    common::Result<domain::accounts::OutboundMessage> find(std::int64_t id) override;
    common::Result<std::int64_t> deleteCreatedBefore(TimePoint cutoff) override;

  private:
    common::Result<bool> finishClaim(std::string_view sql, std::vector<storage::SqlValue> params);

    storage::Connection& connection_;
};

}  // namespace vp::services::outbox
