#pragma once
// How the rows of each table with personal data are found for one data subject —
// the path from the data map's subject link to an account. "Download my data"
// (R-PRIV-3) and, later, erasure follow these paths; a table with personal columns
// and no path (or a "not linkable" path without a reason) fails findUnexportable.
#include <string>
#include <string_view>
#include <vector>

#include "domain/privacy/data_map.hpp"

namespace vp::domain::privacy {

enum class SubjectKey {
    UserId,       // the column holds users.id
    UserContact,  // the column holds the user's email or phone
    UserRef,      // the column holds "user:<id>"
    NotLinkable,  // the rows cannot be tied to an account (say why)
};

struct SubjectPath {
    std::string table;
    std::string column;  // empty when NotLinkable
    SubjectKey key = SubjectKey::NotLinkable;
    std::string reason;  // required when NotLinkable
};

// The paths of VideoPro's schema; one per table of videoproDataMap() with personal data.
const std::vector<SubjectPath>& videoproSubjectPaths();

const SubjectPath* subjectPathFor(const std::vector<SubjectPath>& paths, std::string_view table);

// One sentence per problem: a table with personal columns without a path, a path to
// an undeclared table or column, a NotLinkable path without a reason.
std::vector<std::string> findUnexportable(const DataMap& map,
                                          const std::vector<SubjectPath>& paths);

}  // namespace vp::domain::privacy
