#pragma once
// `videopro admin backup` (R-PRIV-7): a logical dump of every table, in migration
// order, from one read snapshot, into an encrypted file (backup_stream.hpp) named
// with its UTC time. Rows that belong to an account have their personal columns
// sealed under the account's key (crypto-shredding, domain/privacy/backup_plan.hpp);
// the keys themselves (subject_keys) are never written. Appends
// `privacy.backup.written` to the audit log.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/data_map.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/privacy/pseudonymiser.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

struct BackupTableCount {
    std::string table;
    std::int64_t rows = 0;
    std::int64_t sealedRows = 0;  // rows with cells under an account key
};

struct BackupReport {
    std::string path;
    int schemaVersion = 0;
    std::vector<BackupTableCount> tables;
};

// Called after each table: tables done, tables in all, the table.
using BackupProgress = std::function<void(std::size_t, std::size_t, const std::string&)>;

// The rules a backup and a restore follow; references must outlive the users.
struct BackupRules {
    const domain::privacy::DataMap& map;
    const std::vector<domain::privacy::SubjectPath>& paths;
    const std::vector<domain::privacy::CancellationRule>& cancellation;
};

// "backup:<file name>", the audit log's subject for a backup file.
std::string backupRef(const std::string& path);

class DatabaseBackup {
  public:
    DatabaseBackup(BackupRules rules, const Pseudonymiser& pseudonyms, AuditLog& audit,
                   const common::Clock& clock)
        : rules_(rules), pseudonyms_(pseudonyms), audit_(audit), clock_(clock) {}

    // Writes a new backup into `dir` (created if missing) under `backupKey` (32 bytes).
    common::Result<BackupReport> write(storage::Connection& c, const std::string& dir,
                                       std::span<const std::uint8_t> backupKey,
                                       const BackupProgress& progress, const std::string& actor);

  private:
    BackupRules rules_;
    const Pseudonymiser& pseudonyms_;
    AuditLog& audit_;
    const common::Clock& clock_;
};

}  // namespace vp::services::privacy
