#include "storage/sql_operation_log_repository.hpp"

#include <algorithm>

#include "common/clock.hpp"

namespace vp::storage {
namespace {

using domain::oplog::OperationLogEntry;

constexpr std::size_t kRowsPerInsert = 100;
constexpr std::int64_t kRowsPerDelete = 5000;

std::string insertSql(std::size_t rows) {
    std::string sql =
        "INSERT INTO network_operation_log "
        "(occurred_at, method, route, status, latency_us, client_ip) VALUES ";
    for (std::size_t i = 0; i < rows; ++i) {
        sql += i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)";
    }
    return sql;
}

common::Status insertChunk(Connection& c, std::span<const OperationLogEntry> chunk) {
    std::vector<SqlValue> params;
    params.reserve(chunk.size() * 6);
    for (const auto& e : chunk) {
        params.emplace_back(common::toUnixMillis(e.time));
        params.emplace_back(e.method);
        params.emplace_back(e.route);
        params.emplace_back(std::int64_t{e.status});
        params.emplace_back(e.latencyMicros);
        params.emplace_back(e.clientIp);
    }
    return c.execute(insertSql(chunk.size()), params);
}

common::Result<OperationLogEntry> toEntry(const Row& row) {
    auto at = getInt(row, 0);
    auto method = getText(row, 1);
    auto route = getText(row, 2);
    auto status = getInt(row, 3);
    auto latency = getInt(row, 4);
    auto ip = getText(row, 5);
    if (!at || !method || !route || !status || !latency || !ip) {
        return common::makeError("storage.type",
                                 "network_operation_log holds a row of unexpected shape");
    }
    return OperationLogEntry{common::fromUnixMillis(*at), std::move(*method), std::move(*route),
                             static_cast<int>(*status),   *latency,           std::move(*ip)};
}

}  // namespace

common::Status SqlOperationLogRepository::appendBatch(std::span<const OperationLogEntry> entries) {
    if (entries.empty()) {
        return {};
    }
    auto tx = Transaction::begin(connection_);
    if (!tx) {
        return tx.error();
    }
    for (std::size_t i = 0; i < entries.size(); i += kRowsPerInsert) {
        const auto chunk = entries.subspan(i, std::min(kRowsPerInsert, entries.size() - i));
        if (auto inserted = insertChunk(connection_, chunk); !inserted) {
            return inserted;
        }
    }
    return tx->commit();
}

common::Result<std::vector<OperationLogEntry>> SqlOperationLogRepository::listBetween(
    std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to,
    std::size_t limit) {
    auto rows = connection_.query(
        "SELECT occurred_at, method, route, status, latency_us, client_ip "
        "FROM network_operation_log WHERE occurred_at >= ? AND occurred_at < ? "
        "ORDER BY occurred_at, id LIMIT ?",
        {common::toUnixMillis(from), common::toUnixMillis(to), static_cast<std::int64_t>(limit)});
    if (!rows) {
        return rows.error();
    }
    std::vector<OperationLogEntry> entries;
    entries.reserve(rows->size());
    for (const auto& row : *rows) {
        auto entry = toEntry(row);
        if (!entry) {
            return entry.error();
        }
        entries.push_back(std::move(*entry));
    }
    return entries;
}

common::Result<std::int64_t> SqlOperationLogRepository::deleteOlderThan(
    std::chrono::system_clock::time_point cutoff) {
    std::int64_t total = 0;
    for (;;) {
        auto deleted = connection_.executeChanges(
            "DELETE FROM network_operation_log WHERE id IN (SELECT id FROM "
            "network_operation_log WHERE occurred_at < ? ORDER BY id LIMIT ?)",
            {common::toUnixMillis(cutoff), kRowsPerDelete});
        if (!deleted) {
            return deleted.error();
        }
        total += *deleted;
        if (*deleted < kRowsPerDelete) {
            return total;
        }
    }
}

}  // namespace vp::storage
