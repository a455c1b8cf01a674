// Accounts: construction, codes, registration and sessions' start.
#include "services/accounts/accounts.hpp"

#include "common/log.hpp"
#include "common/mask.hpp"
#include "domain/accounts/contact.hpp"
#include "services/accounts/guardian_consents.hpp"
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
      perTarget_(std::string(kLoginTargetScope), options.loginPerTarget, clock),
      perIp_(std::string(kLoginIpScope), options.loginPerIp, clock),
      codesPerIp_(std::string(kCodeIpScope), options.codeFailuresPerIp, clock) {}

common::Result<VerifyOutcome> Accounts::verifyCode(storage::Connection& c,
                                                   const std::string& target, CodePurpose purpose,
                                                   std::string_view code,
                                                   const std::string& ip) const {
    return verifyCodeUnderLimit(c, codes_, codesPerIp_, target, purpose, code, ip);
}

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
    const bool child = domain::accounts::isChild(registration.birth, now);
    std::optional<domain::accounts::Contact> guardian;
    if (child && guardians_ != nullptr) {
        auto parsed = guardians_->parseGuardian(registration.guardian, *contact);
        if (!parsed) {
            return parsed.error();
        }
        guardian = std::move(*parsed);
    }
    auto outcome =
        verifyCode(c, contact->value, CodePurpose::Register, registration.code, client.ip);
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
    if (guardian) {
        return registerChild(c, std::move(user), *guardian, registration, client);
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

common::Result<Registered> Accounts::registerChild(storage::Connection& c, User user,
                                                   const domain::accounts::Contact& guardian,
                                                   const Registration& registration,
                                                   const ClientInfo& client) {
    std::string token;
    {
        auto tx = storage::Transaction::begin(c);
        if (!tx) {
            return tx.error();
        }
        auto id = SqlUserRepository(c).insert(user);
        if (!id) {
            return id.error();
        }
        user.id = *id;
        auto request = guardians_->open(c, user.id, guardian);
        if (!request) {
            return request.error();
        }
        token = request->token;
        if (auto committed = tx->commit(); !committed) {
            return committed.error();
        }
    }
    // The code goes out in its own transaction; without it the account is useless,
    // so it is removed again.
    if (auto sent = guardians_->sendCode(c, token, registration.linkBase, client.ip); !sent) {
        (void)c.execute("DELETE FROM users WHERE id = ?", {user.id});
        return sent.error();
    }
    log().info("child registered; guardian asked",
               {{"user", std::to_string(user.id)}, {"ip", common::maskIp(client.ip)}});
    return Registered{user, std::nullopt};
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
