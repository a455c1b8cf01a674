#include "services/privacy/database_backup.hpp"

#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>

#include "common/json_escape.hpp"
#include "domain/privacy/backup_files.hpp"
#include "domain/privacy/backup_plan.hpp"
#include "services/privacy/account_keys.hpp"
#include "services/privacy/backup_cells.hpp"
#include "services/privacy/backup_rows.hpp"
#include "services/privacy/backup_stream.hpp"
#include "storage/migrations/migrator.hpp"
#include "storage/schema_catalog.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::BackupTablePlan;
using domain::privacy::WithoutKey;

constexpr std::int64_t kPageRows = 500;
constexpr int kSnapshotAttempts = 3;

// Ends the read snapshot however the dump ends.
struct Snapshot {
    explicit Snapshot(storage::Connection& conn) : c(conn) {}
    ~Snapshot() {
        if (open) {
            (void)c.rollback();
        }
    }
    storage::Connection& c;
    bool open = false;
};

struct DumpContext {
    const BackupAccounts& accounts;
    const AccountKeys& keys;
    const Pseudonymiser& pseudonyms;
    BackupStreamWriter& out;
};

std::string rowJson(const storage::TableColumns& t, const BackupTablePlan& plan,
                    const storage::Row& row, const DumpContext& ctx, bool& sealed) {
    std::optional<std::int64_t> owner;
    if (plan.withoutKey != WithoutKey::NotShredded) {
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            if (t.columns[i] == plan.path.column) {
                owner = ownerOf(plan.path, row[i], ctx.accounts);
            }
        }
    }
    const auto key = owner ? ctx.keys.find(*owner) : ctx.keys.end();
    boost::json::array cells;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        if (key != ctx.keys.end() && plan.isShredded(t.columns[i]) && !storage::isNull(row[i])) {
            std::optional<std::string> pseudonym;
            if (plan.isPseudonym(t.columns[i])) {
                pseudonym = ctx.pseudonyms.pseudonym("user", userRef(*owner));
            }
            cells.push_back(
                sealCell(row[i], *owner, key->second, t.table + "." + t.columns[i], pseudonym));
            sealed = true;
        } else {
            cells.push_back(cellToJson(row[i]));
        }
    }
    return boost::json::serialize(cells);
}

common::Result<BackupTableCount> dumpTable(storage::Connection& c, const storage::TableColumns& t,
                                           const BackupTablePlan& plan, const DumpContext& ctx) {
    boost::json::array names;
    std::string select = "SELECT ";
    std::string order = " ORDER BY ";
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        names.emplace_back(t.columns[i]);
        select += (i ? ", " : "") + t.columns[i];
        order += (i ? ", " : "") + std::to_string(i + 1);
    }
    if (auto w = ctx.out.writeLine(boost::json::serialize(
            boost::json::object{{"table", t.table}, {"columns", std::move(names)}}));
        !w) {
        return w.error();
    }
    BackupTableCount count{t.table, 0, 0};
    for (std::int64_t offset = 0;; offset += kPageRows) {
        auto rows =
            c.query(select + " FROM " + t.table + order + " LIMIT ? OFFSET ?", {kPageRows, offset});
        if (!rows) {
            return rows.error();
        }
        for (const auto& row : *rows) {
            bool sealed = false;
            if (auto w = ctx.out.writeLine(rowJson(t, plan, row, ctx, sealed)); !w) {
                return w.error();
            }
            ++count.rows;
            count.sealedRows += sealed ? 1 : 0;
        }
        if (static_cast<std::int64_t>(rows->size()) < kPageRows) {
            break;
        }
    }
    if (auto w = ctx.out.writeLine(
            boost::json::serialize(boost::json::object{{"end", t.table}, {"rows", count.rows}}));
        !w) {
        return w.error();
    }
    if (auto flushed = ctx.out.flush(); !flushed) {
        return flushed.error();
    }
    return count;
}

}  // namespace

std::string backupRef(const std::string& path) {
    return "backup:" + std::filesystem::path(path).filename().string();
}

namespace {

// True when every account of the snapshot has a key.
bool everyAccountHasAKey(const BackupAccounts& accounts, const AccountKeys& keys) {
    for (auto id : accounts.ids) {
        if (!keys.contains(id)) {
            return false;
        }
    }
    return true;
}

struct Owners {
    BackupAccounts accounts;
    AccountKeys keys;
};

// Begins the read snapshot once every account in it has a key; the accounts and keys.
common::Result<Owners> openSnapshot(Snapshot& snapshot, const common::Clock& clock) {
    storage::Connection& c = snapshot.c;
    for (int attempt = 0; attempt < kSnapshotAttempts; ++attempt) {
        if (auto ensured = ensureAccountKeys(c, clock); !ensured) {
            return ensured.error();
        }
        if (auto begun = storage::beginSnapshot(c); !begun) {
            return begun.error();
        }
        snapshot.open = true;
        auto accounts = loadAccounts(c);
        auto keys = loadAccountKeys(c);
        if (!accounts || !keys) {
            return !accounts ? accounts.error() : keys.error();
        }
        if (everyAccountHasAKey(*accounts, *keys)) {
            return Owners{std::move(*accounts), std::move(*keys)};
        }
        (void)c.rollback();  // an account was opened in between: give it a key too
        snapshot.open = false;
    }
    return common::makeError("backup.busy", "accounts keep being opened; try again");
}

std::string auditDetails(const BackupReport& report) {
    std::int64_t rows = 0;
    for (const auto& t : report.tables) {
        rows += t.rows;
    }
    return "{\"file\":" +
           common::jsonString(std::filesystem::path(report.path).filename().string()) +
           ",\"schemaVersion\":" + std::to_string(report.schemaVersion) +
           ",\"tables\":" + std::to_string(report.tables.size()) +
           ",\"rows\":" + std::to_string(rows) + "}";
}

}  // namespace

common::Result<BackupReport> DatabaseBackup::write(storage::Connection& c, const std::string& dir,
                                                   std::span<const std::uint8_t> backupKey,
                                                   const BackupProgress& progress,
                                                   const std::string& actor) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || ::chmod(dir.c_str(), 0700) != 0) {
        return common::makeError("backup.io", "cannot create the backup directory " + dir);
    }
    BackupReport report;
    report.path = (std::filesystem::path(dir) / domain::privacy::backupFileName(clock_.now()));
    Snapshot snapshot(c);
    auto owners = openSnapshot(snapshot, clock_);
    if (!owners) {
        return owners.error();
    }
    auto version = storage::migrations::currentVersion(c);
    auto tables = storage::listTablesInCreationOrder(c);
    if (!version || !tables) {
        return !version ? version.error() : tables.error();
    }
    std::erase_if(*tables,
                  [](const auto& t) { return domain::privacy::excludedFromBackup(t.table); });
    report.schemaVersion = *version;
    auto out = BackupStreamWriter::create(report.path, backupKey);
    if (!out) {
        return out.error();
    }
    boost::json::object header{{"format", "videopro-backup"},
                               {"version", 1},
                               {"schemaVersion", *version},
                               {"dialect", std::string(storage::toString(c.dialect()))},
                               {"createdAt", common::toUnixMillis(clock_.now())},
                               {"tables", tables->size()}};
    if (auto w = out->writeLine(boost::json::serialize(header)); !w) {
        return w.error();
    }
    const DumpContext ctx{owners->accounts, owners->keys, pseudonyms_, *out};
    for (const auto& t : *tables) {
        const auto plan = domain::privacy::backupTablePlan(rules_.map, rules_.paths,
                                                           rules_.cancellation, t.table);
        auto count = dumpTable(c, t, plan, ctx);
        if (!count) {
            return count.error();
        }
        report.tables.push_back(*count);
        if (progress) {
            progress(report.tables.size(), tables->size(), t.table);
        }
    }
    (void)c.rollback();
    snapshot.open = false;
    if (auto w = out->writeLine(boost::json::serialize(
            boost::json::object{{"end", "backup"}, {"tables", tables->size()}}));
        !w) {
        return w.error();
    }
    if (auto done = out->finish(); !done) {
        return done.error();
    }
    if (auto audited = audit_.append(
            c, {actor, "privacy.backup.written", backupRef(report.path), auditDetails(report)});
        !audited) {
        return audited.error();
    }
    return report;
}

}  // namespace vp::services::privacy
