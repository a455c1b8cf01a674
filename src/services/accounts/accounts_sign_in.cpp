// Accounts: sign-in by code or password, session checks and sign-out.
#include "common/log.hpp"
#include "common/mask.hpp"
#include "domain/accounts/contact.hpp"
#include "services/accounts/accounts.hpp"
#include "services/accounts/session_tokens.hpp"
#include "services/accounts/sql_account_repositories.hpp"

namespace vp::services::accounts {
namespace {

using domain::accounts::CodePurpose;
using domain::accounts::SessionState;
using domain::accounts::User;
using domain::accounts::UserStatus;

const common::Logger& log() {
    static const common::Logger logger("accounts");
    return logger;
}

common::Error loginFailed() {
    return common::makeError("login_failed",
                             "the sign-in details are not right; check them or sign in with a "
                             "code");
}

common::Error unauthenticated(std::string_view why) {
    return common::makeError("unauthenticated", std::string(why));
}

}  // namespace

common::Status Accounts::throttled(storage::Connection& c, const std::string& target,
                                   const ClientInfo& client) const {
    auto forTarget = perTarget_.allowed(c, target);
    if (!forTarget) {
        return forTarget.error();
    }
    auto fromIp = perIp_.allowed(c, client.ip);
    if (!fromIp) {
        return fromIp.error();
    }
    if (!*forTarget || !*fromIp) {
        return common::makeError("rate_limited",
                                 "too many failed sign-in attempts; wait 15 minutes and try "
                                 "again");
    }
    return {};
}

common::Status Accounts::recordFailure(storage::Connection& c, const std::string& target,
                                       const ClientInfo& client) const {
    log().warn("sign-in failed", {{"ip", common::maskIp(client.ip)}});
    if (auto counted = perTarget_.recordFailure(c, target); !counted) {
        return counted;
    }
    return perIp_.recordFailure(c, client.ip);
}

common::Result<SignedIn> Accounts::finishLogin(storage::Connection& c, std::optional<User> user,
                                               bool proven, const std::string& target,
                                               const ClientInfo& client,
                                               std::string_view previousToken) {
    if (!proven || !user || user->status == UserStatus::Disabled) {
        if (auto counted = recordFailure(c, target, client); !counted) {
            return counted.error();
        }
        return loginFailed();
    }
    if (auto cleared = perTarget_.reset(c, target); !cleared) {
        return cleared.error();
    }
    if (user->status == UserStatus::PendingGuardian) {
        return common::makeError("guardian_consent_pending",
                                 "this account waits for a parent's or guardian's consent: they "
                                 "received a code by email or SMS and must confirm it before "
                                 "you can sign in");
    }
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto signedIn = startSession(c, *user, client, previousToken);
    if (!signedIn) {
        return signedIn.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return signedIn;
}

common::Result<SignedIn> Accounts::loginWithCode(storage::Connection& c, std::string_view target,
                                                 std::string_view code, const ClientInfo& client,
                                                 std::string_view previousToken) {
    auto contact = domain::accounts::parseContact(target);
    if (!contact) {
        return loginFailed();
    }
    if (auto limited = throttled(c, contact->value, client); !limited) {
        return limited.error();
    }
    auto outcome = verifyCode(c, contact->value, CodePurpose::Login, code, client.ip);
    if (!outcome) {
        return outcome.error();
    }
    SqlUserRepository users(c);
    auto user = users.findByContact(*contact);
    if (!user) {
        return user.error();
    }
    const bool proven = *outcome == domain::accounts::VerifyOutcome::Accepted;
    return finishLogin(c, std::move(*user), proven, contact->value, client, previousToken);
}

common::Result<SignedIn> Accounts::loginWithPassword(storage::Connection& c,
                                                     std::string_view target,
                                                     std::string_view password,
                                                     const ClientInfo& client,
                                                     std::string_view previousToken) {
    auto contact = domain::accounts::parseContact(target);
    if (!contact) {
        return loginFailed();
    }
    if (auto limited = throttled(c, contact->value, client); !limited) {
        return limited.error();
    }
    SqlUserRepository users(c);
    auto user = users.findByContact(*contact);
    if (!user) {
        return user.error();
    }
    bool proven = false;
    if (*user && (*user)->passwordHash && password.size() <= kMaxPasswordBytes) {
        proven = passwords_.verify(*(*user)->passwordHash, password);
    } else {
        passwords_.spendVerificationTime(password);  // the same time as a real check
    }
    return finishLogin(c, std::move(*user), proven, contact->value, client, previousToken);
}

common::Result<Authenticated> Accounts::authenticate(storage::Connection& c, std::string_view token,
                                                     Renewal renewal) {
    if (!wellFormedSessionToken(token)) {
        return unauthenticated("sign in first");
    }
    SqlSessionRepository sessions(c);
    const auto hash = hashSessionToken(token);
    const auto now = clock_.now();
    auto found = sessions.findByTokenHash(hash);
    bool replaced = false;
    if (found && !*found) {
        // A token replaced moments ago, by a request that raced this one.
        found = sessions.findByPreviousTokenHash(hash, now - options_.sessions.renewalGrace);
        replaced = true;
    }
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return unauthenticated("the session has ended; sign in again");
    }
    Authenticated out{{}, std::move(**found), std::nullopt};
    auto& session = out.session;
    if (decideSession(options_.sessions, session, now) != SessionState::Valid) {
        if (auto gone = sessions.deleteForUser(session.userId, session.id); !gone) {
            return gone.error();
        }
        return unauthenticated("the session has expired; sign in again");
    }
    SqlUserRepository users(c);
    auto user = users.findById(session.userId);
    if (!user) {
        return user.error();
    }
    if (!*user || (*user)->status != UserStatus::Active) {
        return unauthenticated("the account is not active");
    }
    out.user = std::move(**user);
    if (session.renewalDue && !replaced && renewal == Renewal::Allowed) {
        auto renewed = renewSession(c, session);
        if (!renewed) {
            return renewed.error();
        }
        out.renewedToken = std::move(*renewed);
    } else if (domain::accounts::shouldTouch(options_.sessions, session, now)) {
        if (auto touched = sessions.touch(session.id, now); !touched) {
            return touched.error();
        }
        session.lastUsedAt = now;
    }
    return out;
}

common::Result<std::optional<std::string>> Accounts::renewSession(
    storage::Connection& c, const domain::accounts::Session& session) {
    std::string token = newSessionToken(random_);
    const auto now = clock_.now();
    auto renewed = SqlSessionRepository(c).renewToken(session.id, session.tokenHash,
                                                      hashSessionToken(token), now);
    if (!renewed) {
        return renewed.error();
    }
    if (!*renewed) {
        return std::optional<std::string>{};
    }
    log().info("session token renewed",
               {{"user", std::to_string(session.userId)}, {"session", std::to_string(session.id)}});
    return std::optional<std::string>(std::move(token));
}

common::Result<std::int64_t> requireSessionRenewal(storage::Connection& c, std::int64_t userId) {
    return SqlSessionRepository(c).requireRenewal(userId);
}

common::Status Accounts::logout(storage::Connection& c, std::string_view token) {
    if (!wellFormedSessionToken(token)) {
        return {};
    }
    SqlSessionRepository sessions(c);
    auto found = sessions.findByTokenHash(hashSessionToken(token));
    if (!found) {
        return found.error();
    }
    if (*found) {
        auto gone = sessions.deleteForUser((*found)->userId, (*found)->id);
        if (!gone) {
            return gone.error();
        }
    }
    return {};
}

}  // namespace vp::services::accounts
