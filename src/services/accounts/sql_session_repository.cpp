#include "common/clock.hpp"
#include "services/accounts/sql_account_repositories.hpp"

namespace vp::services::accounts {
namespace {

using domain::accounts::Session;
using storage::Row;

constexpr std::string_view kColumns =
    "SELECT id, user_id, token_hash, created_at, last_used_at, expires_at, user_agent, "
    "client_ip, renewal_due FROM sessions WHERE ";

common::Error badRow() {
    return common::makeError("storage.type", "sessions holds a row of unexpected shape");
}

common::Result<Session> toSession(const Row& row) {
    auto id = storage::getInt(row, 0);
    auto user = storage::getInt(row, 1);
    auto hash = storage::getText(row, 2);
    auto created = storage::getInt(row, 3);
    auto used = storage::getInt(row, 4);
    auto expires = storage::getInt(row, 5);
    auto agent = storage::getText(row, 6);
    auto ip = storage::getText(row, 7);
    auto due = storage::getInt(row, 8);
    if (!id || !user || !hash || !created || !used || !expires || !agent || !ip || !due) {
        return badRow();
    }
    return Session{*id,
                   *user,
                   std::move(*hash),
                   common::fromUnixMillis(*created),
                   common::fromUnixMillis(*used),
                   common::fromUnixMillis(*expires),
                   std::move(*agent),
                   std::move(*ip),
                   *due != 0};
}

common::Result<std::vector<Session>> toSessions(common::Result<std::vector<Row>> rows) {
    if (!rows) {
        return rows.error();
    }
    std::vector<Session> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        auto session = toSession(row);
        if (!session) {
            return session.error();
        }
        out.push_back(std::move(*session));
    }
    return out;
}

}  // namespace

common::Result<std::int64_t> SqlSessionRepository::insert(const Session& s) {
    auto rows = connection_.query(
        "INSERT INTO sessions (user_id, token_hash, created_at, last_used_at, expires_at, "
        "user_agent, client_ip) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {s.userId, s.tokenHash, common::toUnixMillis(s.createdAt),
         common::toUnixMillis(s.lastUsedAt), common::toUnixMillis(s.expiresAt), s.userAgent,
         s.clientIp});
    if (!rows) {
        return rows.error();
    }
    if (rows->size() != 1) {
        return badRow();
    }
    return storage::getInt(rows->front(), 0);
}

common::Result<std::optional<Session>> SqlSessionRepository::findOne(
    std::string_view where, const std::vector<storage::SqlValue>& params) {
    auto sessions =
        toSessions(connection_.query(std::string(kColumns) + std::string(where), params));
    if (!sessions) {
        return sessions.error();
    }
    if (sessions->empty()) {
        return std::optional<Session>{};
    }
    return std::optional<Session>(std::move(sessions->front()));
}

common::Result<std::optional<Session>> SqlSessionRepository::findByTokenHash(
    const std::string& hash) {
    return findOne("token_hash = ?", {hash});
}

common::Result<std::optional<Session>> SqlSessionRepository::findByPreviousTokenHash(
    const std::string& hash, TimePoint renewedSince) {
    return findOne("previous_token_hash = ? AND renewed_at >= ?",
                   {hash, common::toUnixMillis(renewedSince)});
}

common::Result<bool> SqlSessionRepository::renewToken(std::int64_t id, const std::string& oldHash,
                                                      const std::string& newHash, TimePoint at) {
    auto changed = connection_.executeChanges(
        "UPDATE sessions SET token_hash = ?, previous_token_hash = ?, renewed_at = ?, "
        "renewal_due = 0, last_used_at = ? WHERE id = ? AND token_hash = ?",
        {newHash, oldHash, common::toUnixMillis(at), common::toUnixMillis(at), id, oldHash});
    if (!changed) {
        return changed.error();
    }
    return *changed > 0;
}

common::Result<std::int64_t> SqlSessionRepository::requireRenewal(std::int64_t userId) {
    return connection_.executeChanges("UPDATE sessions SET renewal_due = 1 WHERE user_id = ?",
                                      {userId});
}

common::Status SqlSessionRepository::touch(std::int64_t id, TimePoint at) {
    return connection_.execute("UPDATE sessions SET last_used_at = ? WHERE id = ?",
                               {common::toUnixMillis(at), id});
}

common::Result<std::vector<Session>> SqlSessionRepository::listForUser(std::int64_t userId) {
    return toSessions(connection_.query(
        std::string(kColumns) + "user_id = ? ORDER BY last_used_at DESC, id DESC", {userId}));
}

common::Result<bool> SqlSessionRepository::deleteForUser(std::int64_t userId,
                                                         std::int64_t sessionId) {
    auto changed = connection_.executeChanges("DELETE FROM sessions WHERE id = ? AND user_id = ?",
                                              {sessionId, userId});
    if (!changed) {
        return changed.error();
    }
    return *changed > 0;
}

common::Result<std::int64_t> SqlSessionRepository::deleteAllForUser(std::int64_t userId,
                                                                    std::int64_t keep) {
    return connection_.executeChanges("DELETE FROM sessions WHERE user_id = ? AND id <> ?",
                                      {userId, keep});
}

common::Result<std::int64_t> SqlSessionRepository::deleteExpired(TimePoint now,
                                                                 TimePoint idleCutoff) {
    return connection_.executeChanges(
        "DELETE FROM sessions WHERE expires_at <= ? OR last_used_at <= ?",
        {common::toUnixMillis(now), common::toUnixMillis(idleCutoff)});
}

}  // namespace vp::services::accounts
