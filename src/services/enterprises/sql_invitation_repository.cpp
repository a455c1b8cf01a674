// Invitations (table enterprise_invitations).
#include "services/enterprises/sql_enterprise_repositories.hpp"
#include "services/enterprises/sql_rows.hpp"

namespace vp::services::enterprises {
namespace {

using domain::enterprises::Invitation;
using storage::Row;
using storage::SqlValue;

constexpr std::string_view kSelect =
    "SELECT i.id, i.enterprise_id, i.channel, i.target, i.invited_by, i.status, i.created_at, "
    "i.expires_at, i.responded_at, i.responded_by, e.name, COALESCE(u.display_name, '') "
    "FROM enterprise_invitations i JOIN enterprises e ON e.id = i.enterprise_id "
    "LEFT JOIN users u ON u.id = i.invited_by WHERE ";

common::Result<InvitationRecord> toRecord(const Row& row) {
    auto id = storage::getInt(row, 0);
    auto enterprise = storage::getInt(row, 1);
    auto channel = storage::getText(row, 2);
    auto target = storage::getText(row, 3);
    auto status = storage::getText(row, 5);
    auto created = storage::getInt(row, 6);
    auto expires = storage::getInt(row, 7);
    auto enterpriseName = storage::getText(row, 10);
    auto inviterName = storage::getText(row, 11);
    if (!id || !enterprise || !channel || !target || !status || !created || !expires ||
        !enterpriseName || !inviterName) {
        return sql::badRow("enterprise_invitations");
    }
    const auto parsedChannel = domain::accounts::parseChannel(*channel);
    const auto parsedStatus = domain::enterprises::parseInvitationStatus(*status);
    if (!parsedChannel || !parsedStatus) {
        return sql::badRow("enterprise_invitations");
    }
    InvitationRecord out;
    Invitation& i = out.invitation;
    i.id = *id;
    i.enterpriseId = *enterprise;
    i.target = {*parsedChannel, std::move(*target)};
    i.invitedBy = sql::optionalInt(row, 4);
    i.status = *parsedStatus;
    i.createdAt = common::fromUnixMillis(*created);
    i.expiresAt = common::fromUnixMillis(*expires);
    i.respondedAt = sql::optionalTime(row, 8);
    i.respondedBy = sql::optionalInt(row, 9);
    out.enterpriseName = std::move(*enterpriseName);
    out.inviterName = std::move(*inviterName);
    return out;
}

}  // namespace

common::Result<std::int64_t> SqlInvitationRepository::insert(const Invitation& i) {
    auto rows = c_.query(
        "INSERT INTO enterprise_invitations (enterprise_id, channel, target, invited_by, status, "
        "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {i.enterpriseId, std::string(toString(i.target.channel)), i.target.value,
         sql::nullable(i.invitedBy), std::string(toString(i.status)), sql::millis(i.createdAt),
         sql::millis(i.expiresAt)});
    if (!rows) {
        return rows.error();
    }
    if (rows->size() != 1) {
        return sql::badRow("enterprise_invitations");
    }
    return storage::getInt(rows->front(), 0);
}

common::Result<std::vector<InvitationRecord>> SqlInvitationRepository::select(
    std::string_view where, std::vector<SqlValue> params) {
    return sql::mapRows<InvitationRecord>(
        c_.query(std::string(kSelect) + std::string(where), params), toRecord);
}

common::Result<std::optional<InvitationRecord>> SqlInvitationRepository::find(std::int64_t id) {
    auto found = select("i.id = ?", {id});
    if (!found) {
        return found.error();
    }
    if (found->empty()) {
        return std::optional<InvitationRecord>{};
    }
    return std::optional<InvitationRecord>(std::move(found->front()));
}

common::Result<std::vector<InvitationRecord>> SqlInvitationRepository::forEnterprise(
    std::int64_t enterpriseId, std::size_t limit) {
    return select("i.enterprise_id = ? ORDER BY i.created_at DESC, i.id DESC LIMIT ?",
                  {enterpriseId, static_cast<std::int64_t>(limit)});
}

common::Result<std::vector<InvitationRecord>> SqlInvitationRepository::pendingFor(
    const std::optional<std::string>& email, const std::optional<std::string>& phone,
    std::size_t limit) {
    // A missing contact matches nothing: "" is never a stored target.
    return select(
        "i.status = 'pending' AND ((i.channel = 'email' AND i.target = ?) OR "
        "(i.channel = 'sms' AND i.target = ?)) ORDER BY i.created_at DESC, i.id DESC LIMIT ?",
        {email.value_or(""), phone.value_or(""), static_cast<std::int64_t>(limit)});
}

common::Result<bool> SqlInvitationRepository::openInvitationExists(std::int64_t enterpriseId,
                                                                   const std::string& target,
                                                                   TimePoint now) {
    auto rows = c_.query(
        "SELECT id FROM enterprise_invitations WHERE enterprise_id = ? AND target = ? AND "
        "status = 'pending' AND expires_at > ? LIMIT 1",
        {enterpriseId, target, sql::millis(now)});
    if (!rows) {
        return rows.error();
    }
    return !rows->empty();
}

common::Result<std::int64_t> SqlInvitationRepository::createdSince(std::int64_t enterpriseId,
                                                                   TimePoint since) {
    auto rows = c_.query(
        "SELECT COUNT(*) FROM enterprise_invitations WHERE enterprise_id = ? AND created_at >= ?",
        {enterpriseId, sql::millis(since)});
    if (!rows) {
        return rows.error();
    }
    return rows->empty() ? common::Result<std::int64_t>(sql::badRow("enterprise_invitations"))
                         : storage::getInt(rows->front(), 0);
}

common::Result<bool> SqlInvitationRepository::respond(std::int64_t id,
                                                      domain::enterprises::InvitationStatus status,
                                                      TimePoint at,
                                                      std::optional<std::int64_t> by) {
    auto changed = c_.executeChanges(
        "UPDATE enterprise_invitations SET status = ?, responded_at = ?, responded_by = ? "
        "WHERE id = ? AND status = 'pending'",
        {std::string(toString(status)), sql::millis(at), sql::nullable(by), id});
    if (!changed) {
        return changed.error();
    }
    return *changed == 1;
}

}  // namespace vp::services::enterprises
