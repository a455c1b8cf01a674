#pragma once
// The privacy center at run time (R-PRIV-2): the policy store, the consent ledger
// and its gate, and their HTTP routes. Holds no logic of its own.
#include "api/router.hpp"
#include "app/config/settings.hpp"
#include "common/clock.hpp"
#include "services/accounts/accounts.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/policy_store.hpp"
#include "storage/db_pool.hpp"

namespace vp::app::commands {

// The jurisdiction recorded with every consent until a setting names it.
inline constexpr const char* kConsentJurisdiction = "CN";

class PrivacyRuntime {
  public:
    explicit PrivacyRuntime(const common::Clock& clock)
        : policies_(clock), ledger_(policies_, clock), gate_(policies_, ledger_) {}

    // The /api/v1/policy* and /api/v1/consents routes; `pool` and `accounts` must
    // outlive the router.
    void addRoutes(api::Router& router, const config::Settings& settings, storage::DbPool& pool,
                   services::accounts::Accounts& accounts) const;

  private:
    services::privacy::PolicyStore policies_;
    services::privacy::ConsentLedger ledger_;
    services::privacy::ConsentGate gate_;
};

}  // namespace vp::app::commands
