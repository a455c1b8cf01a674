#pragma once
// The privacy center at run time (R-PRIV-2): the policy store, the consent ledger
// and its gate, and their HTTP routes. Holds no logic of its own.
#include "api/router.hpp"
#include "app/config/settings.hpp"
#include "common/clock.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/accounts/accounts.hpp"
#include "services/outbox/outbox.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/incidents.hpp"
#include "services/privacy/policy_store.hpp"
#include "services/privacy/recipients_register.hpp"
#include "storage/db_pool.hpp"

namespace vp::app::commands {

// The jurisdiction recorded with every consent until a setting names it.
inline constexpr const char* kConsentJurisdiction = "CN";

class PrivacyRuntime {
  public:
    explicit PrivacyRuntime(const common::Clock& clock)
        : policies_(clock),
          ledger_(policies_, clock),
          gate_(policies_, ledger_),
          recipients_(domain::privacy::videoproDataMap(), clock),
          outbox_({}, clock),
          incidents_(domain::privacy::videoproDataMap(), domain::privacy::videoproSubjectPaths(),
                     outbox_, {}, clock) {}

    // The /api/v1/policy* and /api/v1/consents routes; `pool` and `accounts` must
    // outlive the router.
    void addRoutes(api::Router& router, const config::Settings& settings, storage::DbPool& pool,
                   services::accounts::Accounts& accounts) const;

  private:
    services::privacy::PolicyStore policies_;
    services::privacy::ConsentLedger ledger_;
    services::privacy::ConsentGate gate_;
    // R-PRIV-8, R-PRIV-9: read here; recorded by `videopro admin` (admin_register.cpp).
    services::privacy::RecipientsRegister recipients_;
    services::outbox::Outbox outbox_;
    services::privacy::Incidents incidents_;
};

}  // namespace vp::app::commands
