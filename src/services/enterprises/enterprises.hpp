#pragma once
// Enterprises (R-ACC-2, R-ACC-5): registration verified by an email one-time code
// (the creator becomes the first administrator), membership administration,
// invitations by email or mobile number, and members' account-cancellation
// requests. Every method runs on the caller's connection (a DbPool thread) and is
// safe to call from several pool threads at once.
//
// Who sees what: an enterprise that the user does not belong to does not exist for
// him ("enterprise_not_found"), whatever he administers elsewhere; an active
// administrator may act; a member sees the enterprise's name and the names of the
// other members, nothing else.
//
// Error codes (stable; the HTTP layer maps them): invalid_company_name,
// invalid_creator_name, invalid_notes, invalid_note, invalid_reason, invalid_email,
// invalid_phone, invalid_target, invalid_birth_date, creator_under_age, invalid_code,
// account_inactive, enterprise_not_found, not_enterprise_administrator,
// membership_disabled, member_not_found, last_administrator, already_member,
// invitation_not_found, invitation_pending, invitation_expired, invitation_answered,
// request_not_found, request_pending, request_decided, reason_required,
// rate_limited; storage errors otherwise.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/log.hpp"
#include "common/result.hpp"
#include "domain/accounts/profile.hpp"
#include "domain/accounts/user.hpp"
#include "domain/enterprises/cancellation_request.hpp"
#include "domain/enterprises/enterprise.hpp"
#include "domain/enterprises/invitation.hpp"
#include "services/accounts/accounts.hpp"
#include "services/codes/one_time_codes.hpp"
#include "services/enterprises/sql_enterprise_repositories.hpp"
#include "services/outbox/outbox.hpp"
#include "storage/connection.hpp"

namespace vp::services::enterprises {

using domain::enterprises::MemberChange;

struct EnterprisesOptions {
    std::chrono::hours invitationLifetime{7 * 24};
    std::int64_t maxInvitationsPerDay = 200;  // per enterprise
    std::size_t maxListed = 1000;             // members, invitations, requests per list
};

// What the registration form gives.
struct EnterpriseApplication {
    std::string companyName;
    std::string creatorName;
    std::string mobile;
    std::string email;
    std::string notes;
};

struct EnterpriseSignUp {
    EnterpriseApplication application;
    std::string code;  // the one-time code sent to application.email
    // Needed only when no account has that email yet (R-MINOR-1 asks every new
    // account for it; an enterprise's creator must not be a child).
    std::optional<domain::accounts::BirthMonth> birth;
};

struct EnterpriseRegistered {
    domain::enterprises::Enterprise enterprise;
    accounts::SignedIn signedIn;  // the creator, in a new session
    bool newAccount = false;
};

// The enterprise as the user sees it, with his own membership.
struct EnterpriseView {
    domain::enterprises::Enterprise enterprise;
    domain::enterprises::Member self;
};

// The member list as the user may see it: full records for an administrator, names
// only for a member (the other fields are left empty by the service).
struct MemberList {
    domain::enterprises::Member self;
    std::vector<MemberRecord> members;
};

// Called in the approval's transaction when an administrator approves a member's
// cancellation request; a failure rolls the approval back. See
// Enterprises::setCancellationApprovedHook.
using CancellationApprovedHook = std::function<common::Status(
    storage::Connection&, const domain::enterprises::CancellationRequest&)>;

// The service's logger (component "enterprises").
const common::Logger& enterprisesLog();

class Enterprises {
  public:
    // References must outlive this object.
    Enterprises(EnterprisesOptions options, const codes::OneTimeCodes& codes,
                const outbox::Outbox& outbox, accounts::Accounts& accounts,
                const common::Clock& clock);

    // --- registration (enterprise_registration.cpp)
    // Checks the form and sends a code to its email address (EnterpriseVerification).
    common::Status requestRegistrationCode(storage::Connection& c,
                                           const EnterpriseApplication& application,
                                           const std::string& ip) const;
    // Verifies the code, then in one transaction: the creator's account (the existing
    // one with that email, or a new one named after him), the enterprise, his
    // administrator membership, and a new session replacing `previousToken`'s.
    common::Result<EnterpriseRegistered> registerEnterprise(storage::Connection& c,
                                                            const EnterpriseSignUp& signUp,
                                                            const accounts::ClientInfo& client,
                                                            std::string_view previousToken);

    // --- membership (enterprises.cpp)
    common::Result<std::vector<MembershipRecord>> memberships(storage::Connection& c,
                                                              std::int64_t userId);
    common::Result<EnterpriseView> enterprise(storage::Connection& c, std::int64_t userId,
                                              std::int64_t enterpriseId);
    common::Result<MemberList> members(storage::Connection& c, std::int64_t userId,
                                       std::int64_t enterpriseId);
    // The avatar of membership `membershipId` (MemberRecord::membershipId) for an
    // active member of the same enterprise (R-ACC-5: members see each other's name
    // and avatar); nullopt when that member has none. "enterprise_not_found" for an
    // enterprise the viewer does not belong to, "member_not_found" for no such member.
    common::Result<std::optional<domain::accounts::StoredAvatar>> memberAvatar(
        storage::Connection& c, std::int64_t viewerId, std::int64_t enterpriseId,
        std::int64_t membershipId);
    // Administrator only: promote/demote, disable/enable, or remove (change.remove).
    // Never leaves the enterprise without an active administrator.
    common::Status changeMember(storage::Connection& c, std::int64_t actorId,
                                std::int64_t enterpriseId, std::int64_t userId,
                                const MemberChange& change);

    // --- invitations (enterprise_invitations.cpp)
    // Administrator only. `linkBase` is the service's origin ("https://meet.example")
    // for the link in the message.
    common::Result<InvitationRecord> invite(storage::Connection& c, std::int64_t actorId,
                                            std::int64_t enterpriseId, std::string_view target,
                                            const std::string& linkBase);
    common::Result<std::vector<InvitationRecord>> invitations(storage::Connection& c,
                                                              std::int64_t actorId,
                                                              std::int64_t enterpriseId);
    common::Status revokeInvitation(storage::Connection& c, std::int64_t actorId,
                                    std::int64_t enterpriseId, std::int64_t invitationId);
    // The invitations addressed to the user's email or phone that wait for an answer
    // (expired ones included, so that he sees that they expired).
    common::Result<std::vector<InvitationRecord>> invitationsFor(
        storage::Connection& c, const domain::accounts::User& user);
    common::Result<MembershipRecord> acceptInvitation(storage::Connection& c,
                                                      const domain::accounts::User& user,
                                                      std::int64_t invitationId);
    common::Status declineInvitation(storage::Connection& c, const domain::accounts::User& user,
                                     std::int64_t invitationId);

    // --- cancellation requests (enterprise_cancellations.cpp)
    // A member (active or disabled) asks to have his account cancelled.
    common::Result<domain::enterprises::CancellationRequest> requestCancellation(
        storage::Connection& c, std::int64_t userId, std::int64_t enterpriseId,
        std::string_view note);
    // Administrators: every request of the enterprise; a member: his own.
    common::Result<std::vector<CancellationRecord>> cancellationRequests(storage::Connection& c,
                                                                         std::int64_t userId,
                                                                         std::int64_t enterpriseId);
    // Administrator only. Approving marks the request approved and calls the
    // cancellation hook; it deletes nothing itself. A refusal needs a reason.
    common::Result<domain::enterprises::CancellationRequest> decideCancellation(
        storage::Connection& c, std::int64_t actorId, std::int64_t enterpriseId,
        std::int64_t requestId, domain::enterprises::CancellationStatus decision,
        std::optional<std::string_view> reason);

    // THE HOOK FOR THE ACCOUNT-CANCELLATION PIPELINE (privacy center, R-PRIV-5):
    // called with the approved request inside the approval's transaction, on the
    // same connection, before it commits. The pipeline should queue the member's
    // cancellation there (not run it), so that the approval and the queued job commit
    // together. Without a hook, an approval is only recorded (and logged).
    // Set once at wiring time, before requests are served.
    void setCancellationApprovedHook(CancellationApprovedHook hook) {
        onCancellationApproved_ = std::move(hook);
    }

    const EnterprisesOptions& options() const { return options_; }
    // The service's clock (an invitation's state depends on it).
    domain::enterprises::TimePoint now() const { return clock_.now(); }

  private:
    // The user's membership of the enterprise; "enterprise_not_found" when he has
    // none (the enterprise's existence is not revealed).
    common::Result<domain::enterprises::Member> membership(storage::Connection& c,
                                                           std::int64_t userId,
                                                           std::int64_t enterpriseId);
    // Like membership, and "membership_disabled" unless an active one.
    common::Result<domain::enterprises::Member> activeMembership(storage::Connection& c,
                                                                 std::int64_t userId,
                                                                 std::int64_t enterpriseId);
    // Like membership, and "not_enterprise_administrator" unless an active one.
    common::Result<domain::enterprises::Member> administrator(storage::Connection& c,
                                                              std::int64_t userId,
                                                              std::int64_t enterpriseId);
    common::Result<InvitationRecord> invitationFor(storage::Connection& c,
                                                   const domain::accounts::User& user,
                                                   std::int64_t invitationId);

    EnterprisesOptions options_;
    const codes::OneTimeCodes& codes_;
    const outbox::Outbox& outbox_;
    accounts::Accounts& accounts_;
    const common::Clock& clock_;
    CancellationApprovedHook onCancellationApproved_;
};

}  // namespace vp::services::enterprises
