#pragma once
// The general retention job (R-PRIV-7), run daily by the scheduler: for each retention
// rule, rows older than the data map's maximum for their table are deleted. It is
// idempotent (a second run removes nothing more), resumable (each table is its own
// statement; a run that stopped half-way simply continues the next time) and reports
// what it removed per table and category.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/privacy/data_map.hpp"
#include "domain/privacy/retention_rules.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

struct RetentionOutcome {
    std::string table;
    std::vector<std::string> categories;
    std::chrono::days maximum{0};
    std::int64_t deleted = 0;
};

class RetentionJob {
  public:
    // References must outlive this object.
    RetentionJob(const domain::privacy::DataMap& map,
                 const std::vector<domain::privacy::RetentionRule>& rules,
                 const common::Clock& clock)
        : map_(map), rules_(rules), clock_(clock) {}

    common::Result<std::vector<RetentionOutcome>> runOnce(storage::Connection& c) const;

  private:
    const domain::privacy::DataMap& map_;
    const std::vector<domain::privacy::RetentionRule>& rules_;
    const common::Clock& clock_;
};

}  // namespace vp::services::privacy
