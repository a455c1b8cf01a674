#include "services/codes/one_time_codes.hpp"

#include "common/log.hpp"
#include "common/mask.hpp"
#include "services/codes/sql_one_time_code_repository.hpp"
#include "services/outbox/sql_outbox_repository.hpp"

namespace vp::services::codes {
namespace {

using domain::accounts::Channel;
using domain::accounts::IssueDecision;
using domain::accounts::TemplateId;
using domain::accounts::VerifyOutcome;

const common::Logger& log() {
    static const common::Logger logger("codes");
    return logger;
}

std::string masked(const domain::accounts::Contact& c) {
    return c.channel == Channel::Email ? common::maskEmail(c.value) : common::maskPhone(c.value);
}

}  // namespace

OneTimeCodes::OneTimeCodes(domain::accounts::CodeLimits limits, const CodeHasher& hasher,
                           const outbox::Outbox& outbox, const common::Clock& clock,
                           common::Random& random)
    : limits_(limits), hasher_(hasher), outbox_(outbox), clock_(clock), random_(random) {}

common::Result<IssuedCode> OneTimeCodes::issue(storage::Connection& connection,
                                               const CodeRequest& request) const {
    const auto templateId = request.messageTemplate.value_or(
        request.target.channel == Channel::Email ? TemplateId::CodeEmail : TemplateId::CodeSms);
    if (domain::accounts::messageTemplate(templateId).channel != request.target.channel) {
        return common::makeError("codes.bad_template",
                                 "the message template does not match the target's channel");
    }
    const auto now = clock_.now();
    auto tx = storage::Transaction::begin(connection);
    if (!tx) {
        return tx.error();
    }
    SqlOneTimeCodeRepository codes(connection);
    auto history =
        codes.history(request.target.value, request.requesterIp, now - limits_.rateWindow);
    if (!history) {
        return history.error();
    }
    const auto decision = domain::accounts::decideIssue(limits_, *history);
    if (decision != IssueDecision::Allowed) {
        log().warn("one-time code refused by rate limit",
                   {{"target", masked(request.target)},
                    {"ip", common::maskIp(request.requesterIp)},
                    {"limit", decision == IssueDecision::TargetLimited ? "target" : "ip"}});
        return common::makeError("codes.rate_limited",
                                 "too many codes were requested; wait an hour and try again");
    }
    const auto code = domain::accounts::generateCode(random_, limits_.digits);
    domain::accounts::StoredCode stored;
    stored.target = request.target.value;
    stored.purpose = request.purpose;
    stored.codeHash = hasher_.hash(request.purpose, request.target.value, code);
    stored.createdAt = now;
    stored.expiresAt = now + limits_.lifetime;
    stored.requesterIp = request.requesterIp;
    auto codeId = codes.insert(stored);
    if (!codeId) {
        return codeId.error();
    }
    auto values = request.values;
    values["code"] = code;
    values["minutes"] = std::to_string(limits_.lifetime.count());
    outbox::SqlOutboxRepository messages(connection);
    auto messageId = outbox_.enqueueTemplate(messages, templateId, request.target.value, values);
    if (!messageId) {
        return messageId.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return IssuedCode{*codeId, *messageId, stored.expiresAt};
}

common::Result<VerifyOutcome> OneTimeCodes::verify(storage::Connection& connection,
                                                   const std::string& target,
                                                   domain::accounts::CodePurpose purpose,
                                                   std::string_view code) const {
    SqlOneTimeCodeRepository codes(connection);
    auto newest = codes.newest(target, purpose);
    if (!newest) {
        return newest.error();
    }
    const domain::accounts::StoredCode* stored = newest->has_value() ? &**newest : nullptr;
    // A malformed code is hashed too (as something that cannot match), so every
    // answer takes the same path and the same time.
    const bool wellFormed = domain::accounts::wellFormedCode(code, limits_.digits);
    const auto given = hasher_.hash(purpose, target, wellFormed ? code : std::string_view("x"));
    const auto now = clock_.now();
    const auto outcome = domain::accounts::decideVerify(limits_, stored, given, now);
    if (outcome != VerifyOutcome::Accepted && outcome != VerifyOutcome::Wrong) {
        return outcome;
    }
    auto reserved = codes.reserveAttempt(stored->id, limits_.maxWrongAttempts);
    if (!reserved) {
        return reserved.error();
    }
    if (!*reserved) {
        return VerifyOutcome::AttemptsExceeded;
    }
    if (outcome == VerifyOutcome::Wrong) {
        return VerifyOutcome::Wrong;
    }
    auto consumed = codes.consume(stored->id, now);
    if (!consumed) {
        return consumed.error();
    }
    return *consumed ? VerifyOutcome::Accepted : VerifyOutcome::Used;
}

common::Result<std::int64_t> OneTimeCodes::purge(storage::Connection& connection,
                                                 std::chrono::hours age) const {
    SqlOneTimeCodeRepository codes(connection);
    return codes.deleteCreatedBefore(clock_.now() - age);
}

}  // namespace vp::services::codes
