#include "services/accounts/guardian_consents.hpp"

#include "common/log.hpp"
#include "common/mask.hpp"
#include "services/privacy/sha256.hpp"

namespace vp::services::accounts {
namespace {

using domain::accounts::Channel;
using domain::accounts::CodePurpose;
using domain::accounts::Contact;
using domain::accounts::TemplateId;
using domain::accounts::VerifyOutcome;

const common::Logger& log() {
    static const common::Logger logger("accounts.guardians");
    return logger;
}

constexpr std::int64_t kPurgeBatch = 200;

std::string masked(const Contact& c) {
    return c.channel == Channel::Email ? common::maskEmail(c.value) : common::maskPhone(c.value);
}

std::string_view channelName(Channel c) {
    return c == Channel::Email ? "email" : "sms";
}

common::Error lapsed() {
    return common::makeError("not_found",
                             "this consent request is unknown or has lapsed (requests lapse "
                             "after 7 days); the child can register again");
}

bool wellFormedToken(std::string_view token) {
    if (token.size() != 32) {
        return false;
    }
    for (char ch : token) {
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
            return false;
        }
    }
    return true;
}

}  // namespace

struct GuardianConsents::Pending {
    GuardianRequest request;
    Contact child;
};

GuardianConsents::GuardianConsents(GuardianOptions options, const codes::OneTimeCodes& codes,
                                   const privacy::PolicyStore& policies,
                                   const privacy::ConsentLedger& ledger, const common::Clock& clock,
                                   common::Random& random)
    : options_(std::move(options)),
      codes_(codes),
      policies_(policies),
      ledger_(ledger),
      clock_(clock),
      random_(random),
      codesPerIp_(std::string(kCodeIpScope), options_.codeFailuresPerIp, clock) {}

common::Result<Contact> GuardianConsents::parseGuardian(const std::optional<std::string>& guardian,
                                                        const Contact& child) const {
    if (!guardian || guardian->empty()) {
        return common::makeError("guardian_required",
                                 "under 14, a parent or guardian must agree: give his or her "
                                 "email address or mobile number");
    }
    auto contact = domain::accounts::parseContact(*guardian);
    if (!contact) {
        return common::makeError("invalid_guardian",
                                 "give the guardian's email address or a mobile number with "
                                 "its country code (+44 20 7946 0958)");
    }
    if (*contact == child) {
        return common::makeError("invalid_guardian",
                                 "the guardian's contact must be another person's, not the "
                                 "child's own");
    }
    return contact;
}

common::Result<GuardianRequest> GuardianConsents::open(storage::Connection& c, std::int64_t userId,
                                                       const Contact& guardian) const {
    GuardianRequest r{userId, guardian, random_.hexToken(16), clock_.now(), {}};
    r.expiresAt = r.createdAt + options_.pendingLifetime;
    auto inserted = c.execute(
        "INSERT INTO guardian_requests (user_id, guardian_contact, channel, request_token, "
        "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        {userId, guardian.value, std::string(channelName(guardian.channel)), r.token,
         common::toUnixMillis(r.createdAt), common::toUnixMillis(r.expiresAt)});
    if (!inserted) {
        return inserted.error();
    }
    return r;
}

common::Result<std::optional<GuardianConsents::Pending>> GuardianConsents::findPending(
    storage::Connection& c, std::string_view token) const {
    if (!wellFormedToken(token)) {
        return std::optional<Pending>{};
    }
    auto rows = c.query(
        "SELECT g.user_id, g.guardian_contact, g.channel, g.created_at, g.expires_at, u.email, "
        "u.phone FROM guardian_requests AS g JOIN users AS u ON u.id = g.user_id "
        "WHERE g.request_token = ? AND u.status = 'pending_guardian' AND g.expires_at > ?",
        {std::string(token), common::toUnixMillis(clock_.now())});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<Pending>{};
    }
    const auto& row = rows->front();
    auto id = storage::getInt(row, 0);
    auto contact = storage::getText(row, 1);
    auto channel = storage::getText(row, 2);
    auto created = storage::getInt(row, 3);
    auto expires = storage::getInt(row, 4);
    if (!id || !contact || !channel || !created || !expires) {
        return common::makeError("storage.type", "guardian_requests holds a row of bad shape");
    }
    Pending p;
    p.request = {*id,
                 {*channel == "sms" ? Channel::Sms : Channel::Email, std::move(*contact)},
                 std::string(token),
                 common::fromUnixMillis(*created),
                 common::fromUnixMillis(*expires)};
    if (auto email = storage::getText(row, 5)) {
        p.child = {Channel::Email, std::move(*email)};
    } else {
        p.child = {Channel::Sms, storage::getText(row, 6).valueOr("")};
    }
    return std::optional<Pending>(std::move(p));
}

common::Status GuardianConsents::sendCode(storage::Connection& c, std::string_view token,
                                          std::string_view linkBase, const std::string& ip) const {
    auto pending = findPending(c, token);
    if (!pending) {
        return pending.error();
    }
    if (!*pending) {
        return lapsed();
    }
    const auto& p = **pending;
    codes::CodeRequest request;
    request.target = p.request.guardian;
    request.purpose = CodePurpose::GuardianConsent;
    request.requesterIp = ip;
    request.messageTemplate = p.request.guardian.channel == Channel::Email
                                  ? TemplateId::GuardianConsentEmail
                                  : TemplateId::GuardianConsentSms;
    request.values["child"] = p.child.value;
    request.values["link"] = std::string(linkBase) + "/guardian?request=" + p.request.token;
    auto issued = codes_.issue(c, request);
    if (!issued) {
        if (issued.error().code == "codes.rate_limited") {
            return common::makeError("rate_limited", issued.error().message);
        }
        return issued.error();
    }
    log().info("guardian code sent", {{"user", std::to_string(p.request.userId)},
                                      {"guardian", masked(p.request.guardian)}});
    return {};
}

common::Result<GuardianConfirmed> GuardianConsents::confirm(storage::Connection& c,
                                                            std::string_view token,
                                                            std::string_view code,
                                                            const std::string& ip) const {
    if (auto limited = codesPerIp_.check(c, ip, kTooManyWrongCodes); !limited) {
        return limited.error();
    }
    auto pending = findPending(c, token);
    if (!pending) {
        return pending.error();
    }
    if (!*pending) {
        if (auto counted = codesPerIp_.recordFailure(c, ip); !counted) {
            return counted.error();
        }
        return lapsed();
    }
    // The consent is to a published policy: check before the code is spent.
    auto policy = policies_.inForce(c);
    if (!policy) {
        return policy.error();
    }
    if (!*policy) {
        return common::makeError("no_policy",
                                 "no privacy policy is published yet, so there is nothing to "
                                 "consent to; the operator must publish one first");
    }
    auto outcome = verifyCodeUnderLimit(c, codes_, codesPerIp_, (*pending)->request.guardian.value,
                                        CodePurpose::GuardianConsent, code, ip);
    if (!outcome) {
        return outcome.error();
    }
    if (*outcome != VerifyOutcome::Accepted) {
        return common::makeError(
            "invalid_code", *outcome == VerifyOutcome::Expired
                                ? "the code has expired; ask for a new one with \"Send a new code\""
                                : "the code is wrong, expired or used up; ask for a new one");
    }
    GuardianConfirmed out;
    if (auto done = activate(c, **pending, out); !done) {
        return done.error();
    }
    log().info("guardian consent recorded", {{"user", std::to_string(out.userId)},
                                             {"guardian", masked((*pending)->request.guardian)}});
    return out;
}

common::Status GuardianConsents::activate(storage::Connection& c, const Pending& pending,
                                          GuardianConfirmed& out) const {
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    const auto id = pending.request.userId;
    auto changed = c.executeChanges(
        "UPDATE users SET status = 'active' WHERE id = ? AND status = 'pending_guardian'", {id});
    if (!changed) {
        return changed.error();
    }
    if (*changed != 1) {
        return lapsed();
    }
    auto record = ledger_.record(c, {id, privacy::ConsentPurpose::PolicyAcceptance, true,
                                     privacy::ConsentMethod::Guardian, options_.jurisdiction});
    if (!record) {
        return record.error();
    }
    const auto& guardian = pending.request.guardian;
    if (auto kept = c.execute(
            "INSERT INTO guardian_consents (user_id, guardian_masked, guardian_hash, consent_id, "
            "confirmed_at) VALUES (?, ?, ?, ?, ?)",
            {id, masked(guardian), privacy::sha256Hex(guardian.value), record->id,
             common::toUnixMillis(record->recordedAt)});
        !kept) {
        return kept;
    }
    if (auto gone = c.execute("DELETE FROM guardian_requests WHERE user_id = ?", {id}); !gone) {
        return gone;
    }
    if (auto committed = tx->commit(); !committed) {
        return committed;
    }
    out = {id, record->id};
    return {};
}

common::Result<std::int64_t> GuardianConsents::purgeUnconfirmed(storage::Connection& c) const {
    const auto cutoff = common::toUnixMillis(clock_.now() - options_.pendingLifetime);
    auto rows = c.query(
        "SELECT u.id, u.email, u.phone, g.guardian_contact FROM users AS u "
        "LEFT JOIN guardian_requests AS g ON g.user_id = u.id "
        "WHERE u.status = 'pending_guardian' AND u.created_at < ? ORDER BY u.id LIMIT ?",
        {cutoff, kPurgeBatch});
    if (!rows) {
        return rows.error();
    }
    std::int64_t deleted = 0;
    for (const auto& row : *rows) {
        const auto id = storage::getInt(row, 0).valueOr(0);
        const std::string child =
            storage::getText(row, 1).valueOr(storage::getText(row, 2).valueOr(""));
        const std::string guardian = storage::getText(row, 3).valueOr("");
        auto tx = storage::Transaction::begin(c);
        if (!tx) {
            return tx.error();
        }
        for (const auto& [sql, params] :
             std::initializer_list<std::pair<std::string_view, std::vector<storage::SqlValue>>>{
                 {"DELETE FROM one_time_codes WHERE target = ?", {child}},
                 {"DELETE FROM one_time_codes WHERE target = ? AND purpose = 'guardian_consent'",
                  {guardian}},
                 {"DELETE FROM outbox_messages WHERE recipient = ?", {child}},
                 {"DELETE FROM outbox_messages WHERE recipient = ? AND template LIKE "
                  "'guardian_consent%'",
                  {guardian}},
                 {"DELETE FROM users WHERE id = ? AND status = 'pending_guardian'", {id}}}) {
            if (auto done = c.execute(sql, params); !done) {
                return done.error();
            }
        }
        if (auto committed = tx->commit(); !committed) {
            return committed.error();
        }
        ++deleted;
    }
    if (deleted > 0) {
        log().info("unconfirmed children's accounts deleted",
                   {{"accounts", std::to_string(deleted)}});
    }
    return deleted;
}

}  // namespace vp::services::accounts
