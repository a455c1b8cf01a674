#pragma once
// `videopro admin restore FILE --into URL` (R-PRIV-7): reads a backup (refused when
// truncated or edited), and loads it into an empty, migrated database in one
// transaction. Sealed cells open with the account keys of the live database; the rows
// of an account whose key is gone (cancelled) are treated as cancellation treats them
// (domain/privacy/backup_plan.hpp): withheld, or anonymised; rows the database would
// have removed or unlinked with a withheld row (ON DELETE CASCADE / SET NULL) are
// withheld or unlinked too. The restored accounts' keys are copied into the target,
// so it can read the older backups as the live database could. Appends
// `privacy.backup.restored` to the live database's audit log.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "services/privacy/database_backup.hpp"

namespace vp::services::privacy {

struct RestoreTableCount {
    std::string table;
    std::int64_t restored = 0;    // rows inserted (anonymised ones included)
    std::int64_t anonymised = 0;  // inserted without their account's personal columns
    std::int64_t withheld = 0;    // not inserted: their account was cancelled
};

struct RestoreReport {
    int schemaVersion = 0;
    std::vector<RestoreTableCount> tables;
    std::int64_t keysCopied = 0;
};

class DatabaseRestore {
  public:
    DatabaseRestore(BackupRules rules, AuditLog& audit, const common::Clock& clock)
        : rules_(rules), audit_(audit), clock_(clock) {}

    // `target` must be migrated and hold no rows ("restore.target_not_empty").
    common::Result<RestoreReport> restore(storage::Connection& live, const std::string& file,
                                          std::span<const std::uint8_t> backupKey,
                                          storage::Connection& target,
                                          const BackupProgress& progress, const std::string& actor);

  private:
    BackupRules rules_;
    AuditLog& audit_;
    const common::Clock& clock_;
};

}  // namespace vp::services::privacy
