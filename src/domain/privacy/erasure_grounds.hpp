#pragma once
// Deletion of one category of a user's data on his request (R-PRIV-4, policy §6.4):
// which categories a user may have deleted while keeping his account, the grounds of
// §6.4 he may invoke, and which grounds let the deletion happen at once.
//
// (1) the purpose is achieved or no longer necessary and (3) consent withdrawn rest on
// the user's own choice about optional data only he is the subject of: the deletion is
// carried out at once. (4) unlawful processing and (5) other legal provisions are
// claims an operator must assess: the request waits for the operator's decision (carry
// it out, or refuse with reasons). (2), the service ending, is the operator's ground,
// not a user's.
#include <optional>
#include <span>
#include <string_view>

#include "domain/privacy/data_map.hpp"
#include "domain/privacy/subject_paths.hpp"

namespace vp::domain::privacy {

struct ErasableCategory {
    std::string_view name;       // "profile_extras", as in the API
    std::string_view label;      // for people
    std::string_view table;      // the table whose subject rows are deleted
    std::string_view condition;  // an SQL condition on those rows ("" for all)
};

enum class ErasureGround { PurposeAchieved, ConsentWithdrawn, UnlawfulProcessing, OtherLaw };

std::span<const ErasableCategory> erasableCategories();
const ErasableCategory* findErasableCategory(std::string_view name);

std::string_view toString(ErasureGround ground);  // "purpose_achieved", …
std::optional<ErasureGround> parseErasureGround(std::string_view text);
// The clause of policy §6.4 the ground stands on, e.g. "§6.4(3) consent withdrawn".
std::string_view clauseOf(ErasureGround ground);
// Whether a deletion on this ground is carried out at once (else: the operator decides).
bool erasedAtOnce(ErasureGround ground);

// One sentence per erasable category whose table is not in `map` or has no subject
// path in `paths` (the domain test keeps the list in step with the data map).
std::vector<std::string> findUnerasable(const DataMap& map, const std::vector<SubjectPath>& paths);

}  // namespace vp::domain::privacy
