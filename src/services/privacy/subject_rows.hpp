#pragma once
// The rows of one data subject in one table, found along its subject path
// (domain/privacy/subject_paths.hpp). "Download my data", account cancellation and its
// post-check all select the subject's rows this way, so a table another feature
// declares with a path is covered by all three.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

using domain::privacy::SubjectPath;

// Who the data is about: the account and its contact identifiers.
struct Subject {
    std::int64_t userId = 0;
    std::optional<std::string> email;  // normalised, as stored
    std::optional<std::string> phone;
};

// Reads the account's id, email and phone; "not_found" when there is no such account.
common::Result<Subject> loadSubject(storage::Connection& c, std::int64_t userId);

// "col = ?" or "col IN (?, ?)" and its parameters; nullopt when the path cannot match
// the subject (not linkable, or a contact path for an account without contacts).
struct SubjectFilter {
    std::string where;
    std::vector<storage::SqlValue> params;
};
std::optional<SubjectFilter> subjectFilter(const SubjectPath& path, const Subject& subject);

// How many rows of `path.table` belong to the subject (0 when none can).
common::Result<std::int64_t> countSubjectRows(storage::Connection& c, const SubjectPath& path,
                                              const Subject& subject);

}  // namespace vp::services::privacy
