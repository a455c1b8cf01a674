#pragma once
// Retention deletes in bounded chunks, so that no single statement holds locks for
// long. (A candidate for storage/: the operation log repository has the same loop.)
#include <cstdint>
#include <string_view>

#include "common/result.hpp"
#include "storage/connection.hpp"

namespace vp::services::outbox {

// Deletes the rows of `table` with created_at < cutoffMillis, `chunk` rows per
// statement; returns how many were deleted. `table` must be a trusted identifier.
common::Result<std::int64_t> deleteCreatedBeforeInChunks(storage::Connection& connection,
                                                         std::string_view table,
                                                         std::int64_t cutoffMillis,
                                                         std::int64_t chunk);

}  // namespace vp::services::outbox
