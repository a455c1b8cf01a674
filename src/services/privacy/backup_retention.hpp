#pragma once
// Backups are kept 30 days (R-PRIV-7): the daily retention task and
// `videopro admin backup --prune` remove the backup files of a directory older than
// that (by the UTC time in their names, domain/privacy/backup_files.hpp), and append
// `privacy.backup.pruned` to the audit log when they removed any.
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "services/privacy/audit_log.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

class BackupRetention {
  public:
    BackupRetention(AuditLog& audit, const common::Clock& clock) : audit_(audit), clock_(clock) {}

    // The names of the files removed from `dir` (none when it does not exist).
    common::Result<std::vector<std::string>> prune(storage::Connection& c, const std::string& dir,
                                                   const std::string& actor) const;

  private:
    AuditLog& audit_;
    const common::Clock& clock_;
};

}  // namespace vp::services::privacy
