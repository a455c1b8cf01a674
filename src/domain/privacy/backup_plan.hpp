#pragma once
// What a backup does with each table (R-PRIV-7 crypto-shredding). A row that belongs
// to an account (found along its subject path) has its personal columns encrypted
// under that account's key; account cancellation destroys the key, and a restore then
// treats the row as cancellation treats the live one:
//   - Delete tables: the row is not restored (nor rows the database would cascade);
//   - Pseudonymise tables (attendance in others' meetings): only the subject column
//     and the pseudonym columns are encrypted; without the key the row is restored
//     with the subject column NULL and the pseudonym the backup recorded;
//   - Keep tables (consent proof, audit log): kept in clear, as in the live database.
#include <string>
#include <string_view>
#include <vector>

#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/data_map.hpp"
#include "domain/privacy/subject_paths.hpp"

namespace vp::domain::privacy {

enum class WithoutKey {
    NotShredded,  // nothing of the table is encrypted per account
    DropRow,      // the row is not restored
    Anonymise,    // subject column NULL, pseudonym columns the recorded pseudonym
};

struct BackupTablePlan {
    std::string table;
    SubjectPath path;                           // key NotLinkable when nothing is shredded
    std::vector<std::string> shredded;          // columns encrypted under the owner's key
    std::vector<std::string> pseudonymColumns;  // Anonymise only
    WithoutKey withoutKey = WithoutKey::NotShredded;

    bool isShredded(std::string_view column) const;
    bool isPseudonym(std::string_view column) const;
};

// Tables never written into a backup: the per-account keys themselves, and the
// migration bookkeeping (a restore migrates its target).
bool excludedFromBackup(std::string_view table);

BackupTablePlan backupTablePlan(const DataMap& map, const std::vector<SubjectPath>& paths,
                                const std::vector<CancellationRule>& rules, std::string_view table);

}  // namespace vp::domain::privacy
