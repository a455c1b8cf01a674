// Enterprises: who belongs, what each member may see, and the administrators'
// changes to memberships (R-ACC-5).
#include "services/enterprises/enterprises.hpp"

#include "common/log.hpp"
#include "services/profile/sql_profile_repository.hpp"

namespace vp::services::enterprises {
namespace {

using domain::enterprises::Member;
using domain::enterprises::MemberStatus;

common::Error enterpriseNotFound() {
    return common::makeError("enterprise_not_found",
                             "no such enterprise among yours; check the link or ask its "
                             "administrator to invite you");
}

common::Error memberNotFound() {
    return common::makeError("member_not_found", "this person is not a member of the enterprise");
}

}  // namespace

const common::Logger& enterprisesLog() {
    static const common::Logger logger("enterprises");
    return logger;
}

common::Result<Member> Enterprises::membership(storage::Connection& c, std::int64_t userId,
                                               std::int64_t enterpriseId) {
    SqlEnterpriseRepository enterprises(c);
    auto member = enterprises.findMember(enterpriseId, userId);
    if (!member) {
        return member.error();
    }
    if (!*member) {
        return enterpriseNotFound();
    }
    return **member;
}

common::Result<Member> Enterprises::administrator(storage::Connection& c, std::int64_t userId,
                                                  std::int64_t enterpriseId) {
    auto member = membership(c, userId, enterpriseId);
    if (!member) {
        return member;
    }
    if (!member->administers()) {
        return common::makeError("not_enterprise_administrator",
                                 "only an administrator of the enterprise may do this; ask one "
                                 "of its administrators");
    }
    return member;
}

common::Result<std::vector<MembershipRecord>> Enterprises::memberships(storage::Connection& c,
                                                                       std::int64_t userId) {
    return SqlEnterpriseRepository(c).membershipsOf(userId, options_.maxListed);
}

common::Result<EnterpriseView> Enterprises::enterprise(storage::Connection& c, std::int64_t userId,
                                                       std::int64_t enterpriseId) {
    auto self = membership(c, userId, enterpriseId);
    if (!self) {
        return self.error();
    }
    auto found = SqlEnterpriseRepository(c).find(enterpriseId);
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return enterpriseNotFound();
    }
    EnterpriseView view{std::move(**found), *self};
    if (!self->administers()) {
        // A member sees the enterprise's name, not its contact details.
        auto& e = view.enterprise;
        e.contactName.clear();
        e.contactEmail.clear();
        e.contactPhone.clear();
        e.notes.clear();
        e.createdBy.reset();
    }
    return view;
}

common::Result<Member> Enterprises::activeMembership(storage::Connection& c, std::int64_t userId,
                                                     std::int64_t enterpriseId) {
    auto self = membership(c, userId, enterpriseId);
    if (!self) {
        return self;
    }
    if (self->status != MemberStatus::Active) {
        return common::makeError("membership_disabled",
                                 "your membership of this enterprise is disabled; ask one of its "
                                 "administrators to enable it");
    }
    return self;
}

common::Result<MemberList> Enterprises::members(storage::Connection& c, std::int64_t userId,
                                                std::int64_t enterpriseId) {
    auto self = activeMembership(c, userId, enterpriseId);
    if (!self) {
        return self.error();
    }
    auto list = SqlEnterpriseRepository(c).members(enterpriseId, options_.maxListed);
    if (!list) {
        return list.error();
    }
    MemberList out{*self, std::move(*list)};
    if (!self->administers()) {
        // R-ACC-5: a member sees nothing of the others beyond their names.
        for (auto& record : out.members) {
            record.email.reset();
            record.phone.reset();
            if (record.member.userId != userId) {
                record.member = Member{enterpriseId, 0, {}, {}, {}};
            }
        }
    }
    return out;
}

common::Result<std::optional<domain::accounts::StoredAvatar>> Enterprises::memberAvatar(
    storage::Connection& c, std::int64_t viewerId, std::int64_t enterpriseId,
    std::int64_t membershipId) {
    if (auto self = activeMembership(c, viewerId, enterpriseId); !self) {
        return self.error();
    }
    auto user = SqlEnterpriseRepository(c).memberUserId(enterpriseId, membershipId);
    if (!user) {
        return user.error();
    }
    if (!*user) {
        return memberNotFound();
    }
    return profile::SqlProfileRepository(c).avatar(**user);
}

common::Status Enterprises::changeMember(storage::Connection& c, std::int64_t actorId,
                                         std::int64_t enterpriseId, std::int64_t userId,
                                         const MemberChange& change) {
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    SqlEnterpriseRepository enterprises(c);
    const auto now = clock_.now();
    // Serialises changes to this enterprise's memberships (see lock()).
    if (auto locked = enterprises.lock(enterpriseId, now); !locked) {
        return locked.error();
    }
    if (auto actor = administrator(c, actorId, enterpriseId); !actor) {
        return actor.error();
    }
    auto target = enterprises.findMember(enterpriseId, userId);
    if (!target) {
        return target.error();
    }
    if (!*target) {
        return memberNotFound();
    }
    auto administrators = enterprises.activeAdministrators(enterpriseId);
    if (!administrators) {
        return administrators.error();
    }
    if (auto allowed = domain::enterprises::checkMemberChange(**target, change, *administrators);
        !allowed) {
        return allowed;
    }
    common::Status done;
    if (change.remove) {
        done = enterprises.deleteMember(enterpriseId, userId);
    } else {
        Member updated = **target;
        updated.role = change.role.value_or(updated.role);
        updated.status = change.status.value_or(updated.status);
        done = enterprises.updateMember(updated, now);
    }
    if (!done) {
        return done;
    }
    // The member's privileges changed: his sessions get new tokens (R-ACC-3).
    if (auto marked = accounts::requireSessionRenewal(c, userId); !marked) {
        return marked.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed;
    }
    enterprisesLog().info(
        "membership changed",
        {{"enterprise", std::to_string(enterpriseId)},
         {"actor", std::to_string(actorId)},
         {"member", std::to_string(userId)},
         {"change", change.remove
                        ? std::string("removed")
                        : std::string(change.role ? toString(*change.role) : "") +
                              (change.status ? " " + std::string(toString(*change.status)) : "")}});
    return {};
}

}  // namespace vp::services::enterprises
