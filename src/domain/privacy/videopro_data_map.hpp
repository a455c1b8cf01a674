#pragma once
// The data map of VideoPro's own schema. A change that adds a table or column adds
// its declaration here in the same commit; the data-map test fails otherwise.
#include "domain/privacy/data_map.hpp"

namespace vp::domain::privacy {

// Minimum retention of network operation logs (R-PRIV-7: at least six months).
inline constexpr std::chrono::days kOperationLogMinimumRetention{183};

const DataMap& videoproDataMap();

}  // namespace vp::domain::privacy
