#pragma once
// Retention of the network operation log (R-PRIV-7): entries older than the
// configured period are deleted. The period may not be shorter than the data map's
// minimum (six months) nor longer than its maximum. The app runs runOnce() on the
// DbPool on a schedule (e.g. hourly).
#include <chrono>
#include <cstdint>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/connection.hpp"

namespace vp::services::oplog {

class OperationLogRetention {
  public:
    // Fails when `keep` lies outside what the data map allows for network_operation_log.
    static common::Result<OperationLogRetention> create(std::chrono::days keep,
                                                        const common::Clock& clock);

    std::chrono::days keep() const { return keep_; }
    // Deletes every entry older than now - keep; returns how many were deleted.
    common::Result<std::int64_t> runOnce(storage::Connection& connection) const;

  private:
    OperationLogRetention(std::chrono::days keep, const common::Clock& clock)
        : keep_(keep), clock_(&clock) {}

    std::chrono::days keep_;
    const common::Clock* clock_;
};

}  // namespace vp::services::oplog
