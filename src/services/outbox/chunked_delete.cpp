#include "services/outbox/chunked_delete.hpp"

#include <string>

namespace vp::services::outbox {

common::Result<std::int64_t> deleteCreatedBeforeInChunks(storage::Connection& connection,
                                                         std::string_view table,
                                                         std::int64_t cutoffMillis,
                                                         std::int64_t chunk) {
    const std::string name(table);
    const std::string sql = "DELETE FROM " + name + " WHERE id IN (SELECT id FROM " + name +
                            " WHERE created_at < ? ORDER BY id LIMIT ?)";
    std::int64_t total = 0;
    for (;;) {
        auto deleted = connection.executeChanges(sql, {cutoffMillis, chunk});
        if (!deleted) {
            return deleted.error();
        }
        total += *deleted;
        if (*deleted < chunk) {
            return total;
        }
    }
}

}  // namespace vp::services::outbox
