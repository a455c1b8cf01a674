#include "services/accounts/operators.hpp"

#include "domain/accounts/contact.hpp"
#include "domain/accounts/user.hpp"
#include "services/accounts/accounts.hpp"
#include "services/accounts/sql_account_repositories.hpp"

namespace vp::services::accounts {

common::Result<bool> Operators::isOperator(storage::Connection& c, std::int64_t userId) const {
    auto rows = c.query("SELECT 1 FROM operators WHERE user_id = ?", {userId});
    if (!rows) {
        return rows.error();
    }
    return !rows->empty();
}

common::Result<std::int64_t> Operators::create(storage::Connection& c, std::string_view email,
                                               std::string_view password,
                                               const PasswordHasher& passwords,
                                               const std::string& grantedBy) const {
    auto normalized = domain::accounts::normalizeEmail(email);
    if (!normalized) {
        return common::makeError("invalid_target", "give the operator's email address");
    }
    if (auto valid = validatePassword(password); !valid) {
        return valid.error();
    }
    auto hash = passwords.hash(password);
    if (!hash) {
        return hash.error();
    }
    domain::accounts::User user;
    user.email = std::move(*normalized);
    user.displayName = "Operator";
    user.passwordHash = std::move(*hash);
    // An operator is an adult whose birth month is not asked: 1900-01 stands for that.
    user.birth = {1900, 1};
    user.status = domain::accounts::UserStatus::Active;
    user.createdAt = clock_.now();
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto id = SqlUserRepository(c).insert(user);
    if (!id) {
        return id.error();
    }
    if (auto granted =
            c.execute("INSERT INTO operators (user_id, granted_at, granted_by) VALUES (?, ?, ?)",
                      {*id, common::toUnixMillis(user.createdAt), grantedBy});
        !granted) {
        return granted.error();
    }
    // Operator rights are a privilege: no session issued before keeps its token (R-ACC-3).
    if (auto marked = requireSessionRenewal(c, *id); !marked) {
        return marked.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return *id;
}

}  // namespace vp::services::accounts
