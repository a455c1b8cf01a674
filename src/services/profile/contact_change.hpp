#pragma once
// Changing the email address or mobile number an account signs in with (R-ACC-1,
// issue 5 item 3): a one-time code goes to the current contact and another to the
// new one; the change happens only when both come back. Nothing is stored between
// the two steps: the codes' keyed hashes bind each code to its address.
//
// The request step answers alike whether or not the new contact belongs to someone
// else. Only once both codes are verified, i.e. when the caller has proved he
// controls the new contact, does "contact_in_use" tell him it already signs in to
// another account — nothing more (not which account).
//
// Error codes: invalid_target, same_contact, rate_limited, invalid_code,
// contact_in_use; storage errors otherwise.
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/accounts/user.hpp"
#include "services/codes/one_time_codes.hpp"
#include "services/privacy/audit_log.hpp"
#include "storage/connection.hpp"

namespace vp::services::profile {

struct ContactCodesSent {
    domain::accounts::Contact current;  // where the first code went
    domain::accounts::Contact next;     // where the second went
};

struct ContactChangeConfirmation {
    std::string newTarget;  // as typed; normalised again
    std::string currentCode;
    std::string newCode;
};

// The contact that must confirm a change to `next`: the user's contact of the same
// kind when he has one, else the identifier he signs in with.
domain::accounts::Contact currentContactFor(const domain::accounts::User& user,
                                            domain::accounts::Channel next);

class ContactChanges {
  public:
    // References must outlive this object.
    ContactChanges(const codes::OneTimeCodes& codes, privacy::AuditLog& audit)
        : codes_(codes), audit_(audit) {}

    common::Result<ContactCodesSent> requestCodes(storage::Connection& c,
                                                  const domain::accounts::User& user,
                                                  std::string_view newTarget,
                                                  const std::string& ip) const;

    // The account after the change. Every other session of the account ends, and
    // `currentSessionId` is marked for a new token (the caller renews it at once).
    common::Result<domain::accounts::User> confirm(
        storage::Connection& c, const domain::accounts::User& user, std::int64_t currentSessionId,
        const ContactChangeConfirmation& confirmation) const;

  private:
    common::Result<domain::accounts::Contact> newContact(const domain::accounts::User& user,
                                                         std::string_view target) const;

    const codes::OneTimeCodes& codes_;
    privacy::AuditLog& audit_;
};

}  // namespace vp::services::profile
