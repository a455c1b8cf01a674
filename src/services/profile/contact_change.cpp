#include "services/profile/contact_change.hpp"

#include "common/log.hpp"
#include "services/accounts/sql_account_repositories.hpp"
#include "services/profile/sql_profile_repository.hpp"

namespace vp::services::profile {
namespace {

using domain::accounts::Channel;
using domain::accounts::CodePurpose;
using domain::accounts::Contact;
using domain::accounts::TemplateId;
using domain::accounts::VerifyOutcome;

const common::Logger& log() {
    static const common::Logger logger("profile");
    return logger;
}

common::Error invalidCodes() {
    return common::makeError("invalid_code",
                             "a code is wrong, expired or used up; ask for new codes and enter "
                             "both");
}

std::string_view fieldOf(Channel channel) {
    return channel == Channel::Email ? "email" : "phone";
}

}  // namespace

Contact currentContactFor(const domain::accounts::User& user, Channel next) {
    if (next == Channel::Email && user.email) {
        return {Channel::Email, *user.email};
    }
    if (next == Channel::Sms && user.phone) {
        return {Channel::Sms, *user.phone};
    }
    return user.contact();
}

common::Result<Contact> ContactChanges::newContact(const domain::accounts::User& user,
                                                   std::string_view target) const {
    auto contact = domain::accounts::parseContact(target);
    if (!contact) {
        return common::makeError("invalid_target",
                                 "give an email address or a mobile number with its country "
                                 "code (+44 20 7946 0958)");
    }
    if (user.email == contact->value || user.phone == contact->value) {
        return common::makeError("same_contact",
                                 "your account already signs in with this "
                                 "address; give a new one");
    }
    return contact;
}

common::Result<ContactCodesSent> ContactChanges::requestCodes(storage::Connection& c,
                                                              const domain::accounts::User& user,
                                                              std::string_view newTarget,
                                                              const std::string& ip) const {
    auto next = newContact(user, newTarget);
    if (!next) {
        return next.error();
    }
    ContactCodesSent sent{currentContactFor(user, next->channel), *next};
    for (const Contact& target : {sent.current, sent.next}) {
        codes::CodeRequest request;
        request.target = target;
        request.purpose = CodePurpose::ChangeContact;
        request.requesterIp = ip;
        request.messageTemplate = target.channel == Channel::Email ? TemplateId::ContactChangeEmail
                                                                   : TemplateId::ContactChangeSms;
        if (auto issued = codes_.issue(c, request); !issued) {
            if (issued.error().code == "codes.rate_limited") {
                return common::makeError("rate_limited", issued.error().message);
            }
            return issued.error();
        }
    }
    return sent;
}

common::Result<domain::accounts::User> ContactChanges::confirm(
    storage::Connection& c, const domain::accounts::User& user, std::int64_t currentSessionId,
    const ContactChangeConfirmation& confirmation) const {
    auto next = newContact(user, confirmation.newTarget);
    if (!next) {
        return next.error();
    }
    const Contact current = currentContactFor(user, next->channel);
    // Each verification counts an attempt against its code (at most 5); the second
    // is tried only when the first is right.
    for (const auto& [target, code] : {std::pair{current.value, confirmation.currentCode},
                                       std::pair{next->value, confirmation.newCode}}) {
        auto outcome = codes_.verify(c, target, CodePurpose::ChangeContact, code);
        if (!outcome) {
            return outcome.error();
        }
        if (*outcome != VerifyOutcome::Accepted) {
            return invalidCodes();
        }
    }
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    SqlProfileRepository profiles(c);
    auto owner = profiles.contactOwner(*next, user.id);
    if (!owner) {
        return owner.error();
    }
    if (*owner) {
        return common::makeError("contact_in_use",
                                 "this address already signs in to another account; sign in "
                                 "there to change it, or choose another address");
    }
    if (auto set = profiles.setContact(user.id, *next); !set) {
        return set.error();
    }
    // A new way in: whoever was signed in elsewhere is signed out, and the current
    // session gets a new token.
    accounts::SqlSessionRepository sessions(c);
    if (auto ended = sessions.deleteAllForUser(user.id, currentSessionId); !ended) {
        return ended.error();
    }
    if (auto marked = sessions.requireRenewal(user.id); !marked) {
        return marked.error();
    }
    const std::string who = privacy::userRef(user.id);
    const std::string details = "{\"field\":\"" + std::string(fieldOf(next->channel)) + "\"}";
    if (auto entry = audit_.appendWithin(c, {who, "account.contact.changed", who, details});
        !entry) {
        return entry.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    log().info("sign-in contact changed",
               {{"user", std::to_string(user.id)}, {"field", std::string(fieldOf(next->channel))}});
    auto updated = user;
    (next->channel == Channel::Email ? updated.email : updated.phone) = next->value;
    return updated;
}

}  // namespace vp::services::profile
