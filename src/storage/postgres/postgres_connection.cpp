#include "storage/postgres/postgres_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

#include "storage/backend_support.hpp"
#include "storage/postgres/placeholders.hpp"

namespace vp::storage::postgres {
namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.h is a server header).
constexpr Oid kBool = 16;
constexpr Oid kBytea = 17;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kOid = 26;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;

constexpr const char* kConnectTimeoutSeconds = "10";

// Text-format parameters, except blobs, which go in binary.
struct Params {
    std::vector<Oid> types;
    std::vector<std::string> text;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;

    explicit Params(const std::vector<SqlValue>& params) {
        const std::size_t n = params.size();
        types.resize(n, 0);
        text.resize(n);
        values.resize(n, nullptr);
        lengths.resize(n, 0);
        formats.resize(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            set(i, params[i]);
        }
    }

    void set(std::size_t i, const SqlValue& v) {
        if (const auto* n = std::get_if<std::int64_t>(&v)) {
            types[i] = kInt8;
            text[i] = std::to_string(*n);
        } else if (const auto* d = std::get_if<double>(&v)) {
            types[i] = kFloat8;
            char buf[64];
            auto end = std::to_chars(buf, buf + sizeof buf, *d).ptr;
            text[i].assign(buf, end);
        } else if (const auto* s = std::get_if<std::string>(&v)) {
            values[i] = s->c_str();
            lengths[i] = static_cast<int>(s->size());
            return;
        } else if (const auto* b = std::get_if<Blob>(&v)) {
            types[i] = kBytea;
            values[i] = reinterpret_cast<const char*>(b->data());
            lengths[i] = static_cast<int>(b->size());
            formats[i] = 1;
            if (b->empty()) {
                values[i] = "";
            }
            return;
        } else {
            return;  // NULL
        }
        values[i] = text[i].c_str();
        lengths[i] = static_cast<int>(text[i].size());
    }
};

SqlValue readCell(const PGresult* r, int row, int col) {
    if (PQgetisnull(r, row, col) != 0) {
        return SqlNull{};
    }
    const char* text = PQgetvalue(r, row, col);
    const auto size = static_cast<std::size_t>(PQgetlength(r, row, col));
    switch (PQftype(r, col)) {
        case kInt8:
        case kInt4:
        case kInt2:
        case kOid: {
            std::int64_t v = 0;
            std::from_chars(text, text + size, v);
            return v;
        }
        case kFloat4:
        case kFloat8:
            return std::strtod(text, nullptr);
        case kBool:
            return std::int64_t{text[0] == 't' ? 1 : 0};
        case kBytea: {
            std::size_t length = 0;
            unsigned char* raw =
                PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
            Blob blob(raw, raw + length);
            PQfreemem(raw);
            return blob;
        }
        default:
            return std::string(text, size);
    }
}

void quietNotices(void* /*arg*/, const char* /*message*/) {}

}  // namespace

void PostgresConnection::ResultDeleter::operator()(pg_result* r) const {
    PQclear(r);
}

common::Result<std::unique_ptr<PostgresConnection>> PostgresConnection::open(
    const std::string& conninfo) {
    // Defaults first: a value given in the URL itself wins over them.
    const char* const keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* const values[] = {kConnectTimeoutSeconds, "videopro", conninfo.c_str(), nullptr};
    PGconn* conn = PQconnectdbParams(keywords, values, 1);
    if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
        std::string reason = conn != nullptr ? PQerrorMessage(conn) : "out of memory";
        while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) {
            reason.pop_back();
        }
        PQfinish(conn);
        return common::makeError("storage.unavailable",
                                 "cannot connect to PostgreSQL: " + reason +
                                     "; check the --database URL and that the server is up");
    }
    PQsetNoticeProcessor(conn, quietNotices, nullptr);
    std::unique_ptr<PostgresConnection> connection(new PostgresConnection(conn));
    return connection;
}

PostgresConnection::~PostgresConnection() {
    PQfinish(conn_);
}

bool PostgresConnection::healthy() const {
    return PQstatus(conn_) == CONNECTION_OK;
}

common::Error PostgresConnection::error(const PGresult* result, std::string_view sql) const {
    std::string state;
    if (result != nullptr) {
        const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        state = s != nullptr ? s : "";
    }
    std::string kind = "storage.query_failed";
    if (!healthy() || state.starts_with("08") || state.starts_with("57P")) {
        kind = "storage.unavailable";
    } else if (state.starts_with("23")) {
        kind = "storage.constraint";
    } else if (state == "40001" || state == "40P01" || state == "55P03") {
        kind = "storage.busy";
    }
    const char* fromResult = result != nullptr ? PQresultErrorMessage(result) : "";
    std::string message = *fromResult != '\0' ? fromResult : PQerrorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    return common::makeError(kind, "PostgreSQL: " + message + " in '" + sqlSnippet(sql) + "'");
}

common::Result<PostgresConnection::PgResult> PostgresConnection::run(
    std::string_view sql, const std::vector<SqlValue>& params) {
    const RewrittenSql rewritten = rewritePlaceholders(sql);
    if (rewritten.placeholders != params.size()) {
        return common::makeError("storage.query_failed",
                                 "the statement has " + std::to_string(rewritten.placeholders) +
                                     " placeholders but " + std::to_string(params.size()) +
                                     " values were given: '" + sqlSnippet(sql) + "'");
    }
    const Params p(params);
    PgResult result(PQexecParams(conn_, rewritten.sql.c_str(), static_cast<int>(params.size()),
                                 p.types.data(), p.values.data(), p.lengths.data(),
                                 p.formats.data(), 0));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        return error(result.get(), sql);
    }
    return result;
}

common::Result<std::int64_t> PostgresConnection::doExecute(std::string_view sql,
                                                           const std::vector<SqlValue>& params) {
    auto result = run(sql, params);
    if (!result) {
        return result.error();
    }
    const char* tuples = PQcmdTuples(result->get());
    std::int64_t changed = 0;
    std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), changed);
    return changed;
}

common::Result<std::vector<Row>> PostgresConnection::doQuery(std::string_view sql,
                                                             const std::vector<SqlValue>& params) {
    auto result = run(sql, params);
    if (!result) {
        return result.error();
    }
    const PGresult* r = result->get();
    const int rowCount = PQntuples(r);
    const int columnCount = PQnfields(r);
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(rowCount));
    for (int i = 0; i < rowCount; ++i) {
        Row row;
        row.reserve(static_cast<std::size_t>(columnCount));
        for (int c = 0; c < columnCount; ++c) {
            row.push_back(readCell(r, i, c));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

common::Status PostgresConnection::executeScript(std::string_view sql) {
    const std::string text(sql);
    PgResult result(PQexec(conn_, text.c_str()));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        return error(result.get(), sql);
    }
    return {};
}

common::Status PostgresConnection::begin() {
    return execute("BEGIN");
}
common::Status PostgresConnection::commit() {
    return execute("COMMIT");
}
common::Status PostgresConnection::rollback() {
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) {
        return {};
    }
    return execute("ROLLBACK");
}

common::Result<std::vector<ColumnInfo>> PostgresConnection::listColumns() {
    auto rows = query(
        "SELECT c.table_name, c.column_name FROM information_schema.columns AS c "
        "JOIN information_schema.tables AS t "
        "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
        "ORDER BY c.table_name, c.ordinal_position");
    return columnsFromRows(std::move(rows));
}

}  // namespace vp::storage::postgres
