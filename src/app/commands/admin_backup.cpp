#include "app/commands/admin_backup.hpp"

#include <cstdio>

#include "app/commands/admin_task.hpp"
#include "app/commands/key_file.hpp"
#include "common/clock.hpp"
#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/privacy/backup_retention.hpp"
#include "services/privacy/database_restore.hpp"

namespace vp::app::commands {
namespace {

constexpr std::string_view kValueKeys[] = {"--out", "--into"};
constexpr std::string_view kFlags[] = {"--prune"};

services::privacy::BackupRules videoproBackupRules() {
    return {domain::privacy::videoproDataMap(), domain::privacy::videoproSubjectPaths(),
            domain::privacy::videoproCancellationRules()};
}

void printProgress(std::size_t done, std::size_t total, const std::string& table) {
    std::printf("  %zu/%zu tables  %s\n", done, total, table.c_str());
    std::fflush(stdout);
}

int prune(AdminDatabase& db, const std::string& dir) {
    services::privacy::AuditLog audit(common::SystemClock::instance());
    services::privacy::BackupRetention retention(audit, common::SystemClock::instance());
    auto removed = retention.prune(*db.connection, dir, kCliOperator);
    if (!removed) {
        return adminFailed(removed.error());
    }
    for (const auto& name : *removed) {
        std::printf("Removed %s\n", name.c_str());
    }
    std::printf("%zu backup(s) older than 30 days removed from %s\n", removed->size(), dir.c_str());
    return 0;
}

}  // namespace

int adminBackup(std::span<const std::string> args) {
    auto task = parseTaskArgs(args, kValueKeys, kFlags);
    if (!task || task->positional) {
        std::fputs("Usage: videopro admin backup [--out DIR] [--prune]\n", stderr);
        return 2;
    }
    auto opened = openAdminDatabase(task->rest);
    if (!opened) {
        return 2;
    }
    const std::string dir = task->get("out").value_or(opened->settings.dataDir + "/backups");
    if (task->flag("prune")) {
        return prune(*opened, dir);
    }
    const std::string keys = opened->settings.dataDir + "/keys/";
    auto backupKey = loadOrCreateKeyFile(keys + "backup.key", "backup key");
    auto privacyKey = loadOrCreateKeyFile(keys + "privacy.key", "privacy key");
    if (!backupKey || !privacyKey) {
        return adminFailed(!backupKey ? backupKey.error() : privacyKey.error());
    }
    auto pseudonyms = services::privacy::Pseudonymiser::fromKey(*privacyKey);
    privacyKey->fill(0);
    if (!pseudonyms) {
        return adminFailed(pseudonyms.error());
    }
    const auto& clock = common::SystemClock::instance();
    services::privacy::AuditLog audit(clock);
    services::privacy::DatabaseBackup backup(videoproBackupRules(), *pseudonyms, audit, clock);
    std::printf("Backing up %s\n", opened->database->description().c_str());
    auto report = backup.write(*opened->connection, dir, *backupKey, printProgress, kCliOperator);
    backupKey->fill(0);
    if (!report) {
        return adminFailed(report.error());
    }
    std::int64_t rows = 0;
    for (const auto& t : report->tables) {
        rows += t.rows;
    }
    std::printf("Wrote %s (%zu tables, %lld rows, schema version %d)\n", report->path.c_str(),
                report->tables.size(), static_cast<long long>(rows), report->schemaVersion);
    return 0;
}

int adminRestore(std::span<const std::string> args) {
    auto task = parseTaskArgs(args, kValueKeys, kFlags);
    if (!task || !task->positional || !task->get("into")) {
        std::fputs("Usage: videopro admin restore FILE --into DATABASE_URL\n", stderr);
        return 2;
    }
    auto opened = openAdminDatabase(task->rest);
    if (!opened) {
        return 2;
    }
    auto target = storage::Database::open(task->value("into"));
    if (!target) {
        return adminFailed(target.error());
    }
    if ((*target)->description() == opened->database->description()) {
        return adminUsage("--into names the live database; restore into a new, empty one");
    }
    auto version = (*target)->schemaVersion();
    if (!version || *version != 0) {
        return adminFailed(version ? common::Error{"restore.target_not_empty",
                                                   "the target database is not empty; restore "
                                                   "into a new, empty database"}
                                   : version.error());
    }
    auto backupKey =
        loadOrCreateKeyFile(opened->settings.dataDir + "/keys/backup.key", "backup key");
    if (!backupKey) {
        return adminFailed(backupKey.error());
    }
    auto migrated = (*target)->migrate();
    auto connection = migrated
                          ? (*target)->connect()
                          : common::Result<std::unique_ptr<storage::Connection>>(migrated.error());
    if (!connection) {
        return adminFailed(connection.error());
    }
    const auto& clock = common::SystemClock::instance();
    services::privacy::AuditLog audit(clock);
    services::privacy::DatabaseRestore restore(videoproBackupRules(), audit, clock);
    auto report = restore.restore(*opened->connection, *task->positional, *backupKey, **connection,
                                  printProgress, kCliOperator);
    backupKey->fill(0);
    if (!report) {
        return adminFailed(report.error());
    }
    std::printf("Restored %s into %s (schema version %d)\n", task->positional->c_str(),
                (*target)->description().c_str(), report->schemaVersion);
    std::printf("  %-34s %9s %9s %9s\n", "table", "restored", "anonym.", "withheld");
    for (const auto& t : report->tables) {
        std::printf("  %-34s %9lld %9lld %9lld\n", t.table.c_str(),
                    static_cast<long long>(t.restored), static_cast<long long>(t.anonymised),
                    static_cast<long long>(t.withheld));
    }
    std::printf("  account keys copied: %lld\n", static_cast<long long>(report->keysCopied));
    return 0;
}

}  // namespace vp::app::commands
