#pragma once
// OneTimeCodes (R-ACC-1): issues a code (generate, store its keyed hash, enqueue the
// message, all in one transaction) and verifies one. Both run on the caller's
// connection, i.e. on a DbPool thread. Neither says whether an account exists for
// the target: callers issue codes for unknown targets too (and may send a
// different template), and answer both cases alike.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/accounts/contact.hpp"
#include "domain/accounts/message_templates.hpp"
#include "domain/accounts/one_time_code.hpp"
#include "services/codes/code_hasher.hpp"
#include "services/outbox/outbox.hpp"
#include "storage/connection.hpp"

namespace vp::services::codes {

struct CodeRequest {
    domain::accounts::Contact target;  // normalised (domain/accounts/contact.hpp)
    domain::accounts::CodePurpose purpose = domain::accounts::CodePurpose::Login;
    std::string requesterIp;
    // The message to send; nullopt: CodeEmail or CodeSms by the target's channel.
    // The template's channel must match the target's. {{code}} and {{minutes}} are
    // filled in here; `values` supplies any others (e.g. {{child}}, {{link}}).
    std::optional<domain::accounts::TemplateId> messageTemplate;
    domain::accounts::TemplateValues values;
};

struct IssuedCode {
    std::int64_t codeId = 0;
    std::int64_t messageId = 0;
    std::chrono::system_clock::time_point expiresAt;
};

class OneTimeCodes {
  public:
    // Every reference must outlive this object.
    OneTimeCodes(domain::accounts::CodeLimits limits, const CodeHasher& hasher,
                 const outbox::Outbox& outbox, const common::Clock& clock, common::Random& random);

    // Errors: "codes.rate_limited" (per target or per IP; the message does not say
    // which), "codes.bad_template", outbox and storage errors. Nothing is stored on
    // error.
    common::Result<IssuedCode> issue(storage::Connection& connection,
                                     const CodeRequest& request) const;

    // Only storage errors are errors; a wrong, expired, used or unknown code is an
    // outcome. Callers should answer every outcome but Accepted with one message.
    common::Result<domain::accounts::VerifyOutcome> verify(storage::Connection& connection,
                                                           const std::string& target,
                                                           domain::accounts::CodePurpose purpose,
                                                           std::string_view code) const;

    // Deletes codes created more than `age` ago (retention: one day in the data map).
    common::Result<std::int64_t> purge(storage::Connection& connection,
                                       std::chrono::hours age = std::chrono::hours{24}) const;

    const domain::accounts::CodeLimits& limits() const { return limits_; }

  private:
    domain::accounts::CodeLimits limits_;
    const CodeHasher& hasher_;
    const outbox::Outbox& outbox_;
    const common::Clock& clock_;
    common::Random& random_;
};

}  // namespace vp::services::codes
