// Enterprises: invitations by email or mobile number, and the invitee's answer
// (R-ACC-5).
#include "common/log.hpp"
#include "domain/accounts/contact.hpp"
#include "services/accounts/sql_account_repositories.hpp"
#include "services/enterprises/enterprises.hpp"
#include "services/outbox/sql_outbox_repository.hpp"

namespace vp::services::enterprises {
namespace {

using domain::accounts::Channel;
using domain::enterprises::Invitation;
using domain::enterprises::InvitationStatus;
using domain::enterprises::Member;
using domain::enterprises::MemberStatus;
using domain::enterprises::Role;

common::Error invitationNotFound() {
    return common::makeError("invitation_not_found",
                             "no such invitation for you; sign in with the email address or "
                             "mobile number it was sent to");
}

// The message of an invitation, queued in the caller's transaction.
common::Status queueInvitation(storage::Connection& c, const outbox::Outbox& outbox,
                               const Invitation& invitation, const std::string& enterpriseName,
                               const std::string& inviterName, const std::string& linkBase) {
    outbox::SqlOutboxRepository repository(c);
    const std::string link = linkBase + "/invitations";
    const bool email = invitation.target.channel == Channel::Email;
    domain::accounts::TemplateValues values{{"enterprise", enterpriseName}, {"link", link}};
    if (email) {
        values["inviter"] = inviterName.empty() ? std::string("An administrator") : inviterName;
        values["expires"] = domain::enterprises::dateText(invitation.expiresAt);
    }
    auto queued = outbox.enqueueTemplate(repository,
                                         email ? domain::accounts::TemplateId::InvitationEmail
                                               : domain::accounts::TemplateId::InvitationSms,
                                         invitation.target.value, values);
    if (!queued) {
        return queued.error();
    }
    return {};
}

// Refuses to invite a member ("already_member") or an address with an invitation
// waiting for an answer ("invitation_pending").
common::Status checkInvitable(storage::Connection& c, std::int64_t enterpriseId,
                              const domain::accounts::Contact& contact,
                              domain::enterprises::TimePoint now) {
    auto invitee = accounts::SqlUserRepository(c).findByContact(contact);
    if (!invitee) {
        return invitee.error();
    }
    if (*invitee) {
        auto member = SqlEnterpriseRepository(c).findMember(enterpriseId, (*invitee)->id);
        if (!member) {
            return member.error();
        }
        if (*member) {
            return common::makeError("already_member",
                                     "this person is already a member of the enterprise");
        }
    }
    auto open = SqlInvitationRepository(c).openInvitationExists(enterpriseId, contact.value, now);
    if (!open) {
        return open.error();
    }
    if (*open) {
        return common::makeError("invitation_pending",
                                 "an invitation to this address is already waiting for an "
                                 "answer; withdraw it first to send a new one");
    }
    return {};
}

}  // namespace

common::Result<InvitationRecord> Enterprises::invite(storage::Connection& c, std::int64_t actorId,
                                                     std::int64_t enterpriseId,
                                                     std::string_view target,
                                                     const std::string& linkBase) {
    auto contact = domain::accounts::parseContact(target);
    if (!contact) {
        return common::makeError(
            "invalid_target",
            contact.error().message + " (invite by email address or by mobile number)");
    }
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    if (auto actor = administrator(c, actorId, enterpriseId); !actor) {
        return actor.error();
    }
    const auto now = clock_.now();
    SqlInvitationRepository invitations(c);
    auto recent = invitations.createdSince(enterpriseId, now - std::chrono::hours{24});
    if (!recent) {
        return recent.error();
    }
    if (*recent >= options_.maxInvitationsPerDay) {
        return common::makeError("rate_limited",
                                 "this enterprise sent too many invitations in the last 24 "
                                 "hours; try again tomorrow");
    }
    if (auto free = checkInvitable(c, enterpriseId, *contact, now); !free) {
        return free.error();
    }
    InvitationRecord record;
    Invitation& i = record.invitation;
    i.enterpriseId = enterpriseId;
    i.target = *contact;
    i.invitedBy = actorId;
    i.createdAt = now;
    i.expiresAt = now + options_.invitationLifetime;
    auto id = invitations.insert(i);
    if (!id) {
        return id.error();
    }
    auto stored = invitations.find(*id);
    if (!stored) {
        return stored.error();
    }
    record = std::move(**stored);
    if (auto queued = queueInvitation(c, outbox_, record.invitation, record.enterpriseName,
                                      record.inviterName, linkBase);
        !queued) {
        return queued.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    enterprisesLog().info("invitation sent",
                          {{"enterprise", std::to_string(enterpriseId)},
                           {"invitation", std::to_string(record.invitation.id)},
                           {"channel", std::string(toString(contact->channel))}});
    return record;
}

common::Result<std::vector<InvitationRecord>> Enterprises::invitations(storage::Connection& c,
                                                                       std::int64_t actorId,
                                                                       std::int64_t enterpriseId) {
    if (auto actor = administrator(c, actorId, enterpriseId); !actor) {
        return actor.error();
    }
    return SqlInvitationRepository(c).forEnterprise(enterpriseId, options_.maxListed);
}

common::Status Enterprises::revokeInvitation(storage::Connection& c, std::int64_t actorId,
                                             std::int64_t enterpriseId, std::int64_t invitationId) {
    if (auto actor = administrator(c, actorId, enterpriseId); !actor) {
        return actor.error();
    }
    SqlInvitationRepository invitations(c);
    auto found = invitations.find(invitationId);
    if (!found) {
        return found.error();
    }
    if (!*found || (*found)->invitation.enterpriseId != enterpriseId) {
        return common::makeError("invitation_not_found", "no such invitation of this enterprise");
    }
    auto done = invitations.respond(invitationId, InvitationStatus::Revoked, clock_.now(), actorId);
    if (!done) {
        return done.error();
    }
    if (!*done) {
        return common::makeError("invitation_answered",
                                 "this invitation was already answered or withdrawn");
    }
    return {};
}

common::Result<std::vector<InvitationRecord>> Enterprises::invitationsFor(
    storage::Connection& c, const domain::accounts::User& user) {
    return SqlInvitationRepository(c).pendingFor(user.email, user.phone, options_.maxListed);
}

common::Result<InvitationRecord> Enterprises::invitationFor(storage::Connection& c,
                                                            const domain::accounts::User& user,
                                                            std::int64_t invitationId) {
    auto found = SqlInvitationRepository(c).find(invitationId);
    if (!found) {
        return found.error();
    }
    if (!*found || !addressedTo((*found)->invitation, user.email, user.phone)) {
        return invitationNotFound();
    }
    if (auto open = checkResponse((*found)->invitation, clock_.now()); !open) {
        return open.error();
    }
    return std::move(**found);
}

common::Result<MembershipRecord> Enterprises::acceptInvitation(storage::Connection& c,
                                                               const domain::accounts::User& user,
                                                               std::int64_t invitationId) {
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto record = invitationFor(c, user, invitationId);
    if (!record) {
        return record.error();
    }
    const auto now = clock_.now();
    auto answered =
        SqlInvitationRepository(c).respond(invitationId, InvitationStatus::Accepted, now, user.id);
    if (!answered) {
        return answered.error();
    }
    if (!*answered) {
        return common::makeError("invitation_answered", "this invitation was already answered");
    }
    SqlEnterpriseRepository enterprises(c);
    const std::int64_t enterpriseId = record->invitation.enterpriseId;
    auto existing = enterprises.findMember(enterpriseId, user.id);
    if (!existing) {
        return existing.error();
    }
    MembershipRecord out{Member{enterpriseId, user.id, Role::Member, MemberStatus::Active, now},
                         record->enterpriseName};
    if (*existing) {
        out.member = **existing;  // already in: the answer changes nothing else
    } else if (auto added = enterprises.insertMember(out.member); !added) {
        return added.error();
    } else if (auto marked = accounts::requireSessionRenewal(c, user.id); !marked) {
        // He joined: a new privilege, so new session tokens (R-ACC-3).
        return marked.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    enterprisesLog().info("invitation accepted", {{"enterprise", std::to_string(enterpriseId)},
                                                  {"invitation", std::to_string(invitationId)},
                                                  {"user", std::to_string(user.id)}});
    return out;
}

common::Status Enterprises::declineInvitation(storage::Connection& c,
                                              const domain::accounts::User& user,
                                              std::int64_t invitationId) {
    auto record = invitationFor(c, user, invitationId);
    if (!record) {
        return record.error();
    }
    auto answered = SqlInvitationRepository(c).respond(invitationId, InvitationStatus::Declined,
                                                       clock_.now(), user.id);
    if (!answered) {
        return answered.error();
    }
    if (!*answered) {
        return common::makeError("invitation_answered", "this invitation was already answered");
    }
    return {};
}

}  // namespace vp::services::enterprises
