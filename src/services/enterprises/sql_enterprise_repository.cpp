// Enterprises and their members (tables enterprises, enterprise_members).
#include "services/enterprises/sql_enterprise_repositories.hpp"
#include "services/enterprises/sql_rows.hpp"

namespace vp::services::enterprises {
namespace {

using domain::enterprises::Enterprise;
using domain::enterprises::Member;
using storage::Row;
using storage::SqlValue;

constexpr std::string_view kMemberColumns =
    "m.enterprise_id, m.user_id, m.role, m.status, m.joined_at";

// Reads the five member columns starting at `first`.
common::Result<Member> toMember(const Row& row, std::size_t first) {
    auto enterprise = storage::getInt(row, first);
    auto user = storage::getInt(row, first + 1);
    auto role = storage::getText(row, first + 2);
    auto status = storage::getText(row, first + 3);
    auto joined = storage::getInt(row, first + 4);
    if (!enterprise || !user || !role || !status || !joined) {
        return sql::badRow("enterprise_members");
    }
    const auto parsedRole = domain::enterprises::parseRole(*role);
    const auto parsedStatus = domain::enterprises::parseMemberStatus(*status);
    if (!parsedRole || !parsedStatus) {
        return sql::badRow("enterprise_members");
    }
    return Member{*enterprise, *user, *parsedRole, *parsedStatus, common::fromUnixMillis(*joined)};
}

}  // namespace

common::Result<std::int64_t> SqlEnterpriseRepository::insert(const Enterprise& e) {
    auto rows = c_.query(
        "INSERT INTO enterprises (name, contact_name, contact_email, contact_phone, notes, "
        "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {e.name, e.contactName, e.contactEmail, e.contactPhone, e.notes, sql::nullable(e.createdBy),
         sql::millis(e.createdAt), sql::millis(e.createdAt)});
    if (!rows) {
        return rows.error();
    }
    if (rows->size() != 1) {
        return sql::badRow("enterprises");
    }
    return storage::getInt(rows->front(), 0);
}

common::Result<std::optional<Enterprise>> SqlEnterpriseRepository::find(std::int64_t id) {
    auto rows = c_.query(
        "SELECT id, name, contact_name, contact_email, contact_phone, notes, created_by, "
        "created_at FROM enterprises WHERE id = ?",
        {id});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<Enterprise>{};
    }
    const Row& row = rows->front();
    auto rowId = storage::getInt(row, 0);
    auto name = storage::getText(row, 1);
    auto contactName = storage::getText(row, 2);
    auto email = storage::getText(row, 3);
    auto phone = storage::getText(row, 4);
    auto notes = storage::getText(row, 5);
    auto created = storage::getInt(row, 7);
    if (!rowId || !name || !contactName || !email || !phone || !notes || !created) {
        return sql::badRow("enterprises");
    }
    return std::optional<Enterprise>(Enterprise{
        *rowId, std::move(*name), std::move(*contactName), std::move(*email), std::move(*phone),
        std::move(*notes), sql::optionalInt(row, 6), common::fromUnixMillis(*created)});
}

common::Result<bool> SqlEnterpriseRepository::lock(std::int64_t id, TimePoint now) {
    auto changed = c_.executeChanges("UPDATE enterprises SET updated_at = ? WHERE id = ?",
                                     {sql::millis(now), id});
    if (!changed) {
        return changed.error();
    }
    return *changed == 1;
}

common::Status SqlEnterpriseRepository::insertMember(const Member& m) {
    return c_.execute(
        "INSERT INTO enterprise_members (enterprise_id, user_id, role, status, joined_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        {m.enterpriseId, m.userId, std::string(toString(m.role)), std::string(toString(m.status)),
         sql::millis(m.joinedAt), sql::millis(m.joinedAt)});
}

common::Result<std::optional<Member>> SqlEnterpriseRepository::findMember(std::int64_t enterpriseId,
                                                                          std::int64_t userId) {
    auto rows =
        c_.query("SELECT " + std::string(kMemberColumns) +
                     " FROM enterprise_members m WHERE m.enterprise_id = ? AND m.user_id = ?",
                 {enterpriseId, userId});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<Member>{};
    }
    auto member = toMember(rows->front(), 0);
    if (!member) {
        return member.error();
    }
    return std::optional<Member>(*member);
}

common::Result<std::vector<MemberRecord>> SqlEnterpriseRepository::members(
    std::int64_t enterpriseId, std::size_t limit) {
    auto rows = c_.query("SELECT " + std::string(kMemberColumns) +
                             ", u.display_name, u.email, u.phone, m.id, a.updated_at "
                             "FROM enterprise_members m JOIN users u ON u.id = m.user_id "
                             "LEFT JOIN user_avatars a ON a.user_id = m.user_id "
                             "WHERE m.enterprise_id = ? ORDER BY u.display_name, m.user_id LIMIT ?",
                         {enterpriseId, static_cast<std::int64_t>(limit)});
    if (!rows) {
        return rows.error();
    }
    std::vector<MemberRecord> out;
    for (const auto& row : *rows) {
        auto member = toMember(row, 0);
        auto name = storage::getText(row, 5);
        if (!member || !name) {
            return sql::badRow("enterprise_members");
        }
        auto membershipId = storage::getInt(row, 8);
        if (!membershipId) {
            return sql::badRow("enterprise_members");
        }
        std::optional<TimePoint> avatar;
        if (auto updated = storage::getInt(row, 9)) {
            avatar = common::fromUnixMillis(*updated);
        }
        out.push_back({*member, std::move(*name), sql::optionalText(row, 6),
                       sql::optionalText(row, 7), *membershipId, avatar});
    }
    return out;
}

common::Result<std::optional<std::int64_t>> SqlEnterpriseRepository::memberUserId(
    std::int64_t enterpriseId, std::int64_t membershipId) {
    auto rows =
        c_.query("SELECT user_id FROM enterprise_members WHERE enterprise_id = ? AND id = ?",
                 {enterpriseId, membershipId});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<std::int64_t>{};
    }
    auto user = storage::getInt(rows->front(), 0);
    if (!user) {
        return sql::badRow("enterprise_members");
    }
    return std::optional<std::int64_t>(*user);
}

common::Result<std::vector<MembershipRecord>> SqlEnterpriseRepository::membershipsOf(
    std::int64_t userId, std::size_t limit) {
    auto rows = c_.query("SELECT " + std::string(kMemberColumns) +
                             ", e.name FROM enterprise_members m JOIN enterprises e ON "
                             "e.id = m.enterprise_id WHERE m.user_id = ? ORDER BY e.name, e.id "
                             "LIMIT ?",
                         {userId, static_cast<std::int64_t>(limit)});
    if (!rows) {
        return rows.error();
    }
    std::vector<MembershipRecord> out;
    for (const auto& row : *rows) {
        auto member = toMember(row, 0);
        auto name = storage::getText(row, 5);
        if (!member || !name) {
            return sql::badRow("enterprise_members");
        }
        out.push_back({*member, std::move(*name)});
    }
    return out;
}

common::Result<std::int64_t> SqlEnterpriseRepository::activeAdministrators(
    std::int64_t enterpriseId) {
    auto rows = c_.query(
        "SELECT COUNT(*) FROM enterprise_members WHERE enterprise_id = ? AND "
        "role = 'administrator' AND status = 'active'",
        {enterpriseId});
    if (!rows) {
        return rows.error();
    }
    return rows->empty() ? common::Result<std::int64_t>(sql::badRow("enterprise_members"))
                         : storage::getInt(rows->front(), 0);
}

common::Status SqlEnterpriseRepository::updateMember(const Member& m, TimePoint now) {
    return c_.execute(
        "UPDATE enterprise_members SET role = ?, status = ?, updated_at = ? WHERE "
        "enterprise_id = ? AND user_id = ?",
        {std::string(toString(m.role)), std::string(toString(m.status)), sql::millis(now),
         m.enterpriseId, m.userId});
}

common::Status SqlEnterpriseRepository::deleteMember(std::int64_t enterpriseId,
                                                     std::int64_t userId) {
    return c_.execute("DELETE FROM enterprise_members WHERE enterprise_id = ? AND user_id = ?",
                      {enterpriseId, userId});
}

}  // namespace vp::services::enterprises
