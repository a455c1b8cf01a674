#include "services/oplog/operation_log_retention.hpp"

#include "common/log.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "storage/sql_operation_log_repository.hpp"

namespace vp::services::oplog {

common::Result<OperationLogRetention> OperationLogRetention::create(std::chrono::days keep,
                                                                    const common::Clock& clock) {
    const auto rule = domain::privacy::videoproDataMap().retentionFor("network_operation_log");
    if (!rule) {
        return common::makeError("oplog.retention",
                                 "the data map declares no retention for network_operation_log");
    }
    if (keep < rule->minimum || (rule->maximum && keep > *rule->maximum)) {
        return common::makeError("oplog.retention",
                                 "operation log retention of " + std::to_string(keep.count()) +
                                     " days is outside the data map's rule (" + rule->rule +
                                     "): choose " + std::to_string(rule->minimum.count()) + " to " +
                                     std::to_string(rule->maximum ? rule->maximum->count() : 0) +
                                     " days");
    }
    return OperationLogRetention(keep, clock);
}

common::Result<std::int64_t> OperationLogRetention::runOnce(storage::Connection& connection) const {
    storage::SqlOperationLogRepository repository(connection);
    auto deleted = repository.deleteOlderThan(clock_->now() - keep_);
    if (deleted && *deleted > 0) {
        common::Logger("oplog").info(
            "operation log retention",
            {{"deleted", std::to_string(*deleted)}, {"keep_days", std::to_string(keep_.count())}});
    }
    return deleted;
}

}  // namespace vp::services::oplog
