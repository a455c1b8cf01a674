#include "services/outbox/sql_outbox_repository.hpp"

#include "common/clock.hpp"
#include "services/outbox/chunked_delete.hpp"

namespace vp::services::outbox {
namespace {

using domain::accounts::Channel;
using domain::accounts::MessageStatus;
using domain::accounts::OutboundMessage;
using storage::Row;
using storage::SqlValue;

constexpr std::string_view kColumns =
    "id, channel, recipient, template, subject, body_text, body_html, status, attempts, "
    "next_attempt_at, last_error, created_at, sent_at";

constexpr std::int64_t kRowsPerDelete = 1000;

common::Error badRow(std::string_view what) {
    return common::makeError("storage.type",
                             "outbox_messages holds a row with " + std::string(what));
}

common::Result<OutboundMessage> toMessage(const Row& row) {
    auto id = storage::getInt(row, 0);
    auto channel = storage::getText(row, 1);
    auto recipient = storage::getText(row, 2);
    auto tmpl = storage::getText(row, 3);
    auto subject = storage::getText(row, 4);
    auto text = storage::getText(row, 5);
    auto html = storage::getText(row, 6);
    auto status = storage::getText(row, 7);
    auto attempts = storage::getInt(row, 8);
    auto next = storage::getInt(row, 9);
    auto error = storage::getText(row, 10);
    auto created = storage::getInt(row, 11);
    if (!id || !channel || !recipient || !tmpl || !subject || !text || !html || !status ||
        !attempts || !next || !error || !created) {
        return badRow("an unexpected shape");
    }
    const auto parsedChannel = domain::accounts::parseChannel(*channel);
    const auto parsedStatus = domain::accounts::parseMessageStatus(*status);
    if (!parsedChannel || !parsedStatus) {
        return badRow("an unknown channel or status");
    }
    OutboundMessage m;
    m.id = *id;
    m.channel = *parsedChannel;
    m.recipient = std::move(*recipient);
    m.content = {std::move(*tmpl), std::move(*subject), std::move(*text), std::move(*html)};
    m.status = *parsedStatus;
    m.attempts = static_cast<int>(*attempts);
    m.nextAttemptAt = common::fromUnixMillis(*next);
    m.lastError = std::move(*error);
    m.createdAt = common::fromUnixMillis(*created);
    if (auto sent = storage::getInt(row, 12)) {
        m.sentAt = common::fromUnixMillis(*sent);
    }
    return m;
}

std::string withColumns(std::string_view before, std::string_view after) {
    std::string sql(before);
    sql += kColumns;
    sql += after;
    return sql;
}

}  // namespace

common::Result<std::int64_t> SqlOutboxRepository::enqueue(
    Channel channel, const std::string& recipient, const domain::accounts::RenderedMessage& content,
    TimePoint now) {
    const auto at = common::toUnixMillis(now);
    auto rows = connection_.query(
        "INSERT INTO outbox_messages (channel, recipient, template, subject, body_text, "
        "body_html, status, attempts, next_attempt_at, last_error, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, '', ?) RETURNING id",
        {std::string(toString(channel)), recipient, content.templateId, content.subject,
         content.text, content.html, at, at});
    if (!rows) {
        return rows.error();
    }
    if (rows->size() != 1) {
        return badRow("no id after insert");
    }
    return storage::getInt(rows->front(), 0);
}

common::Result<std::int64_t> SqlOutboxRepository::pendingCount() {
    auto rows = connection_.query(
        "SELECT COUNT(*) FROM outbox_messages WHERE status IN ('queued', 'sending')");
    if (!rows) {
        return rows.error();
    }
    return rows->empty() ? common::Result<std::int64_t>(0) : storage::getInt(rows->front(), 0);
}

common::Result<std::int64_t> SqlOutboxRepository::failExhausted(int maxAttempts, TimePoint now) {
    return connection_.executeChanges(
        "UPDATE outbox_messages SET status = 'failed', last_error = ? "
        "WHERE status IN ('queued', 'sending') AND next_attempt_at <= ? AND attempts >= ?",
        {std::string("gave up: every allowed attempt was used (the last one did not finish)"),
         common::toUnixMillis(now), std::int64_t{maxAttempts}});
}

common::Result<std::vector<OutboundMessage>> SqlOutboxRepository::claimDue(std::size_t limit,
                                                                           int maxAttempts,
                                                                           TimePoint now,
                                                                           TimePoint leaseUntil) {
    const auto nowMs = common::toUnixMillis(now);
    auto due = connection_.query(
        "SELECT id, attempts FROM outbox_messages WHERE status IN ('queued', 'sending') "
        "AND next_attempt_at <= ? AND attempts < ? ORDER BY next_attempt_at, id LIMIT ?",
        {nowMs, std::int64_t{maxAttempts}, static_cast<std::int64_t>(limit)});
    if (!due) {
        return due.error();
    }
    std::vector<OutboundMessage> claimed;
    for (const auto& row : *due) {
        auto id = storage::getInt(row, 0);
        auto attempts = storage::getInt(row, 1);
        if (!id || !attempts) {
            return badRow("an unexpected shape");
        }
        // Optimistic claim: only one of several workers sees its update change the row.
        auto changed = connection_.executeChanges(
            "UPDATE outbox_messages SET status = 'sending', attempts = attempts + 1, "
            "next_attempt_at = ? WHERE id = ? AND attempts = ? "
            "AND status IN ('queued', 'sending') AND next_attempt_at <= ?",
            {common::toUnixMillis(leaseUntil), *id, *attempts, nowMs});
        if (!changed) {
            return changed.error();
        }
        if (*changed != 1) {
            continue;
        }
        auto message = find(*id);
        if (!message) {
            return message.error();
        }
        claimed.push_back(std::move(*message));
    }
    return claimed;
}

common::Result<bool> SqlOutboxRepository::finishClaim(std::string_view sql,
                                                      std::vector<SqlValue> params) {
    auto changed = connection_.executeChanges(sql, params);
    if (!changed) {
        return changed.error();
    }
    return *changed == 1;
}

common::Result<bool> SqlOutboxRepository::markSent(std::int64_t id, int attempts, TimePoint now) {
    return finishClaim(
        "UPDATE outbox_messages SET status = 'sent', sent_at = ?, last_error = '' "
        "WHERE id = ? AND attempts = ? AND status = 'sending'",
        {common::toUnixMillis(now), id, std::int64_t{attempts}});
}

common::Result<bool> SqlOutboxRepository::scheduleRetry(std::int64_t id, int attempts,
                                                        TimePoint due, const std::string& error) {
    return finishClaim(
        "UPDATE outbox_messages SET status = 'queued', next_attempt_at = ?, last_error = ? "
        "WHERE id = ? AND attempts = ? AND status = 'sending'",
        {common::toUnixMillis(due), error, id, std::int64_t{attempts}});
}

common::Result<bool> SqlOutboxRepository::markFailed(std::int64_t id, int attempts,
                                                     const std::string& error) {
    return finishClaim(
        "UPDATE outbox_messages SET status = 'failed', last_error = ? "
        "WHERE id = ? AND attempts = ? AND status = 'sending'",
        {error, id, std::int64_t{attempts}});
}

common::Result<OutboundMessage> SqlOutboxRepository::find(std::int64_t id) {
    auto rows =
        connection_.query(withColumns("SELECT ", " FROM outbox_messages WHERE id = ?"), {id});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return common::makeError("outbox.not_found",
                                 "no outbox message with id " + std::to_string(id));
    }
    return toMessage(rows->front());
}

common::Result<std::int64_t> SqlOutboxRepository::deleteCreatedBefore(TimePoint cutoff) {
    return deleteCreatedBeforeInChunks(connection_, "outbox_messages", common::toUnixMillis(cutoff),
                                       kRowsPerDelete);
}

}  // namespace vp::services::outbox
