#include "app/commands/accounts_wiring.hpp"

#include <fstream>
#include <optional>
#include <sstream>

#include "api/v1/accounts_api.hpp"
#include "api/v1/minors_operator_api.hpp"
#include "api/v1/openapi.hpp"
#include "app/commands/privacy_wiring.hpp"
#include "common/log.hpp"
#include "common/random.hpp"
#include "services/accounts/accounts.hpp"
#include "services/accounts/guardian_consents.hpp"
#include "services/accounts/operators.hpp"
#include "services/accounts/password_hasher.hpp"
#include "services/codes/code_hasher.hpp"
#include "services/codes/one_time_codes.hpp"
#include "services/outbox/dev_file_transport.hpp"
#include "services/outbox/http_sms_transport.hpp"
#include "services/outbox/outbox.hpp"
#include "services/outbox/outbox_worker.hpp"
#include "services/outbox/smtp_transport.hpp"
#include "services/scheduler/periodic_task.hpp"

namespace vp::app::commands {
namespace {

namespace outbox = services::outbox;

const common::Logger& log() {
    static const common::Logger logger("app");
    return logger;
}

// The first line of a secret file, without its line break.
common::Result<std::string> readSecretLine(const std::string& path, std::string_view what) {
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line)) {
        return common::makeError("config_value", std::string(what) + ": cannot read '" + path +
                                                     "'; check the path and permissions");
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
        line.pop_back();
    }
    return line;
}

}  // namespace

struct AccountsRuntime::Parts {
    Parts(const config::Settings& s, services::codes::CodeHasher hasher,
          services::accounts::PasswordHasher passwords, storage::DbPool& dbPool,
          const common::Clock& timeSource)
        : settings(s),
          pool(dbPool),
          clock(timeSource),
          codeHasher(std::move(hasher)),
          outbox({}, clock),
          codes({}, codeHasher, outbox, clock, random),
          passwordHasher(std::move(passwords)),
          accounts(accountOptions(s), codes, passwordHasher, clock, random),
          policies(clock),
          ledger(policies, clock),
          guardians(guardianOptions(s), codes, policies, ledger, clock, random),
          operators(clock) {
        accounts.attachGuardianConsents(guardians);
    }

    static services::accounts::GuardianOptions guardianOptions(const config::Settings& s) {
        services::accounts::GuardianOptions o;
        o.codeFailuresPerIp = accountOptions(s).codeFailuresPerIp;
        o.jurisdiction = kConsentJurisdiction;
        return o;
    }

    static services::accounts::AccountsOptions accountOptions(const config::Settings& s) {
        services::accounts::AccountsOptions o;
        o.sessions.idleTimeout = std::chrono::minutes{s.sessionIdleMinutes};
        o.sessions.absoluteTimeout = std::chrono::hours{s.sessionAbsoluteHours};
        o.loginPerTarget.maxFailures = static_cast<int>(s.loginFailuresPerTarget);
        o.loginPerIp.maxFailures = static_cast<int>(s.loginFailuresPerIp);
        o.codeFailuresPerIp.maxFailures = static_cast<int>(s.codeFailuresPerIp);
        return o;
    }

    config::Settings settings;
    storage::DbPool& pool;
    const common::Clock& clock;
    common::Random& random = common::SecureRandom::instance();
    services::codes::CodeHasher codeHasher;
    outbox::Outbox outbox;
    services::codes::OneTimeCodes codes;
    services::accounts::PasswordHasher passwordHasher;
    services::accounts::Accounts accounts;
    services::privacy::PolicyStore policies;
    services::privacy::ConsentLedger ledger;
    services::accounts::GuardianConsents guardians;
    services::accounts::Operators operators;
    std::unique_ptr<outbox::Transport> email;
    std::unique_ptr<outbox::Transport> sms;
    std::unique_ptr<outbox::OutboxWorker> worker;
    std::optional<services::scheduler::PeriodicTask> purge;
};

common::Result<std::unique_ptr<AccountsRuntime>> AccountsRuntime::create(
    const config::Settings& s, const storage::Database& database, storage::DbPool& pool,
    const common::Clock& clock) {
    auto hasher = services::codes::CodeHasher::loadOrCreate(s.effectiveCodesKeyFile(),
                                                            common::SecureRandom::instance());
    if (!hasher) {
        return hasher.error();
    }
    auto passwords = services::accounts::PasswordHasher::create(
        {static_cast<unsigned long long>(s.passwordPasses),
         static_cast<std::size_t>(s.passwordMemoryMib) << 20});
    if (!passwords) {
        return passwords.error();
    }
    auto parts = std::make_unique<Parts>(s, std::move(*hasher), std::move(*passwords), pool, clock);
    if (s.outboxTransport == "dev") {
        parts->email = std::make_unique<outbox::DevFileTransport>(s.outboxDir(), clock,
                                                                  parts->random, s.smtpFrom);
        log().info("outbox writes messages to files (development transport)",
                   {{"folder", s.outboxDir()}});
    } else {
        outbox::SmtpOptions smtp;
        smtp.url = s.smtpUrl;
        smtp.starttls = s.smtpStarttls;
        smtp.username = s.smtpUser;
        if (!s.smtpPasswordFile.empty()) {
            auto password = readSecretLine(s.smtpPasswordFile, "smtp.password_file");
            if (!password) {
                return password.error();
            }
            smtp.password = std::move(*password);
        }
        smtp.fromAddress = s.smtpFrom;
        smtp.fromName = s.smtpFromName;
        smtp.limits.caFile = s.smtpCaFile;
        parts->email =
            std::make_unique<outbox::SmtpTransport>(std::move(smtp), clock, parts->random);
        if (!s.smsUrlTemplate.empty()) {
            outbox::HttpSmsOptions sms;
            sms.urlTemplate = s.smsUrlTemplate;
            sms.bodyTemplate = s.smsBodyTemplate;
            sms.contentType = s.smsContentType;
            sms.limits.caFile = s.smtpCaFile;
            if (!s.smsAuthHeaderFile.empty()) {
                auto header = readSecretLine(s.smsAuthHeaderFile, "sms.auth_header_file");
                if (!header) {
                    return header.error();
                }
                sms.authHeader = std::move(*header);
            }
            parts->sms = std::make_unique<outbox::HttpSmsTransport>(std::move(sms));
        }
    }
    outbox::OutboxTransports transports{
        parts->email.get(), parts->sms
                                ? parts->sms.get()
                                : (s.outboxTransport == "dev" ? parts->email.get() : nullptr)};
    parts->worker = std::make_unique<outbox::OutboxWorker>(
        [&database] { return database.connect(); }, transports, outbox::OutboxWorkerOptions{},
        clock, parts->random);
    return std::unique_ptr<AccountsRuntime>(new AccountsRuntime(std::move(parts)));
}

AccountsRuntime::AccountsRuntime(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

AccountsRuntime::~AccountsRuntime() {
    stop();
}

void AccountsRuntime::addRoutes(api::Router& router) {
    api::v1::AccountsApiOptions options;
    options.publicUrl = parts_->settings.publicUrl;
    options.onMessageQueued = outboxWaker();
    api::v1::addAccountsRoutes(router, parts_->pool, parts_->accounts, options);
    api::v1::addGuardianRoutes(router, parts_->pool, parts_->accounts, parts_->guardians, options);
    api::v1::OperatorApiOptions operatorOptions;
    if (parts_->settings.outboxTransport == "dev") {
        operatorOptions.devOutboxFolder = parts_->settings.outboxDir();
    }
    api::v1::addOperatorRoutes(router, parts_->pool, parts_->accounts, parts_->operators,
                               std::move(operatorOptions), std::move(options));
    api::v1::addOpenApiRoute(router);
}

void AccountsRuntime::start() {
    parts_->worker->start();
    parts_->purge.emplace(std::chrono::hours{1}, [parts = parts_.get()] {
        parts->pool.submit([parts](storage::Connection& c) {
            if (auto purged = parts->accounts.purgeExpired(c); !purged) {
                log().warn("accounts purge failed", {{"error", purged.error().message}});
            }
            // R-MINOR-1: children's accounts unconfirmed after 7 days go, with their data.
            if (auto purged = parts->guardians.purgeUnconfirmed(c); !purged) {
                log().warn("unconfirmed children's accounts purge failed",
                           {{"error", purged.error().message}});
            }
        });
    });
}

services::accounts::Accounts& AccountsRuntime::accounts() {
    return parts_->accounts;
}

const services::codes::OneTimeCodes& AccountsRuntime::codes() const {
    return parts_->codes;
}

const services::outbox::Outbox& AccountsRuntime::outbox() const {
    return parts_->outbox;
}

std::function<void()> AccountsRuntime::outboxWaker() const {
    return [worker = parts_->worker.get()] { worker->wake(); };
}

void AccountsRuntime::stop() {
    if (parts_->purge) {
        parts_->purge->stop();
    }
    parts_->worker->stop();
}

}  // namespace vp::app::commands
