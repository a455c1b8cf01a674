#include "common/clock.hpp"
#include "services/accounts/sql_account_repositories.hpp"

namespace vp::services::accounts {
namespace {

using domain::accounts::User;
using storage::Row;
using storage::SqlNull;
using storage::SqlValue;

constexpr std::string_view kColumns =
    "SELECT id, email, phone, display_name, password_hash, birth_year, birth_month, status, "
    "created_at FROM users WHERE ";

common::Error badRow() {
    return common::makeError("storage.type", "users holds a row of unexpected shape");
}

std::optional<std::string> optionalText(const Row& row, std::size_t column) {
    auto text = storage::getText(row, column);
    return text ? std::optional<std::string>(std::move(*text)) : std::nullopt;
}

SqlValue nullable(const std::optional<std::string>& value) {
    return value ? SqlValue{*value} : SqlValue{SqlNull{}};
}

common::Result<User> toUser(const Row& row) {
    auto id = storage::getInt(row, 0);
    auto name = storage::getText(row, 3);
    auto year = storage::getInt(row, 5);
    auto month = storage::getInt(row, 6);
    auto status = storage::getText(row, 7);
    auto created = storage::getInt(row, 8);
    if (!id || !name || !year || !month || !status || !created) {
        return badRow();
    }
    const auto parsed = domain::accounts::parseUserStatus(*status);
    if (!parsed) {
        return badRow();
    }
    User user;
    user.id = *id;
    user.email = optionalText(row, 1);
    user.phone = optionalText(row, 2);
    user.displayName = std::move(*name);
    user.passwordHash = optionalText(row, 4);
    user.birth = {static_cast<int>(*year), static_cast<int>(*month)};
    user.status = *parsed;
    user.createdAt = common::fromUnixMillis(*created);
    return user;
}

}  // namespace

common::Result<std::int64_t> SqlUserRepository::insert(const User& user) {
    // The UNIQUE constraints are the final word; this check gives the clear error.
    for (const auto& contact : {user.email, user.phone}) {
        if (!contact) {
            continue;
        }
        auto taken = connection_.query("SELECT id FROM users WHERE email = ? OR phone = ?",
                                       {*contact, *contact});
        if (!taken) {
            return taken.error();
        }
        if (!taken->empty()) {
            return common::makeError("account_exists",
                                     "an account with this email or number exists; sign in");
        }
    }
    auto rows = connection_.query(
        "INSERT INTO users (email, phone, display_name, password_hash, birth_year, birth_month, "
        "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {nullable(user.email), nullable(user.phone), user.displayName, nullable(user.passwordHash),
         std::int64_t{user.birth.year}, std::int64_t{user.birth.month},
         std::string(toString(user.status)), common::toUnixMillis(user.createdAt)});
    if (!rows) {
        return rows.error();
    }
    if (rows->size() != 1) {
        return badRow();
    }
    return storage::getInt(rows->front(), 0);
}

common::Result<std::optional<User>> SqlUserRepository::findOne(std::string_view where,
                                                               SqlValue key) {
    auto rows = connection_.query(std::string(kColumns) + std::string(where), {std::move(key)});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<User>{};
    }
    auto user = toUser(rows->front());
    if (!user) {
        return user.error();
    }
    return std::optional<User>(std::move(*user));
}

common::Result<std::optional<User>> SqlUserRepository::findByContact(
    const domain::accounts::Contact& contact) {
    return findOne(contact.channel == domain::accounts::Channel::Email ? "email = ?" : "phone = ?",
                   contact.value);
}

common::Result<std::optional<User>> SqlUserRepository::findById(std::int64_t id) {
    return findOne("id = ?", id);
}

common::Status SqlUserRepository::setPasswordHash(std::int64_t id, const std::string& hash) {
    return connection_.execute("UPDATE users SET password_hash = ? WHERE id = ?", {hash, id});
}

}  // namespace vp::services::accounts
