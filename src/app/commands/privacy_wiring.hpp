#pragma once
// The privacy center at run time (R-PRIV-2, R-PRIV-3, R-PRIV-5): the policy store, the
// consent ledger and its gate, the audit log, "Download my data" exports and account
// cancellation, privacy requests with deadlines, their HTTP routes, the hourly purge of
// expired exports and the overdue-request gauge. Holds no logic of its own.
#include <functional>
#include <memory>

#include "api/router.hpp"
#include "app/config/settings.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "services/accounts/accounts.hpp"
#include "services/accounts/operators.hpp"
#include "services/enterprises/enterprises.hpp"
#include "services/outbox/outbox.hpp"
#include "services/privacy/account_cancellation.hpp"
#include "services/privacy/category_erasure.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/data_exports.hpp"
#include "services/privacy/enterprise_handover.hpp"
#include "services/privacy/incidents.hpp"
#include "services/privacy/policy_store.hpp"
#include "services/privacy/privacy_requests.hpp"
#include "services/privacy/recipients_register.hpp"
#include "services/privacy/retention_job.hpp"
#include "services/scheduler/periodic_task.hpp"
#include "storage/db_pool.hpp"

namespace vp::app::commands {

// The jurisdiction recorded with every consent until a setting names it.
inline constexpr const char* kConsentJurisdiction = "CN";

class PrivacyRuntime {
  public:
    // Reads (or creates) <data.dir>/keys/privacy.key, the pseudonym key; parses the
    // holiday calendar (privacy.holidays).
    static common::Result<std::unique_ptr<PrivacyRuntime>> create(const config::Settings& settings,
                                                                  storage::DbPool& pool,
                                                                  const common::Clock& clock);
    ~PrivacyRuntime();

    // The /api/v1/policy*, /api/v1/consents and /api/v1/privacy/* routes, and the
    // policy acceptance gate installed on `accounts`; `accounts` must outlive the router.
    // `onMessageQueued` wakes the outbox (re-verification codes).
    void addRoutes(api::Router& router, services::accounts::Accounts& accounts,
                   std::function<void()> onMessageQueued);
    // Queues exports a stopped process left unfinished; starts the hourly export purge,
    // the overdue-request gauge (every minute) and the daily retention job.
    void start();
    // Stops the purge. Idempotent.
    void stop();

    // The cancellation pipeline, for other features (enterprise approval, operator).
    const services::privacy::AccountCancellation& cancellation() const;
    // Approved enterprise members' cancellation requests (R-PRIV-5): the approval files
    // a privacy request (channel "enterprise") in its own transaction; the minute task
    // then runs the cancellation pipeline for it and answers it.
    void takeEnterpriseCancellations(services::enterprises::Enterprises& enterprises);
    // Whether a user consents to "profile extras" now (R-PRIV-2), for ProfileRuntime.
    using ExtrasConsent = std::function<common::Result<bool>(storage::Connection&, std::int64_t)>;
    ExtrasConsent extrasConsent() const;
    // videopro_privacy_requests_overdue (refreshed every minute) for /metrics.
    void appendMetrics(std::string& out) const;

    struct Parts;

  private:
    explicit PrivacyRuntime(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> parts_;
};

}  // namespace vp::app::commands
