#include "app/commands/admin_privacy.hpp"

#include <cstdio>
#include <optional>
#include <vector>

#include "app/commands/admin_task.hpp"
#include "app/commands/key_file.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/meetings/attendance.hpp"
#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/privacy/account_cancellation.hpp"
#include "services/privacy/deceased_relatives.hpp"
#include "services/privacy/policy_store.hpp"
#include "services/privacy/privacy_requests.hpp"

namespace vp::app::commands {
namespace {

constexpr std::string_view kValueKeys[] = {"--user", "--reason", "--text"};

void printRequest(const services::privacy::PrivacyRequest& r) {
    std::printf("%s  %-17s %-11s due %s  verified=%s  %s\n", r.publicId.c_str(), r.kind.c_str(),
                r.status.c_str(), domain::meetings::isoUtc(r.dueAt).c_str(),
                r.identityVerified ? "yes" : "no", r.requesterContact.c_str());
}

}  // namespace

int adminAccount(std::span<const std::string> args) {
    if (args.empty() || args[0] != "cancel") {
        std::fputs("Usage: videopro admin account cancel --user N --reason TEXT\n", stderr);
        return 2;
    }
    auto task = parseTaskArgs(args.subspan(1), kValueKeys);
    const auto reason = task ? task->value("reason") : std::string{};
    if (!task || reason.empty()) {
        std::fputs("videopro admin: account cancel needs --user N and --reason TEXT\n", stderr);
        return 2;
    }
    const auto userId = parsePositiveId(task->get("user"));
    if (!userId) {
        return adminUsage("--user must be an account number");
    }
    auto opened = openAdminDatabase(task->rest);
    if (!opened) {
        return 2;
    }
    auto key = loadOrCreateKeyFile(opened->settings.dataDir + "/keys/privacy.key", "privacy key");
    if (!key) {
        return adminFailed(key.error());
    }
    auto pseudonyms = services::privacy::Pseudonymiser::fromKey(*key);
    key->fill(0);
    if (!pseudonyms) {
        return adminFailed(pseudonyms.error());
    }
    services::privacy::AuditLog audit(common::SystemClock::instance());
    services::privacy::AccountCancellation cancellation(
        domain::privacy::videoproDataMap(), domain::privacy::videoproSubjectPaths(),
        domain::privacy::videoproCancellationRules(), *pseudonyms, audit);
    auto report = cancellation.cancel(*opened->connection, {*userId, kCliOperator, reason});
    if (!report) {
        return adminFailed(report.error());
    }
    std::printf("Account %lld cancelled.\n", static_cast<long long>(*userId));
    for (const auto& o : report->tables) {
        std::printf("  %-22s %-13s %lld\n", o.table.c_str(),
                    std::string(domain::privacy::toString(o.action)).c_str(),
                    static_cast<long long>(o.affected));
    }
    return 0;
}

namespace {

// R-PRIV-6: a relative's request about a user who arranged otherwise is only refused.
common::Status deceasedAllowsAnswer(storage::Connection& c,
                                    const services::privacy::PrivacyRequests& requests,
                                    const std::string& publicId) {
    auto r = requests.find(c, publicId);
    if (!r) {
        return r.error().code == "not_found" ? common::Status{} : common::Status{r.error()};
    }
    const services::privacy::PolicyStore policies(common::SystemClock::instance());
    const services::privacy::ConsentLedger ledger(policies, common::SystemClock::instance());
    return services::privacy::relativesMayBeAnswered(c, ledger, *r);
}

}  // namespace

int adminRequests(std::span<const std::string> args) {
    const std::string verb = args.empty() ? "" : args[0];
    auto task = parseTaskArgs(args.empty() ? args : args.subspan(1), kValueKeys);
    const bool needsId = verb == "verify" || verb == "answer" || verb == "refuse";
    if (!task || (verb != "list" && !needsId) || (needsId && !task->positional) ||
        ((verb == "answer" || verb == "refuse") && !task->get("text"))) {
        std::fputs(
            "Usage: videopro admin requests list | verify ID | answer ID --text T | "
            "refuse ID --text REASONS\n",
            stderr);
        return 2;
    }
    auto opened = openAdminDatabase(task->rest);
    if (!opened) {
        return 2;
    }
    auto calendar = domain::privacy::HolidayCalendar::parse(opened->settings.privacyHolidays);
    if (!calendar) {
        return adminFailed(calendar.error());
    }
    services::privacy::PrivacyRequests requests(
        std::move(*calendar), common::SystemClock::instance(), common::SecureRandom::instance());
    storage::Connection& c = *opened->connection;
    if (verb == "list") {
        auto open = requests.openRequests(c);
        if (!open) {
            return adminFailed(open.error());
        }
        for (const auto& r : *open) {
            printRequest(r);
        }
        auto overdue = requests.overdueCount(c);
        std::printf("%zu open, %lld overdue\n", open->size(),
                    static_cast<long long>(overdue.valueOr(0)));
        return 0;
    }
    if (verb == "answer") {
        if (auto allowed = deceasedAllowsAnswer(c, requests, *task->positional); !allowed) {
            return adminFailed(allowed.error());
        }
    }
    auto done = verb == "verify" ? requests.verifyIdentity(c, *task->positional, kCliOperator)
                                 : requests.answer(c, *task->positional, verb == "refuse",
                                                   task->value("text"), kCliOperator);
    if (!done) {
        return adminFailed(done.error());
    }
    printRequest(*done);
    return 0;
}

}  // namespace vp::app::commands
