#include "services/privacy/database_restore.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "common/json_escape.hpp"
#include "domain/privacy/backup_plan.hpp"
#include "services/privacy/backup_cells.hpp"
#include "services/privacy/backup_stream.hpp"
#include "storage/migrations/migrator.hpp"
#include "storage/schema_catalog.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::BackupTablePlan;
using domain::privacy::WithoutKey;

common::Error corrupt(const std::string& what) {
    return {"backup.corrupt", "the backup is not one VideoPro writes: " + what};
}

// A referenced value as a set key ("i:12", "s:abc").
std::string refKey(const storage::SqlValue& v) {
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return "i:" + std::to_string(*n);
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        return "s:" + *s;
    }
    return {};
}

// The rows of one backup loaded into the target, table after table.
class Loader {
  public:
    Loader(storage::Connection& target, const AccountKeys& keys,
           std::vector<storage::TableColumns> schema, std::vector<storage::ForeignKey> foreignKeys,
           const BackupRules& rules)
        : target_(target), keys_(keys), schema_(std::move(schema)), rules_(rules) {
        for (auto& fk : foreignKeys) {
            referenced_[fk.parentTable].insert(fk.parentColumn);
            byChild_[fk.table].push_back(std::move(fk));
        }
    }

    common::Status startTable(const boost::json::object& line);
    common::Status row(const boost::json::array& cells);
    common::Status endTable(const boost::json::object& line);
    std::vector<RestoreTableCount>& counts() { return counts_; }

  private:
    common::Result<storage::SqlValue> cell(std::size_t i, const boost::json::value& json,
                                           bool& withhold, bool& anonymised) const;
    void applyForeignKeys(storage::Row& values, bool& withhold) const;
    bool inSchema(const storage::TableColumns& table) const;

    storage::Connection& target_;
    const AccountKeys& keys_;
    std::vector<storage::TableColumns> schema_;  // the target's tables
    const BackupRules& rules_;
    std::map<std::string, std::set<std::string>> referenced_;  // parent table -> columns
    std::map<std::string, std::vector<storage::ForeignKey>> byChild_;
    // table -> column -> values of rows withheld
    std::map<std::string, std::map<std::string, std::set<std::string>>> withheld_;
    storage::TableColumns table_;
    BackupTablePlan plan_;
    std::string insertSql_;
    std::vector<RestoreTableCount> counts_;
};

bool Loader::inSchema(const storage::TableColumns& table) const {
    if (domain::privacy::excludedFromBackup(table.table)) {
        return false;
    }
    for (const auto& t : schema_) {
        if (t.table == table.table) {
            return std::all_of(table.columns.begin(), table.columns.end(), [&](const auto& c) {
                return std::find(t.columns.begin(), t.columns.end(), c) != t.columns.end();
            });
        }
    }
    return false;
}

common::Status Loader::startTable(const boost::json::object& line) {
    const auto* columnList = line.if_contains("columns");
    const auto* columns = columnList != nullptr ? columnList->if_array() : nullptr;
    if (!table_.table.empty() || columns == nullptr || !line.at("table").is_string()) {
        return corrupt("a table starts inside another");
    }
    table_ = {std::string(line.at("table").get_string()), {}};
    for (const auto& c : *columns) {
        if (!c.is_string()) {
            return corrupt("a column name is not text");
        }
        table_.columns.emplace_back(c.get_string());
    }
    if (!inSchema(table_)) {
        return common::makeError(
            "restore.schema_mismatch",
            "the backup's table " + table_.table + " does not match the target's schema");
    }
    plan_ = domain::privacy::backupTablePlan(rules_.map, rules_.paths, rules_.cancellation,
                                             table_.table);
    insertSql_ = storage::insertWithValuesSql(target_.dialect(), table_);
    counts_.push_back({table_.table, 0, 0, 0});
    return {};
}

common::Result<storage::SqlValue> Loader::cell(std::size_t i, const boost::json::value& json,
                                               bool& withhold, bool& anonymised) const {
    auto sealed = asSealedCell(json);
    if (!sealed) {
        return cellFromJson(json);
    }
    const auto& column = table_.columns[i];
    if (auto key = keys_.find(sealed->owner); key != keys_.end()) {
        // The stream authenticated the cell already: when it does not open, the key is a
        // newer one of a reused account number, and the old one was destroyed.
        if (auto opened = openCell(*sealed, key->second, table_.table + "." + column)) {
            return opened;
        }
    }
    // The account's key is gone: it was cancelled.
    if (plan_.withoutKey == WithoutKey::Anonymise) {
        anonymised = true;
        if (plan_.isPseudonym(column) && sealed->pseudonym) {
            return storage::SqlValue{*sealed->pseudonym};
        }
        return storage::SqlValue{};
    }
    withhold = true;
    return storage::SqlValue{};
}

void Loader::applyForeignKeys(storage::Row& values, bool& withhold) const {
    const auto fks = byChild_.find(table_.table);
    if (fks == byChild_.end()) {
        return;
    }
    for (const auto& fk : fks->second) {
        const auto parent = withheld_.find(fk.parentTable);
        for (std::size_t i = 0; parent != withheld_.end() && i < table_.columns.size(); ++i) {
            const auto column = parent->second.find(fk.parentColumn);
            if (table_.columns[i] != fk.column || column == parent->second.end() ||
                !column->second.contains(refKey(values[i]))) {
                continue;
            }
            if (fk.onDelete == storage::OnParentDelete::SetNull) {
                values[i] = storage::SqlValue{};
            } else {
                withhold = true;
            }
        }
    }
}

common::Status Loader::row(const boost::json::array& cells) {
    if (table_.table.empty() || cells.size() != table_.columns.size()) {
        return corrupt("a row outside a table or of the wrong width");
    }
    storage::Row values;
    bool withhold = false;
    bool anonymised = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        auto v = cell(i, cells[i], withhold, anonymised);
        if (!v) {
            return v.error();
        }
        values.push_back(std::move(*v));
    }
    applyForeignKeys(values, withhold);
    auto& count = counts_.back();
    if (withhold) {
        ++count.withheld;
        if (const auto ref = referenced_.find(table_.table); ref != referenced_.end()) {
            for (std::size_t i = 0; i < table_.columns.size(); ++i) {
                if (ref->second.contains(table_.columns[i]) && !storage::isNull(values[i])) {
                    withheld_[table_.table][table_.columns[i]].insert(refKey(values[i]));
                }
            }
        }
        return {};
    }
    if (auto inserted = target_.execute(insertSql_, values); !inserted) {
        return common::makeError(
            "restore.failed",
            "a row of " + table_.table + " could not be inserted: " + inserted.error().message);
    }
    ++count.restored;
    count.anonymised += anonymised ? 1 : 0;
    return {};
}

common::Status Loader::endTable(const boost::json::object& line) {
    const auto* rows = line.if_contains("rows");
    const auto& count = counts_.empty() ? RestoreTableCount{} : counts_.back();
    if (table_.table.empty() || rows == nullptr || !rows->is_int64() ||
        rows->get_int64() != count.restored + count.withheld) {
        return corrupt("a table's row count does not match");
    }
    table_ = {};
    return {};
}

common::Status checkHeader(const std::optional<std::string>& line, storage::Connection& target,
                           int& schemaVersion, std::size_t& tables) {
    boost::system::error_code ec;
    auto json = line ? boost::json::parse(*line, ec) : boost::json::value{};
    const auto* o = json.if_object();
    if (ec || o == nullptr || !o->contains("format") || o->at("format") != "videopro-backup" ||
        !o->contains("schemaVersion") || !o->at("schemaVersion").is_int64()) {
        return corrupt("no backup header");
    }
    if (!o->contains("version") || o->at("version") != 1) {
        return common::makeError("restore.unsupported", "this backup format version is unknown");
    }
    schemaVersion = static_cast<int>(o->at("schemaVersion").get_int64());
    if (const auto* n = o->if_contains("tables"); n != nullptr && n->is_int64()) {
        tables = static_cast<std::size_t>(n->get_int64());
    }
    auto targetVersion = storage::migrations::currentVersion(target);
    if (!targetVersion) {
        return targetVersion.error();
    }
    if (schemaVersion > *targetVersion) {
        return common::makeError("restore.newer_schema",
                                 "the backup has schema version " + std::to_string(schemaVersion) +
                                     ", newer than this videopro's " +
                                     std::to_string(*targetVersion) + "; restore with a newer one");
    }
    return {};
}

common::Status checkEmpty(storage::Connection& target) {
    auto tables = storage::listTablesInCreationOrder(target);
    if (!tables) {
        return tables.error();
    }
    for (const auto& t : *tables) {
        if (t.table == "schema_migrations") {
            continue;
        }
        auto rows = target.query("SELECT COUNT(*) FROM " + t.table);
        if (!rows) {
            return rows.error();
        }
        if (storage::getInt(rows->front(), 0).valueOr(1) != 0) {
            return common::makeError("restore.target_not_empty",
                                     "the target database is not empty (table " + t.table +
                                         " has rows); restore into a new, empty database");
        }
    }
    return {};
}

// Every line after the header, into the loader; refused without the end record.
common::Status loadAll(BackupStreamReader& reader, Loader& loader, std::size_t tables,
                       const BackupProgress& progress) {
    bool ended = false;
    for (;;) {
        auto line = reader.nextLine();
        if (!line) {
            return line.error();
        }
        if (!*line) {
            break;
        }
        boost::system::error_code ec;
        auto json = boost::json::parse(**line, ec);
        if (ec || ended) {
            return corrupt(ended ? "lines after the end" : "a line is not JSON");
        }
        common::Status done;
        if (const auto* cells = json.if_array()) {
            done = loader.row(*cells);
        } else if (const auto* o = json.if_object(); o && o->contains("table")) {
            done = loader.startTable(*o);
        } else if (o && o->contains("end") && o->at("end") == "backup") {
            ended = true;
        } else if (o && o->contains("end")) {
            done = loader.endTable(*o);
            if (done && progress) {
                progress(loader.counts().size(), tables, loader.counts().back().table);
            }
        } else {
            done = corrupt("an unknown line");
        }
        if (!done) {
            return done.error();
        }
    }
    if (!ended) {
        return corrupt("no end record");
    }
    return {};
}

// Copies the live keys of the accounts now in the target.
common::Result<std::int64_t> copyKeys(storage::Connection& target, const AccountKeys& keys,
                                      const common::Clock& clock) {
    auto users = target.query("SELECT id FROM users");
    if (!users) {
        return users.error();
    }
    std::int64_t copied = 0;
    for (const auto& row : *users) {
        const auto key = keys.find(storage::getInt(row, 0).valueOr(0));
        if (key != keys.end()) {
            if (auto stored = storeAccountKey(target, key->first, key->second, clock); !stored) {
                return stored.error();
            }
            ++copied;
        }
    }
    return copied;
}

}  // namespace

common::Result<RestoreReport> DatabaseRestore::restore(
    storage::Connection& live, const std::string& file, std::span<const std::uint8_t> backupKey,
    storage::Connection& target, const BackupProgress& progress, const std::string& actor) {
    auto reader = BackupStreamReader::open(file, backupKey);
    if (!reader) {
        return reader.error();
    }
    RestoreReport report;
    auto first = reader->nextLine();
    if (!first) {
        return first.error();
    }
    std::size_t tables = 0;
    if (auto header = checkHeader(*first, target, report.schemaVersion, tables); !header) {
        return header.error();
    }
    if (auto empty = checkEmpty(target); !empty) {
        return empty.error();
    }
    auto keys = loadAccountKeys(live);
    auto schema = storage::listTablesInCreationOrder(target);
    auto foreignKeys = storage::listForeignKeys(target);
    if (!keys || !schema || !foreignKeys) {
        return !keys ? keys.error() : !schema ? schema.error() : foreignKeys.error();
    }
    auto tx = storage::Transaction::begin(target);
    if (!tx) {
        return tx.error();
    }
    Loader loader(target, *keys, std::move(*schema), std::move(*foreignKeys), rules_);
    if (auto loaded = loadAll(*reader, loader, tables, progress); !loaded) {
        return loaded.error();
    }
    auto copied = copyKeys(target, *keys, clock_);
    if (!copied) {
        return copied.error();
    }
    report.keysCopied = *copied;
    if (auto reset = storage::resetIdentities(target); !reset) {
        return reset.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    report.tables = std::move(loader.counts());
    std::int64_t restored = 0;
    std::int64_t withheld = 0;
    for (const auto& t : report.tables) {
        restored += t.restored;
        withheld += t.withheld;
    }
    const std::string details = "{\"restored\":" + std::to_string(restored) +
                                ",\"withheld\":" + std::to_string(withheld) + "}";
    if (auto audited =
            audit_.append(live, {actor, "privacy.backup.restored", backupRef(file), details});
        !audited) {
        return audited.error();
    }
    return report;
}

}  // namespace vp::services::privacy
