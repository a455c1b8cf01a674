// Accounts: the Security Center (sessions, sign out elsewhere, password change) and
// retention of ended sessions.
#include "common/log.hpp"
#include "services/accounts/accounts.hpp"
#include "services/accounts/sql_account_repositories.hpp"

namespace vp::services::accounts {
namespace {

const common::Logger& log() {
    static const common::Logger logger("accounts");
    return logger;
}

}  // namespace

common::Result<std::vector<domain::accounts::Session>> Accounts::sessions(storage::Connection& c,
                                                                          std::int64_t userId) {
    SqlSessionRepository sessions(c);
    return sessions.listForUser(userId);
}

common::Status Accounts::revokeSession(storage::Connection& c, std::int64_t userId,
                                       std::int64_t sessionId) {
    SqlSessionRepository sessions(c);
    auto gone = sessions.deleteForUser(userId, sessionId);
    if (!gone) {
        return gone.error();
    }
    if (!*gone) {
        return common::makeError("not_found", "no such session of yours");
    }
    return {};
}

common::Result<std::int64_t> Accounts::revokeAll(storage::Connection& c, const Authenticated& who,
                                                 bool includingCurrent) {
    SqlSessionRepository sessions(c);
    return sessions.deleteAllForUser(who.user.id, includingCurrent ? 0 : who.session.id);
}

common::Status Accounts::reverify(storage::Connection& c, const Authenticated& who,
                                  std::string_view code, const ClientInfo& client) {
    const auto contact = who.user.contact();
    if (auto limited = throttled(c, contact.value, client); !limited) {
        return limited.error();
    }
    auto outcome =
        verifyCode(c, contact.value, domain::accounts::CodePurpose::Login, code, client.ip);
    if (!outcome) {
        return outcome.error();
    }
    if (*outcome != domain::accounts::VerifyOutcome::Accepted) {
        if (auto counted = recordFailure(c, contact.value, client); !counted) {
            return counted.error();
        }
        return common::makeError("reauthentication_failed",
                                 "the code is wrong or has expired; ask for a new one");
    }
    return {};
}

common::Result<SignedIn> Accounts::changePassword(storage::Connection& c, const Authenticated& who,
                                                  const PasswordChange& change,
                                                  const ClientInfo& client) {
    if (auto valid = validatePassword(change.newPassword); !valid) {
        return valid.error();
    }
    const auto contact = who.user.contact();
    if (auto limited = throttled(c, contact.value, client); !limited) {
        return limited.error();
    }
    bool proven = false;
    if (change.currentPassword && who.user.passwordHash) {
        proven = passwords_.verify(*who.user.passwordHash, *change.currentPassword);
    } else if (change.code) {
        auto outcome = verifyCode(c, contact.value, domain::accounts::CodePurpose::Login,
                                  *change.code, client.ip);
        if (!outcome) {
            return outcome.error();
        }
        proven = *outcome == domain::accounts::VerifyOutcome::Accepted;
    }
    if (!proven) {
        if (auto counted = recordFailure(c, contact.value, client); !counted) {
            return counted.error();
        }
        return common::makeError("reauthentication_failed",
                                 "give your current password, or a sign-in code sent to you");
    }
    auto hash = passwords_.hash(change.newPassword);
    if (!hash) {
        return hash.error();
    }
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    SqlUserRepository users(c);
    if (auto set = users.setPasswordHash(who.user.id, *hash); !set) {
        return set.error();
    }
    SqlSessionRepository sessions(c);
    if (auto ended = sessions.deleteAllForUser(who.user.id, 0); !ended) {
        return ended.error();
    }
    auto user = who.user;
    user.passwordHash = std::move(*hash);
    auto signedIn = startSession(c, user, client, {});
    if (!signedIn) {
        return signedIn.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    log().info("password changed; other sessions ended", {{"user", std::to_string(user.id)}});
    return signedIn;
}

common::Result<std::int64_t> Accounts::purgeExpired(storage::Connection& c) {
    const auto now = clock_.now();
    SqlSessionRepository sessions(c);
    auto ended = sessions.deleteExpired(now, now - options_.sessions.idleTimeout);
    if (!ended) {
        return ended.error();
    }
    auto codes = codes_.purge(c);
    if (!codes) {
        return codes.error();
    }
    // Failures older than the longest window no longer count (kept at most a day).
    auto failures = PersistentAttemptLimiter::purgeBefore(c, now - std::chrono::hours{24});
    if (!failures) {
        return failures.error();
    }
    return *ended + *codes + *failures;
}

}  // namespace vp::services::accounts
