#include "storage/schema_catalog.hpp"

#include <algorithm>

namespace vp::storage {
namespace {

// SQLite appends each new table to sqlite_schema, so rowid order is creation order.
constexpr const char* kSqliteColumns =
    "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    "ORDER BY m.rowid, p.cid";
// Table oids grow as tables are created (a wrap-around of the 32-bit counter would need
// four billion objects).
constexpr const char* kPostgresColumns =
    "SELECT cl.relname, a.attname FROM pg_class AS cl "
    "JOIN pg_namespace AS n ON n.oid = cl.relnamespace "
    "JOIN pg_attribute AS a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped "
    "WHERE n.nspname = current_schema() AND cl.relkind = 'r' ORDER BY cl.oid, a.attnum";

constexpr const char* kSqliteForeignKeys =
    "SELECT m.name, f.\"from\", f.\"table\", COALESCE(f.\"to\", 'id'), f.on_delete "
    "FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table'";
constexpr const char* kPostgresForeignKeys =
    "SELECT cl.relname, a.attname, rcl.relname, ra.attname, "
    "CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'NO ACTION' END "
    "FROM pg_constraint AS c JOIN pg_class AS cl ON cl.oid = c.conrelid "
    "JOIN pg_namespace AS n ON n.oid = cl.relnamespace "
    "JOIN pg_class AS rcl ON rcl.oid = c.confrelid "
    "JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
    "JOIN pg_attribute AS ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1] "
    "WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1 "
    "AND n.nspname = current_schema()";

}  // namespace

common::Result<std::vector<TableColumns>> listTablesInCreationOrder(Connection& c) {
    auto rows = c.query(c.dialect() == Dialect::Sqlite ? kSqliteColumns : kPostgresColumns);
    if (!rows) {
        return rows.error();
    }
    std::vector<TableColumns> tables;
    for (const auto& row : *rows) {
        auto table = getText(row, 0);
        auto column = getText(row, 1);
        if (!table || !column) {
            return common::makeError("storage.type", "unexpected schema listing");
        }
        if (tables.empty() || tables.back().table != *table) {
            tables.push_back({*table, {}});
        }
        tables.back().columns.push_back(*column);
    }
    return tables;
}

common::Result<std::vector<ForeignKey>> listForeignKeys(Connection& c) {
    auto rows = c.query(c.dialect() == Dialect::Sqlite ? kSqliteForeignKeys : kPostgresForeignKeys);
    if (!rows) {
        return rows.error();
    }
    std::vector<ForeignKey> keys;
    for (const auto& row : *rows) {
        ForeignKey k;
        std::string* fields[] = {&k.table, &k.column, &k.parentTable, &k.parentColumn};
        for (std::size_t i = 0; i < 4; ++i) {
            auto text = getText(row, i);
            if (!text) {
                return text.error();
            }
            *fields[i] = *text;
        }
        auto action = getText(row, 4);
        std::string upper = action ? *action : "";
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
        k.onDelete = upper == "CASCADE"    ? OnParentDelete::Cascade
                     : upper == "SET NULL" ? OnParentDelete::SetNull
                                           : OnParentDelete::Refuse;
        keys.push_back(std::move(k));
    }
    return keys;
}

common::Status beginSnapshot(Connection& c) {
    return c.execute(c.dialect() == Dialect::Sqlite
                         ? "BEGIN DEFERRED"
                         : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

std::string insertWithValuesSql(Dialect dialect, const TableColumns& table) {
    std::string names;
    std::string marks;
    for (const auto& column : table.columns) {
        names += (names.empty() ? "" : ", ") + column;
        marks += marks.empty() ? "?" : ", ?";
    }
    return "INSERT INTO " + table.table + " (" + names + ")" +
           (dialect == Dialect::Postgres ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES (" + marks +
           ")";
}

common::Status resetIdentities(Connection& c) {
    if (c.dialect() == Dialect::Sqlite) {
        return {};
    }
    auto rows = c.query(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'");
    if (!rows) {
        return rows.error();
    }
    for (const auto& row : *rows) {
        const auto table = getText(row, 0).valueOr("");
        const auto column = getText(row, 1).valueOr("");
        auto done = c.query("SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(" + column +
                                "), 0) + 1, false) FROM " + table,
                            {table, column});
        if (!done) {
            return done.error();
        }
    }
    return {};
}

}  // namespace vp::storage
