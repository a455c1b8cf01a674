#include "domain/enterprises/invitation.hpp"

#include <array>

namespace vp::domain::enterprises {
namespace {

constexpr std::array<std::pair<InvitationStatus, std::string_view>, 4> kStatuses{{
    {InvitationStatus::Pending, "pending"},
    {InvitationStatus::Accepted, "accepted"},
    {InvitationStatus::Declined, "declined"},
    {InvitationStatus::Revoked, "revoked"},
}};

}  // namespace

std::string_view toString(InvitationStatus status) {
    for (const auto& [s, name] : kStatuses) {
        if (s == status) {
            return name;
        }
    }
    return "pending";
}

std::string_view toString(InvitationState state) {
    switch (state) {
        case InvitationState::Pending:
            return "pending";
        case InvitationState::Expired:
            return "expired";
        case InvitationState::Accepted:
            return "accepted";
        case InvitationState::Declined:
            return "declined";
        case InvitationState::Revoked:
            return "revoked";
    }
    return "pending";
}

std::optional<InvitationStatus> parseInvitationStatus(std::string_view text) {
    for (const auto& [s, name] : kStatuses) {
        if (name == text) {
            return s;
        }
    }
    return std::nullopt;
}

InvitationState stateAt(const Invitation& invitation, TimePoint now) {
    switch (invitation.status) {
        case InvitationStatus::Pending:
            return now >= invitation.expiresAt ? InvitationState::Expired
                                               : InvitationState::Pending;
        case InvitationStatus::Accepted:
            return InvitationState::Accepted;
        case InvitationStatus::Declined:
            return InvitationState::Declined;
        case InvitationStatus::Revoked:
            return InvitationState::Revoked;
    }
    return InvitationState::Pending;
}

common::Status checkResponse(const Invitation& invitation, TimePoint now) {
    switch (stateAt(invitation, now)) {
        case InvitationState::Pending:
            return {};
        case InvitationState::Expired:
            return common::makeError(
                "invitation_expired",
                "this invitation expired on " + dateText(invitation.expiresAt) +
                    "; ask an administrator of the enterprise to invite you again");
        case InvitationState::Revoked:
            return common::makeError("invitation_answered",
                                     "this invitation was withdrawn by the enterprise");
        default:
            return common::makeError(
                "invitation_answered",
                "this invitation was already " + std::string(toString(invitation.status)));
    }
}

bool addressedTo(const Invitation& invitation, const std::optional<std::string>& email,
                 const std::optional<std::string>& phone) {
    const auto& mine = invitation.target.channel == accounts::Channel::Email ? email : phone;
    return mine && *mine == invitation.target.value;
}

std::string dateText(TimePoint t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return out;
}

}  // namespace vp::domain::enterprises
