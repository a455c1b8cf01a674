#include "services/profile/sql_profile_repository.hpp"

#include "common/clock.hpp"

namespace vp::services::profile {
namespace {

using domain::accounts::AvatarInfo;
using domain::accounts::Profile;
using domain::accounts::StoredAvatar;
using storage::Row;
using storage::SqlNull;
using storage::SqlValue;

common::Error badRow(std::string_view table) {
    return common::makeError("storage.type",
                             std::string(table) + " holds a row of unexpected shape");
}

std::optional<std::string> optionalText(const Row& row, std::size_t column) {
    auto text = storage::getText(row, column);
    return text ? std::optional<std::string>(std::move(*text)) : std::nullopt;
}

SqlValue nullable(const std::optional<std::string>& value) {
    return value ? SqlValue{*value} : SqlValue{SqlNull{}};
}

}  // namespace

common::Result<Profile> SqlProfileRepository::load(std::int64_t userId) {
    auto rows = connection_.query(
        "SELECT u.display_name, p.gender, p.position, p.address, p.company, p.department, "
        "p.updated_at FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id WHERE u.id = ?",
        {userId});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return common::makeError("not_found", "no such account");
    }
    const Row& row = rows->front();
    auto name = storage::getText(row, 0);
    if (!name) {
        return badRow("users");
    }
    Profile p;
    p.name = std::move(*name);
    p.gender = optionalText(row, 1);
    p.position = optionalText(row, 2);
    p.address = optionalText(row, 3);
    p.company = optionalText(row, 4);
    p.department = optionalText(row, 5);
    if (auto at = storage::getInt(row, 6)) {
        p.updatedAt = common::fromUnixMillis(*at);
    }
    return p;
}

common::Status SqlProfileRepository::save(std::int64_t userId, const Profile& p) {
    if (auto named =
            connection_.execute("UPDATE users SET display_name = ? WHERE id = ?", {p.name, userId});
        !named) {
        return named;
    }
    const std::int64_t at = common::toUnixMillis(p.updatedAt.value_or(common::fromUnixMillis(0)));
    return connection_.execute(
        "INSERT INTO user_profiles (user_id, gender, position, address, company, department, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
        "gender = excluded.gender, position = excluded.position, address = excluded.address, "
        "company = excluded.company, department = excluded.department, "
        "updated_at = excluded.updated_at",
        {userId, nullable(p.gender), nullable(p.position), nullable(p.address), nullable(p.company),
         nullable(p.department), at});
}

common::Result<std::optional<StoredAvatar>> SqlProfileRepository::readAvatar(std::int64_t userId,
                                                                             bool withImage) {
    // length() counts bytes of a BLOB (SQLite) and of a bytea (PostgreSQL).
    const std::string sql =
        std::string("SELECT media_type, width, height, length(image), updated_at") +
        (withImage ? ", image" : "") + " FROM user_avatars WHERE user_id = ?";
    auto rows = connection_.query(sql, {userId});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<StoredAvatar>{};
    }
    const Row& row = rows->front();
    auto type = storage::getText(row, 0);
    auto width = storage::getInt(row, 1);
    auto height = storage::getInt(row, 2);
    auto bytes = storage::getInt(row, 3);
    auto at = storage::getInt(row, 4);
    if (!type || !width || !height || !bytes || !at) {
        return badRow("user_avatars");
    }
    StoredAvatar avatar;
    avatar.info =
        AvatarInfo{std::move(*type), static_cast<std::uint32_t>(*width),
                   static_cast<std::uint32_t>(*height), *bytes, common::fromUnixMillis(*at)};
    if (withImage) {
        auto image = storage::getBlob(row, 5);
        if (!image) {
            return badRow("user_avatars");
        }
        avatar.image = std::move(*image);
    }
    return std::optional<StoredAvatar>(std::move(avatar));
}

common::Result<std::optional<AvatarInfo>> SqlProfileRepository::avatarInfo(std::int64_t userId) {
    auto avatar = readAvatar(userId, false);
    if (!avatar) {
        return avatar.error();
    }
    return *avatar ? std::optional<AvatarInfo>((*avatar)->info) : std::nullopt;
}

common::Result<std::optional<StoredAvatar>> SqlProfileRepository::avatar(std::int64_t userId) {
    return readAvatar(userId, true);
}

common::Status SqlProfileRepository::saveAvatar(std::int64_t userId, const StoredAvatar& a) {
    return connection_.execute(
        "INSERT INTO user_avatars (user_id, media_type, width, height, image, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
        "media_type = excluded.media_type, width = excluded.width, height = excluded.height, "
        "image = excluded.image, updated_at = excluded.updated_at",
        {userId, a.info.mediaType, std::int64_t{a.info.width}, std::int64_t{a.info.height}, a.image,
         common::toUnixMillis(a.info.updatedAt)});
}

common::Result<bool> SqlProfileRepository::deleteAvatar(std::int64_t userId) {
    auto gone = connection_.executeChanges("DELETE FROM user_avatars WHERE user_id = ?", {userId});
    if (!gone) {
        return gone.error();
    }
    return *gone > 0;
}

common::Result<std::optional<std::int64_t>> SqlProfileRepository::contactOwner(
    const domain::accounts::Contact& contact, std::int64_t exceptUserId) {
    auto rows = connection_.query("SELECT id FROM users WHERE (email = ? OR phone = ?) AND id <> ?",
                                  {contact.value, contact.value, exceptUserId});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<std::int64_t>{};
    }
    auto id = storage::getInt(rows->front(), 0);
    if (!id) {
        return badRow("users");
    }
    return std::optional<std::int64_t>(*id);
}

common::Status SqlProfileRepository::setContact(std::int64_t userId,
                                                const domain::accounts::Contact& contact) {
    const bool email = contact.channel == domain::accounts::Channel::Email;
    return connection_.execute(email ? "UPDATE users SET email = ? WHERE id = ?"
                                     : "UPDATE users SET phone = ? WHERE id = ?",
                               {contact.value, userId});
}

}  // namespace vp::services::profile
