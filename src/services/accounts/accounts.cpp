// Accounts: construction, codes, registration and sessions' start.
#include "services/accounts/accounts.hpp"

#include "common/log.hpp"
#include "common/mask.hpp"
#include "domain/accounts/contact.hpp"
#include "services/accounts/session_tokens.hpp"
#include "services/accounts/sql_account_repositories.hpp"

namespace vp::services::accounts {
namespace {

using domain::accounts::CodePurpose;
using domain::accounts::User;
using domain::accounts::UserStatus;
using domain::accounts::VerifyOutcome;

const common::Logger& log() {
    static const common::Logger logger("accounts");
    return logger;
}

common::Result<domain::accounts::Contact> parseTarget(std::string_view target) {
    auto contact = domain::accounts::parseContact(target);
    if (!contact) {
        return common::makeError("invalid_target",
                                 "give an email address or a mobile number with its country "
                                 "code (+44 20 7946 0958)");
    }
    return contact;
}

common::Error invalidCode() {
    return common::makeError("invalid_code",
                             "the code is wrong, expired or used up; ask for a new one");
}

}  // namespace

Accounts::Accounts(AccountsOptions options, const codes::OneTimeCodes& codes,
                   const PasswordHasher& passwords, const common::Clock& clock,
                   common::Random& random)
    : options_(options),
      codes_(codes),
      passwords_(passwords),
      clock_(clock),
      random_(random),
      perTarget_(options.loginPerTarget),
      perIp_(options.loginPerIp) {}

common::Status Accounts::requestCode(storage::Connection& c, std::string_view target,
                                     CodePurpose purpose, const std::string& ip) const {
    auto contact = parseTarget(target);
    if (!contact) {
        return contact.error();
    }
    codes::CodeRequest request;
    request.target = *contact;
    request.purpose = purpose;
    request.requesterIp = ip;
    auto issued = codes_.issue(c, request);
    if (!issued) {
        if (issued.error().code == "codes.rate_limited") {
            return common::makeError("rate_limited", issued.error().message);
        }
        return issued.error();
    }
    return {};
}

common::Result<Registered> Accounts::registerPersonal(storage::Connection& c,
                                                      const Registration& registration,
                                                      const ClientInfo& client) {
    auto contact = parseTarget(registration.target);
    if (!contact) {
        return contact.error();
    }
    const auto now = clock_.now();
    if (auto valid = domain::accounts::validateBirthMonth(registration.birth, now); !valid) {
        return valid.error();
    }
    auto name = domain::accounts::normalizeDisplayName(registration.displayName);
    if (!name) {
        return name.error();
    }
    if (registration.password) {
        if (auto valid = validatePassword(*registration.password); !valid) {
            return valid.error();
        }
    }
    auto outcome = codes_.verify(c, contact->value, CodePurpose::Register, registration.code);
    if (!outcome) {
        return outcome.error();
    }
    if (*outcome != VerifyOutcome::Accepted) {
        return invalidCode();
    }
    User user;
    (contact->channel == domain::accounts::Channel::Email ? user.email : user.phone) =
        contact->value;
    user.birth = registration.birth;
    user.createdAt = now;
    // R-MINOR-1: for a child nothing beyond the request is kept until a guardian
    // consents (no name, no password); the account stays pending.
    const bool child = domain::accounts::isChild(registration.birth, now);
    user.status = child ? UserStatus::PendingGuardian : UserStatus::Active;
    if (!child) {
        user.displayName = std::move(*name);
        if (registration.password) {
            auto hash = passwords_.hash(*registration.password);
            if (!hash) {
                return hash.error();
            }
            user.passwordHash = std::move(*hash);
        }
    }
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    SqlUserRepository users(c);
    auto id = users.insert(user);
    if (!id) {
        return id.error();
    }
    user.id = *id;
    Registered out{user, std::nullopt};
    if (!child) {
        auto session = startSession(c, user, client, {});
        if (!session) {
            return session.error();
        }
        out.signedIn = std::move(*session);
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    log().info("account registered", {{"user", std::to_string(user.id)},
                                      {"status", std::string(toString(user.status))},
                                      {"ip", common::maskIp(client.ip)}});
    return out;
}

common::Result<SignedIn> Accounts::startSession(storage::Connection& c, const User& user,
                                                const ClientInfo& client,
                                                std::string_view previousToken) {
    SqlSessionRepository sessions(c);
    if (wellFormedSessionToken(previousToken)) {
        if (auto old = sessions.findByTokenHash(hashSessionToken(previousToken)); old && *old) {
            if (auto gone = sessions.deleteForUser((*old)->userId, (*old)->id); !gone) {
                return gone.error();
            }
        }
    }
    const auto now = clock_.now();
    SignedIn out{user, {}, newSessionToken(random_)};
    out.session.userId = user.id;
    out.session.tokenHash = hashSessionToken(out.token);
    out.session.createdAt = now;
    out.session.lastUsedAt = now;
    out.session.expiresAt = now + options_.sessions.absoluteTimeout;
    out.session.userAgent = domain::accounts::summarizeUserAgent(client.userAgent);
    out.session.clientIp = client.ip;
    auto id = sessions.insert(out.session);
    if (!id) {
        return id.error();
    }
    out.session.id = *id;
    return out;
}

}  // namespace vp::services::accounts
