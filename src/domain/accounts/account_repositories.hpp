#pragma once
// Persistence of accounts and sessions (implemented in services/accounts on SQL).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/accounts/session.hpp"
#include "domain/accounts/user.hpp"

namespace vp::domain::accounts {

class UserRepository {
  public:
    virtual ~UserRepository() = default;
    // Errors: "account_exists" when the email or phone is taken.
    virtual common::Result<std::int64_t> insert(const User& user) = 0;
    virtual common::Result<std::optional<User>> findByContact(const Contact& contact) = 0;
    virtual common::Result<std::optional<User>> findById(std::int64_t id) = 0;
    virtual common::Status setPasswordHash(std::int64_t id, const std::string& hash) = 0;
};

class SessionRepository {
  public:
    using TimePoint = std::chrono::system_clock::time_point;

    virtual ~SessionRepository() = default;
    virtual common::Result<std::int64_t> insert(const Session& session) = 0;
    virtual common::Result<std::optional<Session>> findByTokenHash(const std::string& hash) = 0;
    // The session whose token `hash` was replaced at or after `renewedSince`.
    virtual common::Result<std::optional<Session>> findByPreviousTokenHash(
        const std::string& hash, TimePoint renewedSince) = 0;
    // Replaces the token of a session still holding `oldHash`, keeping the session
    // (id, device, times) and the old hash for the grace; false when another request
    // replaced it first.
    virtual common::Result<bool> renewToken(std::int64_t id, const std::string& oldHash,
                                            const std::string& newHash, TimePoint at) = 0;
    // Marks every session of the user for a new token on its next request; how many.
    virtual common::Result<std::int64_t> requireRenewal(std::int64_t userId) = 0;
    virtual common::Status touch(std::int64_t id, TimePoint at) = 0;
    // Newest use first.
    virtual common::Result<std::vector<Session>> listForUser(std::int64_t userId) = 0;
    // Deletes one session of that user; false when it is not his (or is gone).
    virtual common::Result<bool> deleteForUser(std::int64_t userId, std::int64_t sessionId) = 0;
    // Deletes every session of the user except `keep` (0: keep none); how many.
    virtual common::Result<std::int64_t> deleteAllForUser(std::int64_t userId,
                                                          std::int64_t keep) = 0;
    // Deletes sessions past their deadline or idle since before `idleCutoff`.
    virtual common::Result<std::int64_t> deleteExpired(TimePoint now, TimePoint idleCutoff) = 0;
};

}  // namespace vp::domain::accounts
