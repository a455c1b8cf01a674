#pragma once
// An invitation to join an enterprise (R-ACC-5), sent by an administrator to an
// email address or mobile number. The invitee, signed in with that address or
// number, accepts or declines it; after its lifetime (7 days by default) it can
// only say that it expired.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "domain/accounts/contact.hpp"
#include "domain/enterprises/enterprise.hpp"

namespace vp::domain::enterprises {

// As stored. "Expired" is not stored: it is a pending invitation past expiresAt.
enum class InvitationStatus { Pending, Accepted, Declined, Revoked };
// As shown: the stored status, or Expired.
enum class InvitationState { Pending, Expired, Accepted, Declined, Revoked };

std::string_view toString(InvitationStatus status);
std::string_view toString(InvitationState state);
std::optional<InvitationStatus> parseInvitationStatus(std::string_view text);

struct Invitation {
    std::int64_t id = 0;
    std::int64_t enterpriseId = 0;
    accounts::Contact target;  // normalised email or E.164 number
    std::optional<std::int64_t> invitedBy;
    InvitationStatus status = InvitationStatus::Pending;
    TimePoint createdAt;
    TimePoint expiresAt;
    std::optional<TimePoint> respondedAt;
    std::optional<std::int64_t> respondedBy;
};

InvitationState stateAt(const Invitation& invitation, TimePoint now);

// Whether the invitee may accept or decline now. Errors: "invitation_expired"
// (saying when, and to ask for a new one), "invitation_answered" (already
// accepted, declined or withdrawn).
common::Status checkResponse(const Invitation& invitation, TimePoint now);

// Whether the account with this email and phone is the one invited.
bool addressedTo(const Invitation& invitation, const std::optional<std::string>& email,
                 const std::optional<std::string>& phone);

// "2027-01-15" (UTC).
std::string dateText(TimePoint t);

}  // namespace vp::domain::enterprises
