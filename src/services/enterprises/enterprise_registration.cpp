// Enterprises: registration verified by an email one-time code (R-ACC-2).
#include "common/log.hpp"
#include "common/mask.hpp"
#include "domain/accounts/contact.hpp"
#include "services/accounts/sql_account_repositories.hpp"
#include "services/enterprises/enterprises.hpp"

namespace vp::services::enterprises {
namespace {

using domain::accounts::CodePurpose;
using domain::accounts::User;
using domain::accounts::UserStatus;
using domain::enterprises::Enterprise;
using domain::enterprises::Member;
using domain::enterprises::MemberStatus;
using domain::enterprises::Role;

// The contact helpers' errors without their "accounts." prefix, as the API's codes.
common::Error unprefixed(common::Error error) {
    constexpr std::string_view prefix = "accounts.";
    if (error.code.starts_with(prefix)) {
        error.code.erase(0, prefix.size());
    }
    return error;
}

// The form with every field normalised, or the first problem.
common::Result<EnterpriseApplication> normalized(const EnterpriseApplication& form) {
    EnterpriseApplication out;
    auto company = domain::enterprises::normalizeCompanyName(form.companyName);
    if (!company) {
        return company.error();
    }
    auto creator = domain::enterprises::normalizeCreatorName(form.creatorName);
    if (!creator) {
        return creator.error();
    }
    auto email = domain::accounts::normalizeEmail(form.email);
    if (!email) {
        return unprefixed(email.error());
    }
    auto mobile = domain::accounts::normalizePhone(form.mobile);
    if (!mobile) {
        return unprefixed(mobile.error());
    }
    auto notes = domain::enterprises::normalizeNotes(form.notes);
    if (!notes) {
        return notes.error();
    }
    return EnterpriseApplication{std::move(*company), std::move(*creator), std::move(*mobile),
                                 std::move(*email), std::move(*notes)};
}

// The creator's account: the one with the form's email, else a new one named after
// him (the birth month is then required). The flag says whether it is new.
common::Result<std::pair<User, bool>> creatorAccount(
    storage::Connection& c, const EnterpriseApplication& form,
    std::optional<domain::accounts::BirthMonth> birth, domain::enterprises::TimePoint now) {
    accounts::SqlUserRepository users(c);
    auto existing = users.findByContact({domain::accounts::Channel::Email, form.email});
    if (!existing) {
        return existing.error();
    }
    if (*existing) {
        if ((*existing)->status != UserStatus::Active) {
            return common::makeError("account_inactive",
                                     "the account with this email is not active; it cannot "
                                     "register an enterprise");
        }
        return std::pair<User, bool>(std::move(**existing), false);
    }
    if (!birth) {
        return common::makeError("invalid_birth_date",
                                 "give your year and month of birth to create your account");
    }
    User creator;
    creator.email = form.email;
    creator.displayName = form.creatorName;
    creator.birth = *birth;
    creator.createdAt = now;
    auto id = users.insert(creator);
    if (!id) {
        return id.error();
    }
    creator.id = *id;
    return std::pair<User, bool>(std::move(creator), true);
}

common::Error invalidCode() {
    return common::makeError("invalid_code",
                             "the code is wrong, expired or used up; ask for a new one");
}

}  // namespace

Enterprises::Enterprises(EnterprisesOptions options, const codes::OneTimeCodes& codes,
                         const outbox::Outbox& outbox, accounts::Accounts& accounts,
                         const common::Clock& clock)
    : options_(options), codes_(codes), outbox_(outbox), accounts_(accounts), clock_(clock) {}

common::Status Enterprises::requestRegistrationCode(storage::Connection& c,
                                                    const EnterpriseApplication& application,
                                                    const std::string& ip) const {
    auto form = normalized(application);
    if (!form) {
        return form.error();
    }
    codes::CodeRequest request;
    request.target = {domain::accounts::Channel::Email, form->email};
    request.purpose = CodePurpose::EnterpriseVerification;
    request.requesterIp = ip;
    request.messageTemplate = domain::accounts::TemplateId::EnterpriseVerification;
    request.values = {{"company", form->companyName}, {"name", form->creatorName}};
    auto issued = codes_.issue(c, request);
    if (!issued) {
        if (issued.error().code == "codes.rate_limited") {
            return common::makeError("rate_limited", issued.error().message);
        }
        return issued.error();
    }
    return {};
}

common::Result<EnterpriseRegistered> Enterprises::registerEnterprise(
    storage::Connection& c, const EnterpriseSignUp& signUp, const accounts::ClientInfo& client,
    std::string_view previousToken) {
    auto form = normalized(signUp.application);
    if (!form) {
        return form.error();
    }
    const auto now = clock_.now();
    if (signUp.birth) {
        if (auto valid = domain::accounts::validateBirthMonth(*signUp.birth, now); !valid) {
            return valid.error();
        }
        if (domain::accounts::isChild(*signUp.birth, now)) {
            return common::makeError("creator_under_age",
                                     "an enterprise must be registered by an adult; ask a "
                                     "parent, guardian or colleague to register it");
        }
    }
    auto outcome = codes_.verify(c, form->email, CodePurpose::EnterpriseVerification, signUp.code);
    if (!outcome) {
        return outcome.error();
    }
    if (*outcome != domain::accounts::VerifyOutcome::Accepted) {
        return invalidCode();
    }
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    EnterpriseRegistered out;
    auto creator = creatorAccount(c, *form, signUp.birth, now);
    if (!creator) {
        return creator.error();
    }
    out.newAccount = creator->second;
    Enterprise& e = out.enterprise;
    e.name = form->companyName;
    e.contactName = form->creatorName;
    e.contactEmail = form->email;
    e.contactPhone = form->mobile;
    e.notes = form->notes;
    e.createdBy = creator->first.id;
    e.createdAt = now;
    SqlEnterpriseRepository enterprises(c);
    auto id = enterprises.insert(e);
    if (!id) {
        return id.error();
    }
    e.id = *id;
    if (auto added = enterprises.insertMember(
            Member{e.id, creator->first.id, Role::Administrator, MemberStatus::Active, now});
        !added) {
        return added.error();
    }
    // A new privilege: a new session token (R-ACC-3), here and in his other sessions.
    if (auto marked = accounts::requireSessionRenewal(c, creator->first.id); !marked) {
        return marked.error();
    }
    auto session = accounts_.startVerifiedSession(c, creator->first, client, previousToken);
    if (!session) {
        return session.error();
    }
    out.signedIn = std::move(*session);
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    enterprisesLog().info("enterprise registered", {{"enterprise", std::to_string(e.id)},
                                                    {"user", std::to_string(creator->first.id)},
                                                    {"ip", common::maskIp(client.ip)}});
    return out;
}

}  // namespace vp::services::enterprises
