#pragma once
// The enterprise tables on either backend (migration 0007), in portable SQL:
// enterprises and their members, invitations, and cancellation requests with their
// history. Every query is bounded by the caller's limit.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/enterprises/cancellation_request.hpp"
#include "domain/enterprises/enterprise.hpp"
#include "domain/enterprises/invitation.hpp"
#include "storage/connection.hpp"

namespace vp::services::enterprises {

using domain::enterprises::TimePoint;

// A member with what the member list shows of his account.
struct MemberRecord {
    domain::enterprises::Member member;
    std::string displayName;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::int64_t membershipId = 0;             // enterprise_members.id: names the avatar in URLs
    std::optional<TimePoint> avatarUpdatedAt;  // when the member has an avatar
};

// One of a user's memberships, with the enterprise's name.
struct MembershipRecord {
    domain::enterprises::Member member;
    std::string enterpriseName;
};

struct InvitationRecord {
    domain::enterprises::Invitation invitation;
    std::string enterpriseName;
    std::string inviterName;  // "" once the inviter's account is gone
};

struct CancellationRecord {
    domain::enterprises::CancellationRequest request;
    std::string memberName;
    std::vector<domain::enterprises::CancellationEvent> history;  // oldest first
};

class SqlEnterpriseRepository {
  public:
    explicit SqlEnterpriseRepository(storage::Connection& connection) : c_(connection) {}

    common::Result<std::int64_t> insert(const domain::enterprises::Enterprise& enterprise);
    common::Result<std::optional<domain::enterprises::Enterprise>> find(std::int64_t id);
    // Takes the enterprise's row lock for the rest of the transaction (an UPDATE
    // both backends serialise on), so that concurrent role changes cannot leave the
    // enterprise without an administrator. False when the enterprise is gone.
    common::Result<bool> lock(std::int64_t id, TimePoint now);

    common::Status insertMember(const domain::enterprises::Member& member);
    common::Result<std::optional<domain::enterprises::Member>> findMember(std::int64_t enterpriseId,
                                                                          std::int64_t userId);
    // By display name.
    common::Result<std::vector<MemberRecord>> members(std::int64_t enterpriseId, std::size_t limit);
    // The user id of membership `membershipId` of the enterprise, if there is one.
    common::Result<std::optional<std::int64_t>> memberUserId(std::int64_t enterpriseId,
                                                             std::int64_t membershipId);
    common::Result<std::vector<MembershipRecord>> membershipsOf(std::int64_t userId,
                                                                std::size_t limit);
    common::Result<std::int64_t> activeAdministrators(std::int64_t enterpriseId);
    common::Status updateMember(const domain::enterprises::Member& member, TimePoint now);
    common::Status deleteMember(std::int64_t enterpriseId, std::int64_t userId);

  private:
    storage::Connection& c_;
};

class SqlInvitationRepository {
  public:
    explicit SqlInvitationRepository(storage::Connection& connection) : c_(connection) {}

    common::Result<std::int64_t> insert(const domain::enterprises::Invitation& invitation);
    common::Result<std::optional<InvitationRecord>> find(std::int64_t id);
    // Newest first.
    common::Result<std::vector<InvitationRecord>> forEnterprise(std::int64_t enterpriseId,
                                                                std::size_t limit);
    // Pending invitations (expired or not) sent to this email or phone, newest first.
    common::Result<std::vector<InvitationRecord>> pendingFor(
        const std::optional<std::string>& email, const std::optional<std::string>& phone,
        std::size_t limit);
    // Whether a pending invitation not yet expired at `now` exists.
    common::Result<bool> openInvitationExists(std::int64_t enterpriseId, const std::string& target,
                                              TimePoint now);
    common::Result<std::int64_t> createdSince(std::int64_t enterpriseId, TimePoint since);
    // Moves a pending invitation to `status`; false when it was no longer pending.
    common::Result<bool> respond(std::int64_t id, domain::enterprises::InvitationStatus status,
                                 TimePoint at, std::optional<std::int64_t> by);

  private:
    common::Result<std::vector<InvitationRecord>> select(std::string_view where,
                                                         std::vector<storage::SqlValue> params);
    storage::Connection& c_;
};

class SqlCancellationRepository {
  public:
    explicit SqlCancellationRepository(storage::Connection& connection) : c_(connection) {}

    common::Result<std::int64_t> insert(const domain::enterprises::CancellationRequest& request);
    common::Result<std::optional<domain::enterprises::CancellationRequest>> find(
        std::int64_t enterpriseId, std::int64_t id);
    common::Result<bool> pendingExists(std::int64_t enterpriseId, std::int64_t userId);
    // Newest first; only `userId`'s when given. With each request's history.
    common::Result<std::vector<CancellationRecord>> list(std::int64_t enterpriseId,
                                                         std::optional<std::int64_t> userId,
                                                         std::size_t limit);
    // Records the decision on a pending request; false when it was no longer pending.
    common::Result<bool> decide(const domain::enterprises::CancellationRequest& decided);
    common::Status addEvent(const domain::enterprises::CancellationEvent& event);
    common::Result<std::vector<domain::enterprises::CancellationEvent>> history(
        std::int64_t requestId);

  private:
    storage::Connection& c_;
};

}  // namespace vp::services::enterprises
