#pragma once
// Users and sessions on either backend (tables users, sessions), in portable SQL.
#include "domain/accounts/account_repositories.hpp"
#include "storage/connection.hpp"

namespace vp::services::accounts {

class SqlUserRepository final : public domain::accounts::UserRepository {
  public:
    explicit SqlUserRepository(storage::Connection& connection) : connection_(connection) {}

    common::Result<std::int64_t> insert(const domain::accounts::User& user) override;
    common::Result<std::optional<domain::accounts::User>> findByContact(
        const domain::accounts::Contact& contact) override;
    common::Result<std::optional<domain::accounts::User>> findById(std::int64_t id) override;
    common::Status setPasswordHash(std::int64_t id, const std::string& hash) override;

  private:
    common::Result<std::optional<domain::accounts::User>> findOne(std::string_view where,
                                                                  storage::SqlValue key);
    storage::Connection& connection_;
};

class SqlSessionRepository final : public domain::accounts::SessionRepository {
  public:
    explicit SqlSessionRepository(storage::Connection& connection) : connection_(connection) {}

    common::Result<std::int64_t> insert(const domain::accounts::Session& session) override;
    common::Result<std::optional<domain::accounts::Session>> findByTokenHash(
        const std::string& hash) override;
    common::Result<std::optional<domain::accounts::Session>> findByPreviousTokenHash(
        const std::string& hash, TimePoint renewedSince) override;
    common::Result<bool> renewToken(std::int64_t id, const std::string& oldHash,
                                    const std::string& newHash, TimePoint at) override;
    common::Result<std::int64_t> requireRenewal(std::int64_t userId) override;
    common::Status touch(std::int64_t id, TimePoint at) override;
    common::Result<std::vector<domain::accounts::Session>> listForUser(
        std::int64_t userId) override;
    common::Result<bool> deleteForUser(std::int64_t userId, std::int64_t sessionId) override;
    common::Result<std::int64_t> deleteAllForUser(std::int64_t userId, std::int64_t keep) override;
    common::Result<std::int64_t> deleteExpired(TimePoint now, TimePoint idleCutoff) override;

  private:
    common::Result<std::optional<domain::accounts::Session>> findOne(
        std::string_view where, const std::vector<storage::SqlValue>& params);
    storage::Connection& connection_;
};

}  // namespace vp::services::accounts
