#pragma once
// Accounts (R-ACC-1, R-ACC-3, R-MINOR-1): personal registration with a one-time code,
// sign-in by code or password, sessions, and the Security Center operations. Every
// method runs on the caller's connection, i.e. on a DbPool thread, and is safe to
// call from several pool threads at once.
//
// Error codes (stable; the HTTP layer maps them to statuses): invalid_target,
// invalid_birth_date, invalid_display_name, weak_password, invalid_password,
// invalid_code, account_exists, login_failed, rate_limited, guardian_consent_pending,
// guardian_required, invalid_guardian,
// unauthenticated, reauthentication_failed, not_found; storage errors otherwise.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/accounts/attempt_limiter.hpp"
#include "domain/accounts/one_time_code.hpp"
#include "domain/accounts/session.hpp"
#include "domain/accounts/user.hpp"
#include "services/accounts/password_hasher.hpp"
#include "services/accounts/persistent_attempt_limiter.hpp"
#include "services/codes/one_time_codes.hpp"
#include "storage/connection.hpp"

namespace vp::services::accounts {

struct AccountsOptions {
    domain::accounts::SessionPolicy sessions;
    domain::accounts::AttemptLimit loginPerTarget{10, std::chrono::minutes{15}};
    domain::accounts::AttemptLimit loginPerIp{50, std::chrono::minutes{15}};
    // Wrong one-time codes per IP address, whatever the target or purpose.
    domain::accounts::AttemptLimit codeFailuresPerIp{30, std::chrono::minutes{15}};
};

class GuardianConsents;

struct ClientInfo {
    std::string ip;
    std::string userAgent;  // the raw header; only a summary is stored
};

struct Registration {
    std::string target;  // email or E.164 number, as typed
    std::string code;
    std::string displayName;
    std::optional<std::string> password;
    domain::accounts::BirthMonth birth;
    // A child's parent or guardian (email or E.164 number), required under 14
    // when guardian consents are attached (R-MINOR-1).
    std::optional<std::string> guardian;
    // The service's origin for links in messages ("https://meet.example.com").
    std::string linkBase;
};

// A new session: `token` goes into the cookie, and nowhere else.
struct SignedIn {
    domain::accounts::User user;
    domain::accounts::Session session;
    std::string token;
};

struct Registered {
    domain::accounts::User user;
    // None while the account waits for a guardian (R-MINOR-1).
    std::optional<SignedIn> signedIn;
};

struct Authenticated {
    domain::accounts::User user;
    domain::accounts::Session session;
    // Set when this request replaced the session's token (a privilege change since
    // it was issued): the new token, for the cookie of the answer.
    std::optional<std::string> renewedToken;
};

// Whether authenticate may replace the token of a session marked for renewal. Only
// callers that send the new cookie back may (the signed-in API handlers).
enum class Renewal { Allowed, Deferred };

// Marks every session of the user for a new token on its next request (R-ACC-3:
// "new token on privilege change"). Call it in the transaction of the change.
common::Result<std::int64_t> requireSessionRenewal(storage::Connection& c, std::int64_t userId);

struct PasswordChange {
    std::optional<std::string> currentPassword;
    std::optional<std::string> code;  // a fresh sign-in code instead of the password
    std::string newPassword;
};

class Accounts {
  public:
    // References must outlive this object.
    Accounts(AccountsOptions options, const codes::OneTimeCodes& codes,
             const PasswordHasher& passwords, const common::Clock& clock, common::Random& random);

    // Issues a code whether or not an account exists (the answer never tells).
    common::Status requestCode(storage::Connection& c, std::string_view target,
                               domain::accounts::CodePurpose purpose, const std::string& ip) const;

    common::Result<Registered> registerPersonal(storage::Connection& c,
                                                const Registration& registration,
                                                const ClientInfo& client);

    // `previousToken`: the session cookie the request came with, ended on success
    // (a new token on every sign-in).
    common::Result<SignedIn> loginWithCode(storage::Connection& c, std::string_view target,
                                           std::string_view code, const ClientInfo& client,
                                           std::string_view previousToken = {});
    common::Result<SignedIn> loginWithPassword(storage::Connection& c, std::string_view target,
                                               std::string_view password, const ClientInfo& client,
                                               std::string_view previousToken = {});

    // The session of a cookie token, refreshed; "unauthenticated" when unknown,
    // expired (then deleted) or its account is not active. A session marked for
    // renewal gets a new token (Authenticated::renewedToken) when `renewal` allows;
    // a token replaced less than SessionPolicy::renewalGrace ago still serves.
    common::Result<Authenticated> authenticate(storage::Connection& c, std::string_view token,
                                               Renewal renewal = Renewal::Allowed);
    // Replaces the session's token now, keeping the session itself (id, device,
    // times); the new token. For a change the user made himself (joining an
    // enterprise, a new sign-in contact), answered with the new cookie at once.
    // nullopt when another request replaced the token first.
    common::Result<std::optional<std::string>> renewSession(
        storage::Connection& c, const domain::accounts::Session& session);
    common::Status logout(storage::Connection& c, std::string_view token);

    common::Result<std::vector<domain::accounts::Session>> sessions(storage::Connection& c,
                                                                    std::int64_t userId);
    // "not_found" unless the session exists and belongs to the user.
    common::Status revokeSession(storage::Connection& c, std::int64_t userId,
                                 std::int64_t sessionId);
    // Signs out every other session, or every session; how many ended.
    common::Result<std::int64_t> revokeAll(storage::Connection& c, const Authenticated& who,
                                           bool includingCurrent);
    // Sets a new password, signs out every other session and returns a new session
    // replacing the current one.
    common::Result<SignedIn> changePassword(storage::Connection& c, const Authenticated& who,
                                            const PasswordChange& change, const ClientInfo& client);

    // Re-verification before an irreversible step (account cancellation): a fresh
    // sign-in code sent to the account's contact. "reauthentication_failed" for a
    // wrong, used or expired code (the failure counts towards the sign-in limits).
    common::Status reverify(storage::Connection& c, const Authenticated& who, std::string_view code,
                            const ClientInfo& client);
    // A new session for an active account whose contact the caller has just proven
    // (e.g. by an enterprise-verification code), ending `previousToken`'s session.
    // Runs inside the caller's transaction when there is one.
    common::Result<SignedIn> startVerifiedSession(storage::Connection& c,
                                                  const domain::accounts::User& user,
                                                  const ClientInfo& client,
                                                  std::string_view previousToken) {
        return startSession(c, user, client, previousToken);
    }

    // Deletes ended sessions and old one-time codes (retention).
    common::Result<std::int64_t> purgeExpired(storage::Connection& c);

    const domain::accounts::SessionPolicy& sessionPolicy() const { return options_.sessions; }
    const AccountsOptions& options() const { return options_; }
    const common::Clock& clock() const { return clock_; }

    // Children's registrations then ask for a guardian and send him a code
    // (R-MINOR-1). `guardians` must outlive this object.
    void attachGuardianConsents(const GuardianConsents& guardians) { guardians_ = &guardians; }

    // Verifies a one-time code under the per-IP limit on wrong codes: "rate_limited"
    // once the IP has too many failures; every outcome but Accepted counts one.
    common::Result<domain::accounts::VerifyOutcome> verifyCode(
        storage::Connection& c, const std::string& target, domain::accounts::CodePurpose purpose,
        std::string_view code, const std::string& ip) const;

    // The policy acceptance gate (R-PRIV-2): the policy version a signed-in user must
    // accept before any other signed-in call, or nullopt. Installed once by the wiring
    // (the privacy center) before the server starts; without one nothing is required.
    using AcceptanceCheck = std::function<common::Result<std::optional<std::int64_t>>(
        storage::Connection&, std::int64_t userId)>;
    void setAcceptanceCheck(AcceptanceCheck check) { acceptanceCheck_ = std::move(check); }
    common::Result<std::optional<std::int64_t>> acceptanceRequired(storage::Connection& c,
                                                                   std::int64_t userId) const {
        return acceptanceCheck_ ? acceptanceCheck_(c, userId)
                                : common::Result<std::optional<std::int64_t>>(std::nullopt);
    }

  private:
    common::Result<SignedIn> startSession(storage::Connection& c, const domain::accounts::User& u,
                                          const ClientInfo& client, std::string_view previousToken);
    common::Status throttled(storage::Connection& c, const std::string& target,
                             const ClientInfo& client) const;
    common::Status recordFailure(storage::Connection& c, const std::string& target,
                                 const ClientInfo& client) const;
    // Inserts a child's account and guardian request, then sends the guardian code;
    // the account is removed again when the code cannot be sent.
    common::Result<Registered> registerChild(storage::Connection& c, domain::accounts::User user,
                                             const domain::accounts::Contact& guardian,
                                             const Registration& registration,
                                             const ClientInfo& client);
    common::Result<SignedIn> finishLogin(storage::Connection& c,
                                         std::optional<domain::accounts::User> user, bool proven,
                                         const std::string& target, const ClientInfo& client,
                                         std::string_view previousToken);

    AccountsOptions options_;
    const codes::OneTimeCodes& codes_;
    const PasswordHasher& passwords_;
    const common::Clock& clock_;
    common::Random& random_;
    PersistentAttemptLimiter perTarget_;
    PersistentAttemptLimiter perIp_;
    PersistentAttemptLimiter codesPerIp_;
    const GuardianConsents* guardians_ = nullptr;
    AcceptanceCheck acceptanceCheck_;
};

}  // namespace vp::services::accounts
