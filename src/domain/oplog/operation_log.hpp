#pragma once
// The network operation log (R-PRIV-7): one record per HTTP request, kept in the
// database for at least six months for security and troubleshooting.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace vp::domain::oplog {

struct OperationLogEntry {
    std::chrono::system_clock::time_point time;
    std::string method;
    // The matched route template ("/api/meetings/:id"), never the raw path or query:
    // those can carry personal data that the data map does not declare here.
    std::string route;
    int status = 0;
    std::int64_t latencyMicros = 0;
    std::string clientIp;

    friend bool operator==(const OperationLogEntry&, const OperationLogEntry&) = default;
};

class OperationLogRepository {
  public:
    virtual ~OperationLogRepository() = default;

    // Stores every entry, all or none.
    virtual common::Status appendBatch(std::span<const OperationLogEntry> entries) = 0;
    // Entries with from <= time < to, oldest first, at most `limit` of them.
    virtual common::Result<std::vector<OperationLogEntry>> listBetween(
        std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to,
        std::size_t limit) = 0;
    // Deletes entries with time < cutoff; returns how many were deleted.
    virtual common::Result<std::int64_t> deleteOlderThan(
        std::chrono::system_clock::time_point cutoff) = 0;
};

}  // namespace vp::domain::oplog
