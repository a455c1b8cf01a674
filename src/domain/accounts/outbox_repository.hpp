#pragma once
// Persistence of the outbox. Claims are leases: a message taken by a worker that then
// dies becomes due again when its lease runs out, so a restart loses nothing.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/accounts/outbound_message.hpp"

namespace vp::domain::accounts {

class OutboxRepository {
  public:
    using TimePoint = std::chrono::system_clock::time_point;

    virtual ~OutboxRepository() = default;

    // Stores a new Queued message due at `now`; returns its id.
    virtual common::Result<std::int64_t> enqueue(Channel channel, const std::string& recipient,
                                                 const RenderedMessage& content, TimePoint now) = 0;
    // Messages not yet Sent or Failed (the queue depth).
    virtual common::Result<std::int64_t> pendingCount() = 0;
    // Marks Failed every Sending message whose lease ran out and that has already
    // used `maxAttempts` claims; returns how many.
    virtual common::Result<std::int64_t> failExhausted(int maxAttempts, TimePoint now) = 0;
    // Takes up to `limit` due messages (Queued and due, or Sending with an expired
    // lease and fewer than `maxAttempts` claims): each becomes Sending with a lease
    // until `leaseUntil` and one more attempt. Safe against concurrent workers.
    virtual common::Result<std::vector<OutboundMessage>> claimDue(std::size_t limit,
                                                                  int maxAttempts, TimePoint now,
                                                                  TimePoint leaseUntil) = 0;
    // The outcome of the claim identified by (id, attempts). A claim whose lease was
    // taken over by another worker is ignored (returns false).
    virtual common::Result<bool> markSent(std::int64_t id, int attempts, TimePoint now) = 0;
    virtual common::Result<bool> scheduleRetry(std::int64_t id, int attempts, TimePoint due,
                                               const std::string& error) = 0;
    virtual common::Result<bool> markFailed(std::int64_t id, int attempts,
                                            const std::string& error) = 0;
    virtual common::Result<OutboundMessage> find(std::int64_t id) = 0;
    // Deletes messages created before `cutoff`, whatever their state (retention).
    virtual common::Result<std::int64_t> deleteCreatedBefore(TimePoint cutoff) = 0;
};

}  // namespace vp::domain::accounts
