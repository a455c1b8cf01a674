#pragma once
// What account cancellation (R-PRIV-5) does with a closed account's rows of each
// table on its subject path. The default for every table with a path is Delete, so a
// table another feature declares in the data map and in videoproSubjectPaths() is
// erased with the account without a line here; only the exceptions are listed.
#include <string>
#include <string_view>
#include <vector>

#include "domain/privacy/data_map.hpp"
#include "domain/privacy/subject_paths.hpp"

namespace vp::domain::privacy {

enum class OnCancellation {
    Delete,        // the subject's rows are deleted (the default)
    Pseudonymise,  // the subject column becomes NULL, pseudonymColumns (if any) a keyed-HMAC
                   // pseudonym
    Keep,          // kept as the data map's retention says; `reason` says why
};

std::string_view toString(OnCancellation action);

struct CancellationRule {
    std::string table;
    OnCancellation action = OnCancellation::Delete;
    std::vector<std::string> pseudonymColumns;  // Pseudonymise only
    std::string reason;                         // required for Pseudonymise and Keep
};

// VideoPro's exceptions to "delete the subject's rows".
const std::vector<CancellationRule>& videoproCancellationRules();

// The rule for `table` (Delete when none is listed).
CancellationRule cancellationRuleFor(const std::vector<CancellationRule>& rules,
                                     std::string_view table);

// One step of the cancellation pipeline: a linkable table and what happens to it.
struct CancellationStep {
    SubjectPath path;
    CancellationRule rule;
};

// The steps in the order they must run: the data map's tables in reverse declaration
// order (tables that refer to others are declared after them), the table holding the
// account itself (the UserId path on its own row identifier) last. Tables that are
// not linkable have no step.
std::vector<CancellationStep> cancellationPlan(const DataMap& map,
                                               const std::vector<SubjectPath>& paths,
                                               const std::vector<CancellationRule>& rules);

// One sentence per problem: a rule for a table without a linkable path, a rule
// without a reason, a pseudonym column that is not declared, a Pseudonymise rule on
// the account table.
std::vector<std::string> findCancellationProblems(const DataMap& map,
                                                  const std::vector<SubjectPath>& paths,
                                                  const std::vector<CancellationRule>& rules);

}  // namespace vp::domain::privacy
