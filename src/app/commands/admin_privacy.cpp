#include "app/commands/admin_privacy.hpp"

#include <charconv>
#include <cstdio>
#include <optional>
#include <vector>

#include "app/commands/key_file.hpp"
#include "app/commands/service_wiring.hpp"
#include "app/config/config_loader.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/meetings/attendance.hpp"
#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/privacy/account_cancellation.hpp"
#include "services/privacy/privacy_requests.hpp"

namespace vp::app::commands {
namespace {

constexpr const char* kOperator = "operator:cli";

// The task's own options (--user, --reason, --text and one positional id, which can
// only come first so that the value of a settings flag is never taken for it); the
// rest are settings options for loadSettings.
struct TaskArgs {
    std::optional<std::string> id;
    std::optional<std::string> user;
    std::optional<std::string> reason;
    std::optional<std::string> text;
    std::vector<std::string> rest;
};

std::optional<TaskArgs> parseTaskArgs(std::span<const std::string> args) {
    TaskArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--user" || a == "--reason" || a == "--text") {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "videopro admin: %s needs a value\n", a.c_str());
                return std::nullopt;
            }
            (a == "--user" ? out.user : a == "--reason" ? out.reason : out.text) = args[++i];
        } else if (i == 0 && !a.starts_with("-")) {
            out.id = a;
        } else {
            out.rest.push_back(a);
        }
    }
    return out;
}

struct Opened {
    config::Settings settings;
    std::unique_ptr<storage::Database> database;
    std::unique_ptr<storage::Connection> connection;
};

std::optional<Opened> open(const std::vector<std::string>& rest) {
    auto loaded = config::loadSettings(rest, config::Environment::fromProcess());
    if (!loaded || loaded->helpRequested) {
        std::fprintf(stderr, "videopro admin: %s\n",
                     loaded ? "see videopro admin --help" : loaded.error().message.c_str());
        return std::nullopt;
    }
    auto db = openAndMigrate(loaded->settings);
    if (!db) {
        std::fprintf(stderr, "videopro admin: %s\n", db.error().message.c_str());
        return std::nullopt;
    }
    auto connection = (*db)->connect();
    if (!connection) {
        std::fprintf(stderr, "videopro admin: %s\n", connection.error().message.c_str());
        return std::nullopt;
    }
    return Opened{loaded->settings, std::move(*db), std::move(*connection)};
}

int failed(const common::Error& e) {
    std::fprintf(stderr, "videopro admin: %s (%s)\n", e.message.c_str(), e.code.c_str());
    return 1;
}

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
    auto task = parseTaskArgs(args.subspan(1));
    if (!task || !task->user || !task->reason || task->reason->empty()) {
        std::fputs("videopro admin: account cancel needs --user N and --reason TEXT\n", stderr);
        return 2;
    }
    std::int64_t userId = 0;
    const auto& text = *task->user;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), userId);
    if (parsed.ec != std::errc{} || parsed.ptr != text.data() + text.size() || userId <= 0) {
        std::fprintf(stderr, "videopro admin: --user must be an account number\n");
        return 2;
    }
    auto opened = open(task->rest);
    if (!opened) {
        return 2;
    }
    auto key = loadOrCreateKeyFile(opened->settings.dataDir + "/keys/privacy.key", "privacy key");
    if (!key) {
        return failed(key.error());
    }
    auto pseudonyms = services::privacy::Pseudonymiser::fromKey(*key);
    key->fill(0);
    if (!pseudonyms) {
        return failed(pseudonyms.error());
    }
    services::privacy::AuditLog audit(common::SystemClock::instance());
    services::privacy::AccountCancellation cancellation(
        domain::privacy::videoproDataMap(), domain::privacy::videoproSubjectPaths(),
        domain::privacy::videoproCancellationRules(), *pseudonyms, audit);
    auto report = cancellation.cancel(*opened->connection, {userId, kOperator, *task->reason});
    if (!report) {
        return failed(report.error());
    }
    std::printf("Account %lld cancelled.\n", static_cast<long long>(userId));
    for (const auto& o : report->tables) {
        std::printf("  %-22s %-13s %lld\n", o.table.c_str(),
                    std::string(domain::privacy::toString(o.action)).c_str(),
                    static_cast<long long>(o.affected));
    }
    return 0;
}

int adminRequests(std::span<const std::string> args) {
    const std::string verb = args.empty() ? "" : args[0];
    auto task = parseTaskArgs(args.empty() ? args : args.subspan(1));
    const bool needsId = verb == "verify" || verb == "answer" || verb == "refuse";
    if (!task || (verb != "list" && !needsId) || (needsId && !task->id) ||
        ((verb == "answer" || verb == "refuse") && !task->text)) {
        std::fputs(
            "Usage: videopro admin requests list | verify ID | answer ID --text T | "
            "refuse ID --text REASONS\n",
            stderr);
        return 2;
    }
    auto opened = open(task->rest);
    if (!opened) {
        return 2;
    }
    auto calendar = domain::privacy::HolidayCalendar::parse(opened->settings.privacyHolidays);
    if (!calendar) {
        return failed(calendar.error());
    }
    services::privacy::PrivacyRequests requests(
        std::move(*calendar), common::SystemClock::instance(), common::SecureRandom::instance());
    storage::Connection& c = *opened->connection;
    if (verb == "list") {
        auto open = requests.openRequests(c);
        if (!open) {
            return failed(open.error());
        }
        for (const auto& r : *open) {
            printRequest(r);
        }
        auto overdue = requests.overdueCount(c);
        std::printf("%zu open, %lld overdue\n", open->size(),
                    static_cast<long long>(overdue.valueOr(0)));
        return 0;
    }
    auto done = verb == "verify"
                    ? requests.verifyIdentity(c, *task->id, kOperator)
                    : requests.answer(c, *task->id, verb == "refuse", *task->text, kOperator);
    if (!done) {
        return failed(done.error());
    }
    printRequest(*done);
    return 0;
}

}  // namespace vp::app::commands
