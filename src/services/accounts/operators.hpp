#pragma once
// Operators (those who run the service; PRODUCT.md "Users and roles"): ordinary
// accounts with a row in `operators`. They sign in like anyone else; operator
// routes check the role on every request. Created on the command line only
// (`videopro admin create-operator`).
#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "services/accounts/password_hasher.hpp"
#include "storage/connection.hpp"

namespace vp::services::accounts {

class Operators {
  public:
    explicit Operators(const common::Clock& clock) : clock_(clock) {}

    common::Result<bool> isOperator(storage::Connection& c, std::int64_t userId) const;

    // Creates an active account with this email and password and the operator role,
    // in one transaction. Errors: invalid_target (not an email address),
    // weak_password, account_exists; storage errors otherwise.
    common::Result<std::int64_t> create(storage::Connection& c, std::string_view email,
                                        std::string_view password, const PasswordHasher& passwords,
                                        const std::string& grantedBy) const;

  private:
    const common::Clock& clock_;
};

}  // namespace vp::services::accounts
