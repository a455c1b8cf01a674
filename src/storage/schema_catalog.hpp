#pragma once
// What a logical dump and load need to know of the live schema, on either backend:
// the tables in the order they were created (the migration order, so that a table
// comes after the tables it refers to), their columns, their foreign keys, a
// consistent read snapshot, and explicit identity values on insert.
#include <string>
#include <vector>

#include "common/result.hpp"
#include "storage/connection.hpp"

namespace vp::storage {

struct TableColumns {
    std::string table;
    std::vector<std::string> columns;  // in declaration order
};

// Every table of the schema (backend-internal ones excluded), in creation order.
common::Result<std::vector<TableColumns>> listTablesInCreationOrder(Connection& c);

enum class OnParentDelete { Cascade, SetNull, Refuse };

struct ForeignKey {
    std::string table;
    std::string column;
    std::string parentTable;
    std::string parentColumn;
    OnParentDelete onDelete = OnParentDelete::Refuse;
};

// Every single-column foreign key of the schema.
common::Result<std::vector<ForeignKey>> listForeignKeys(Connection& c);

// A read transaction that sees one snapshot of the whole database (end it with
// c.rollback() or c.commit()). It does not block writers.
common::Status beginSnapshot(Connection& c);

// "INSERT INTO t (a, b) VALUES (?, ?)", overriding generated identities on PostgreSQL.
std::string insertWithValuesSql(Dialect dialect, const TableColumns& table);

// After rows were inserted with explicit identities: moves every identity sequence
// past the highest value (PostgreSQL; nothing to do on SQLite).
common::Status resetIdentities(Connection& c);

}  // namespace vp::storage
