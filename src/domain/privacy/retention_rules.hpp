#pragma once
// The general retention job's rules (R-PRIV-7): for each table whose data map entry
// has a maximum retention, the column that dates a row and any condition that must
// also hold (e.g. "the account is gone"). The period itself always comes from the
// data map (DataMap::retentionFor), so the map stays the one place that says how long
// data is kept; a table with a finite retention and no rule fails
// findRetentionProblems.
#include <string>
#include <vector>

#include "domain/privacy/data_map.hpp"

namespace vp::domain::privacy {

struct RetentionRule {
    std::string table;
    std::string timeColumn;  // Unix milliseconds; rows older than the maximum go
    std::string condition;   // extra SQL condition ("" none), no parameters
};

const std::vector<RetentionRule>& videoproRetentionRules();

// One sentence per problem: a table with a finite maximum retention and no rule, a
// rule for an undeclared table or column, a rule for a table kept indefinitely.
std::vector<std::string> findRetentionProblems(const DataMap& map,
                                               const std::vector<RetentionRule>& rules);

}  // namespace vp::domain::privacy
