#include "app/commands/privacy_wiring.hpp"

#include <atomic>

#include "api/v1/operator_privacy_api.hpp"
#include "api/v1/privacy_api.hpp"
#include "api/v1/privacy_register_api.hpp"
#include "app/commands/key_file.hpp"
#include "common/log.hpp"
#include "common/random.hpp"
#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/retention_rules.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/privacy/backup_retention.hpp"
#include "services/privacy/subject_rows.hpp"

namespace vp::app::commands {
namespace {

const common::Logger& log() {
    static const common::Logger logger("app.privacy");
    return logger;
}

}  // namespace

struct PrivacyRuntime::Parts {
    Parts(const config::Settings& s, storage::DbPool& dbPool, const common::Clock& c,
          services::privacy::Pseudonymiser p, domain::privacy::HolidayCalendar holidays)
        : settings(s),
          pool(dbPool),
          clock(c),
          policies(c),
          ledger(policies, c),
          gate(policies, ledger),
          audit(c),
          pseudonyms(std::move(p)),
          exports(dbPool, domain::privacy::videoproDataMap(),
                  domain::privacy::videoproSubjectPaths(), audit, c,
                  common::SecureRandom::instance(), {}),
          cancellation(domain::privacy::videoproDataMap(), domain::privacy::videoproSubjectPaths(),
                       domain::privacy::videoproCancellationRules(), pseudonyms, audit),
          requests(std::move(holidays), c, common::SecureRandom::instance()),
          retention(domain::privacy::videoproDataMap(), domain::privacy::videoproRetentionRules(),
                    c),
          recipients(domain::privacy::videoproDataMap(), c),
          outbox({}, c),
          incidents(domain::privacy::videoproDataMap(), domain::privacy::videoproSubjectPaths(),
                    outbox, {s.publicUrl}, c),
          backups(audit, c),
          operators(c),
          erasure(domain::privacy::videoproSubjectPaths(), requests, audit),
          handover(requests, cancellation) {
        // R-PRIV-2: withdrawing "profile extras" erases them in the withdrawal's
        // transaction; ProfileRuntime refuses new extras until consent is given again.
        services::privacy::eraseExtrasOnWithdrawal(ledger, erasure);
    }

    config::Settings settings;
    storage::DbPool& pool;
    const common::Clock& clock;
    services::privacy::PolicyStore policies;
    services::privacy::ConsentLedger ledger;
    services::privacy::ConsentGate gate;
    services::privacy::AuditLog audit;
    services::privacy::Pseudonymiser pseudonyms;
    services::privacy::DataExports exports;
    services::privacy::AccountCancellation cancellation;
    services::privacy::PrivacyRequests requests;
    services::privacy::RetentionJob retention;
    // R-PRIV-8, R-PRIV-9: read here; recorded by `videopro admin` (admin_register.cpp).
    services::privacy::RecipientsRegister recipients;
    services::outbox::Outbox outbox;
    services::privacy::Incidents incidents;
    // R-PRIV-7: backups written by `videopro admin backup` are removed after 30 days.
    services::privacy::BackupRetention backups;
    services::accounts::Operators operators;
    services::privacy::CategoryErasure erasure;
    services::privacy::EnterpriseHandover handover;
    std::atomic<std::int64_t> overdue{0};
    std::unique_ptr<services::scheduler::PeriodicTask> purge;
    std::unique_ptr<services::scheduler::PeriodicTask> deadlines;
    std::unique_ptr<services::scheduler::PeriodicTask> daily;
};

void PrivacyRuntime::takeEnterpriseCancellations(services::enterprises::Enterprises& enterprises) {
    const services::privacy::EnterpriseHandover* handover = &parts_->handover;
    enterprises.setCancellationApprovedHook(
        [handover](storage::Connection& c,
                   const domain::enterprises::CancellationRequest& request) -> common::Status {
            return handover->fileApproved(c, request.userId, request.enterpriseId);
        });
}

common::Result<std::unique_ptr<PrivacyRuntime>> PrivacyRuntime::create(
    const config::Settings& settings, storage::DbPool& pool, const common::Clock& clock) {
    auto key = loadOrCreateKeyFile(settings.dataDir + "/keys/privacy.key", "privacy key");
    if (!key) {
        return key.error();
    }
    auto pseudonyms = services::privacy::Pseudonymiser::fromKey(*key);
    key->fill(0);
    if (!pseudonyms) {
        return pseudonyms.error();
    }
    auto holidays = domain::privacy::HolidayCalendar::parse(settings.privacyHolidays);
    if (!holidays) {
        return common::makeError("config_value", "privacy.holidays: " + holidays.error().message);
    }
    return std::unique_ptr<PrivacyRuntime>(new PrivacyRuntime(std::make_unique<Parts>(
        settings, pool, clock, std::move(*pseudonyms), std::move(*holidays))));
}

PrivacyRuntime::PrivacyRuntime(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

PrivacyRuntime::~PrivacyRuntime() {
    stop();
}

void PrivacyRuntime::addRoutes(api::Router& router, services::accounts::Accounts& accounts,
                               std::function<void()> onMessageQueued) {
    // The policy acceptance gate in front of every signed-in call (R-PRIV-2).
    accounts.setAcceptanceCheck([this](storage::Connection& c, std::int64_t userId) {
        return parts_->gate.acceptanceRequired(c, userId);
    });
    api::v1::AccountsApiOptions options;
    options.publicUrl = parts_->settings.publicUrl;
    options.onMessageQueued = std::move(onMessageQueued);
    api::v1::addPrivacyRoutes(
        router, parts_->pool, accounts,
        {parts_->policies, parts_->ledger, parts_->gate, kConsentJurisdiction}, options);
    api::v1::addPrivacyDataRoutes(router, parts_->pool, accounts,
                                  {parts_->exports, parts_->cancellation, parts_->requests},
                                  options);
    api::v1::addPrivacyRegisterRoutes(
        router, parts_->pool, accounts,
        {parts_->recipients, parts_->incidents, parts_->settings.storageRegion}, options);
    api::v1::addPrivacyDeletionRoutes(router, parts_->pool, accounts, parts_->erasure, options);
    api::v1::addOperatorPrivacyRoutes(
        router, parts_->pool, accounts,
        {parts_->operators, parts_->requests, parts_->cancellation, parts_->erasure,
         parts_->incidents, parts_->recipients, parts_->policies, parts_->audit},
        std::move(options));
}

void PrivacyRuntime::start() {
    Parts& p = *parts_;
    p.pool.submit([&p](storage::Connection& c) {
        if (auto resumed = p.exports.resume(c); !resumed) {
            log().warn("exports not resumed", {{"error", resumed.error().message}});
        }
    });
    p.purge = std::make_unique<services::scheduler::PeriodicTask>(std::chrono::hours{1}, [&p] {
        p.pool.submit([&p](storage::Connection& c) {
            if (auto purged = p.exports.purgeExpired(c); !purged) {
                log().warn("export purge failed", {{"error", purged.error().message}});
            } else if (*purged > 0) {
                log().info("expired exports deleted", {{"deleted", std::to_string(*purged)}});
            }
        });
    });
    p.deadlines = std::make_unique<
        services::scheduler::PeriodicTask>(std::chrono::minutes{1}, [&p] {
        p.pool.submit([&p](storage::Connection& c) {
            if (auto ran = p.handover.runApproved(c); !ran) {
                log().warn("enterprise cancellations not run", {{"error", ran.error().message}});
            }
            if (auto overdue = p.requests.overdueCount(c)) {
                p.overdue.store(*overdue);
            }
        });
    });
    // The general retention job (R-PRIV-7): daily, at start and every 24 hours.
    p.daily = std::make_unique<services::scheduler::PeriodicTask>(std::chrono::hours{24}, [&p] {
        p.pool.submit([&p](storage::Connection& c) {
            auto report = p.retention.runOnce(c);
            if (!report) {
                log().warn("retention job failed", {{"error", report.error().message}});
                return;
            }
            for (const auto& o : *report) {
                if (o.deleted > 0) {
                    log().info("retention job deleted expired rows",
                               {{"table", o.table}, {"deleted", std::to_string(o.deleted)}});
                }
            }
            auto pruned = p.backups.prune(c, p.settings.dataDir + "/backups", "system");
            if (!pruned) {
                log().warn("backup pruning failed", {{"error", pruned.error().message}});
            } else if (!pruned->empty()) {
                log().info("old backups removed", {{"removed", std::to_string(pruned->size())}});
            }
        });
    });
}

void PrivacyRuntime::stop() {
    for (auto* task : {parts_->purge.get(), parts_->deadlines.get(), parts_->daily.get()}) {
        if (task != nullptr) {
            task->stop();
        }
    }
}

void PrivacyRuntime::appendMetrics(std::string& out) const {
    out += "# HELP videopro_privacy_requests_overdue Open privacy requests past their due date.\n";
    out += "# TYPE videopro_privacy_requests_overdue gauge\n";
    out += "videopro_privacy_requests_overdue " + std::to_string(parts_->overdue.load()) + "\n";
}

PrivacyRuntime::ExtrasConsent PrivacyRuntime::extrasConsent() const {
    const services::privacy::ConsentGate* gate = &parts_->gate;
    return [gate](storage::Connection& c, std::int64_t userId) {
        return gate->allows(c, userId, services::privacy::ConsentPurpose::ProfileExtras);
    };
}

const services::privacy::AccountCancellation& PrivacyRuntime::cancellation() const {
    return parts_->cancellation;
}

}  // namespace vp::app::commands
