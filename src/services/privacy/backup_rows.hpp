#pragma once
// Who owns a row of a backup: the accounts of the snapshot by id and by contact, and
// the owner of a row along its table's subject path (domain/privacy/subject_paths.hpp).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "common/result.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

struct BackupAccounts {
    std::set<std::int64_t> ids;
    std::map<std::string, std::int64_t, std::less<>> byContact;  // email and phone
};

common::Result<BackupAccounts> loadAccounts(storage::Connection& c);

// The account a row belongs to, given the value of its subject-path column; nullopt
// for rows of no account (a guest, a contact without an account, an operator).
std::optional<std::int64_t> ownerOf(const domain::privacy::SubjectPath& path,
                                    const storage::SqlValue& value, const BackupAccounts& accounts);

}  // namespace vp::services::privacy
