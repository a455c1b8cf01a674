// Members' account-cancellation requests and their history (tables
// enterprise_cancellation_requests, enterprise_cancellation_events).
#include "services/enterprises/sql_enterprise_repositories.hpp"
#include "services/enterprises/sql_rows.hpp"

namespace vp::services::enterprises {
namespace {

using domain::enterprises::CancellationEvent;
using domain::enterprises::CancellationRequest;
using storage::Row;
using storage::SqlValue;

constexpr std::string_view kSelect =
    "SELECT r.id, r.enterprise_id, r.user_id, r.note, r.status, r.created_at, r.decided_at, "
    "r.decided_by, r.decision_reason, u.display_name FROM enterprise_cancellation_requests r "
    "JOIN users u ON u.id = r.user_id WHERE r.enterprise_id = ? ";

common::Result<CancellationRecord> toRecord(const Row& row) {
    auto id = storage::getInt(row, 0);
    auto enterprise = storage::getInt(row, 1);
    auto user = storage::getInt(row, 2);
    auto note = storage::getText(row, 3);
    auto status = storage::getText(row, 4);
    auto created = storage::getInt(row, 5);
    auto name = storage::getText(row, 9);
    if (!id || !enterprise || !user || !note || !status || !created || !name) {
        return sql::badRow("enterprise_cancellation_requests");
    }
    const auto parsed = domain::enterprises::parseCancellationStatus(*status);
    if (!parsed) {
        return sql::badRow("enterprise_cancellation_requests");
    }
    CancellationRecord out;
    CancellationRequest& r = out.request;
    r.id = *id;
    r.enterpriseId = *enterprise;
    r.userId = *user;
    r.note = std::move(*note);
    r.status = *parsed;
    r.createdAt = common::fromUnixMillis(*created);
    r.decidedAt = sql::optionalTime(row, 6);
    r.decidedBy = sql::optionalInt(row, 7);
    r.decisionReason = sql::optionalText(row, 8);
    out.memberName = std::move(*name);
    return out;
}

}  // namespace

common::Result<std::int64_t> SqlCancellationRepository::insert(const CancellationRequest& r) {
    auto rows = c_.query(
        "INSERT INTO enterprise_cancellation_requests (enterprise_id, user_id, note, status, "
        "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        {r.enterpriseId, r.userId, r.note, std::string(toString(r.status)),
         sql::millis(r.createdAt)});
    if (!rows) {
        return rows.error();
    }
    if (rows->size() != 1) {
        return sql::badRow("enterprise_cancellation_requests");
    }
    return storage::getInt(rows->front(), 0);
}

common::Result<std::optional<CancellationRequest>> SqlCancellationRepository::find(
    std::int64_t enterpriseId, std::int64_t id) {
    auto rows = c_.query(std::string(kSelect) + "AND r.id = ?", {enterpriseId, id});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<CancellationRequest>{};
    }
    auto record = toRecord(rows->front());
    if (!record) {
        return record.error();
    }
    return std::optional<CancellationRequest>(std::move(record->request));
}

common::Result<bool> SqlCancellationRepository::pendingExists(std::int64_t enterpriseId,
                                                              std::int64_t userId) {
    auto rows = c_.query(
        "SELECT id FROM enterprise_cancellation_requests WHERE enterprise_id = ? AND "
        "user_id = ? AND status = 'pending' LIMIT 1",
        {enterpriseId, userId});
    if (!rows) {
        return rows.error();
    }
    return !rows->empty();
}

common::Result<std::vector<CancellationRecord>> SqlCancellationRepository::list(
    std::int64_t enterpriseId, std::optional<std::int64_t> userId, std::size_t limit) {
    std::string sql(kSelect);
    std::vector<SqlValue> params{enterpriseId};
    if (userId) {
        sql += "AND r.user_id = ? ";
        params.emplace_back(*userId);
    }
    sql += "ORDER BY r.created_at DESC, r.id DESC LIMIT ?";
    params.emplace_back(static_cast<std::int64_t>(limit));
    auto rows = c_.query(sql, params);
    if (!rows) {
        return rows.error();
    }
    std::vector<CancellationRecord> out;
    for (const auto& row : *rows) {
        auto record = toRecord(row);
        if (!record) {
            return record.error();
        }
        auto events = history(record->request.id);
        if (!events) {
            return events.error();
        }
        record->history = std::move(*events);
        out.push_back(std::move(*record));
    }
    return out;
}

common::Result<bool> SqlCancellationRepository::decide(const CancellationRequest& r) {
    auto changed = c_.executeChanges(
        "UPDATE enterprise_cancellation_requests SET status = ?, decided_at = ?, decided_by = ?, "
        "decision_reason = ? WHERE id = ? AND status = 'pending'",
        {std::string(toString(r.status)), sql::nullable(r.decidedAt), sql::nullable(r.decidedBy),
         sql::nullable(r.decisionReason), r.id});
    if (!changed) {
        return changed.error();
    }
    return *changed == 1;
}

common::Status SqlCancellationRepository::addEvent(const CancellationEvent& e) {
    return c_.execute(
        "INSERT INTO enterprise_cancellation_events (request_id, status, actor_id, reason, "
        "occurred_at) VALUES (?, ?, ?, ?, ?)",
        {e.requestId, std::string(toString(e.status)), sql::nullable(e.actorId),
         sql::nullable(e.reason), sql::millis(e.at)});
}

common::Result<std::vector<CancellationEvent>> SqlCancellationRepository::history(
    std::int64_t requestId) {
    auto rows = c_.query(
        "SELECT status, actor_id, reason, occurred_at FROM enterprise_cancellation_events "
        "WHERE request_id = ? ORDER BY occurred_at, id LIMIT 100",
        {requestId});
    if (!rows) {
        return rows.error();
    }
    std::vector<CancellationEvent> out;
    for (const auto& row : *rows) {
        auto status = storage::getText(row, 0);
        auto at = storage::getInt(row, 3);
        const auto parsed =
            status ? domain::enterprises::parseCancellationStatus(*status) : std::nullopt;
        if (!parsed || !at) {
            return sql::badRow("enterprise_cancellation_events");
        }
        out.push_back({requestId, *parsed, sql::optionalInt(row, 1), sql::optionalText(row, 2),
                       common::fromUnixMillis(*at)});
    }
    return out;
}

}  // namespace vp::services::enterprises
