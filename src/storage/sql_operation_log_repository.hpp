#pragma once
// The network operation log on either backend (table network_operation_log).
#include "domain/oplog/operation_log.hpp"
#include "storage/connection.hpp"

namespace vp::storage {

class SqlOperationLogRepository final : public domain::oplog::OperationLogRepository {
  public:
    explicit SqlOperationLogRepository(Connection& connection) : connection_(connection) {}

    common::Status appendBatch(std::span<const domain::oplog::OperationLogEntry> entries) override;
    common::Result<std::vector<domain::oplog::OperationLogEntry>> listBetween(
        std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to,
        std::size_t limit) override;
    // Deletes in bounded chunks so that no single statement holds locks for long.
    common::Result<std::int64_t> deleteOlderThan(
        std::chrono::system_clock::time_point cutoff) override;

  private:
    Connection& connection_;
};

}  // namespace vp::storage
