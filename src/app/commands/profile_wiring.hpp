#pragma once
// Profiles at run time (R-ACC-4): the profile service with its audit log, the
// change of the sign-in contact (on the accounts' one-time codes), and their HTTP
// routes. Holds no logic of its own.
#include <functional>

#include "api/router.hpp"
#include "app/config/settings.hpp"
#include "common/clock.hpp"
#include "services/accounts/accounts.hpp"
#include "services/codes/one_time_codes.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/profile/contact_change.hpp"
#include "services/profile/profiles.hpp"
#include "storage/db_pool.hpp"

namespace vp::app::commands {

class ProfileRuntime {
  public:
    // `codes` must outlive this object.
    ProfileRuntime(const common::Clock& clock, const services::codes::OneTimeCodes& codes)
        : audit_(clock), profiles_({}, audit_, clock), contacts_(codes, audit_) {}

    // The /api/v1/profile* routes; `pool` and `accounts` must outlive the router.
    // `onMessageQueued` wakes the outbox after codes were queued.
    void addRoutes(api::Router& router, const config::Settings& settings, storage::DbPool& pool,
                   services::accounts::Accounts& accounts, std::function<void()> onMessageQueued);

    // R-PRIV-2: extras are stored only with the user's consent (PrivacyRuntime).
    void requireExtrasConsent(services::profile::Profiles::ExtrasConsent check) {
        profiles_.requireExtrasConsent(std::move(check));
    }

  private:
    services::privacy::AuditLog audit_;
    services::profile::Profiles profiles_;
    services::profile::ContactChanges contacts_;
};

}  // namespace vp::app::commands
