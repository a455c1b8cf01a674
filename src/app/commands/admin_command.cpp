// videopro admin: operator tasks on the database named by the usual settings.
//   admin policy publish --file F --effective YYYY-MM-DD [--material] [--version N]
//   admin audit verify
//   admin recipients …, admin incident …  (app/commands/admin_register.cpp)
//   admin create-operator --email E [--password-file F]
//   admin account cancel …, admin requests …  (app/commands/admin_privacy.cpp)
#include <termios.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/commands/admin_backup.hpp"
#include "app/commands/admin_privacy.hpp"
#include "app/commands/admin_register.hpp"
#include "app/commands/admin_task.hpp"
#include "app/commands/commands.hpp"
#include "app/commands/service_wiring.hpp"
#include "app/config/config_loader.hpp"
#include "common/clock.hpp"
#include "services/accounts/operators.hpp"
#include "services/accounts/password_hasher.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/privacy/policy_store.hpp"

namespace vp::app::commands {
namespace {

constexpr std::string_view kAdminUsage =
    "Usage: videopro admin <task> [options]\n\n"
    "Tasks:\n"
    "  policy publish --file F --effective YYYY-MM-DD [--material] [--version N]\n"
    "                 Publish the next privacy policy version (text read from F).\n"
    "  audit verify   Check the audit log's hash chain; exit 1 when it is broken.\n"
    "  recipients add --name N --contact C --purpose P --categories \"a,b\" --legal-basis B\n"
    "  recipients list | remove ID\n"
    "                 The register of recipients of personal information (R-PRIV-9).\n"
    "  incident record --summary S --categories \"a,b\" --from T --to T --measures M\n"
    "                  --advice A [--unpublished]\n"
    "                 Record a security incident and notify the affected users (R-PRIV-8);\n"
    "                 T is YYYY-MM-DD or YYYY-MM-DDTHH:MMZ.\n"
    "  incident list  Every recorded incident.\n"
    "  create-operator --email E [--password-file F]\n"
    "                 Create an operator account. The password is the first line of F,\n"
    "                 or is read from standard input (not echoed on a terminal).\n"
    "  account cancel --user N --reason TEXT\n"
    "                 Cancel an account on a request received by email (R-PRIV-5).\n"
    "  requests list | verify ID | answer ID --text T | refuse ID --text REASONS\n"
    "                 Privacy requests and their deadlines (R-PRIV-6).\n"
    "  backup [--out DIR] [--prune]\n"
    "                 Write an encrypted backup into DIR (default <data.dir>/backups), or\n"
    "                 with --prune remove its backups older than 30 days (R-PRIV-7).\n"
    "  restore FILE --into DATABASE_URL\n"
    "                 Load a backup into a new, empty database; cancelled accounts' data\n"
    "                 stays unreadable (crypto-shredding).\n\n"
    "All take the database options of `videopro migrate --help`.\n";

struct PublishOptions {
    std::string file;
    std::string effective;
    bool material = false;
    std::optional<std::int64_t> version;
    std::vector<std::string> rest;  // the settings options, for loadSettings
};

common::Result<PublishOptions> parsePublishOptions(std::span<const std::string> args) {
    PublishOptions out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--material") {
            out.material = true;
        } else if (a == "--file" || a == "--effective" || a == "--version") {
            if (!hasValue) {
                return common::makeError("usage", a + " needs a value");
            }
            const std::string& value = args[++i];
            if (a == "--file") {
                out.file = value;
            } else if (a == "--effective") {
                out.effective = value;
            } else {
                std::int64_t n = 0;
                const auto parsed = std::from_chars(value.data(), value.data() + value.size(), n);
                if (parsed.ec != std::errc{} || parsed.ptr != value.data() + value.size()) {
                    return common::makeError("usage",
                                             "--version must be a number, not '" + value + "'");
                }
                out.version = n;
            }
        } else {
            out.rest.push_back(a);
        }
    }
    if (out.file.empty() || out.effective.empty()) {
        return common::makeError("usage",
                                 "policy publish needs --file F and --effective "
                                 "YYYY-MM-DD");
    }
    return out;
}

common::Result<std::string> readPolicyText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return common::makeError("usage", "cannot read the policy file '" + path + "'");
    }
    std::string text;
    text.resize(domain::privacy::kMaxPolicyTextBytes + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > domain::privacy::kMaxPolicyTextBytes) {
        return common::makeError("invalid_policy",
                                 "the policy file '" + path + "' is larger than 1 MiB; shorten it");
    }
    return text;
}

// Loads the settings from `rest`, opens and migrates the database and connects.
common::Result<std::unique_ptr<storage::Connection>> connectFrom(std::span<const std::string> rest,
                                                                 bool& helpShown,
                                                                 std::string_view help) {
    auto loaded = config::loadSettings(rest, config::Environment::fromProcess());
    if (!loaded) {
        return common::makeError("usage", loaded.error().message);
    }
    if (loaded->helpRequested) {
        std::fputs(config::renderHelp("admin", help).c_str(), stdout);
        helpShown = true;
        return common::makeError("help", "");
    }
    auto db = openAndMigrate(loaded->settings);
    if (!db) {
        return db.error();
    }
    return (*db)->connect();
}

int exitCodeFor(const common::Error& error) {
    return error.code == "usage" ? 2 : 1;
}

int fail(const common::Error& error) {
    std::fprintf(stderr, "videopro admin: %s\n", error.message.c_str());
    return exitCodeFor(error);
}

int publishPolicy(std::span<const std::string> args) {
    auto options = parsePublishOptions(args);
    bool help = false;
    for (const auto& a : args) {
        help = help || a == "--help" || a == "-h";
    }
    if (!options && !help) {
        return fail(options.error());
    }
    auto connection =
        connectFrom(options ? std::span<const std::string>(options->rest) : args, help,
                    "admin policy publish --file F --effective YYYY-MM-DD [--material] "
                    "[--version N]: publish the next privacy policy version.");
    if (help) {
        return 0;
    }
    if (!connection) {
        return fail(connection.error());
    }
    auto effective = domain::privacy::parseDate(options->effective);
    if (!effective) {
        return fail(common::Error{
            "usage", "--effective must be a date YYYY-MM-DD, not '" + options->effective + "'"});
    }
    auto text = readPolicyText(options->file);
    if (!text) {
        return fail(text.error());
    }
    const auto& clock = common::SystemClock::instance();
    services::privacy::PolicyStore store(clock);
    storage::Connection& c = **connection;
    if (options->version) {
        auto versions = store.all(c);
        if (!versions) {
            return fail(versions.error());
        }
        const std::int64_t next = versions->empty() ? 1 : versions->back().version + 1;
        if (*options->version != next) {
            return fail(common::Error{"usage", "--version " + std::to_string(*options->version) +
                                                   " is not the next version (" +
                                                   std::to_string(next) + ")"});
        }
    }
    auto published =
        store.publish(c, {std::move(*text), *effective, options->material, kCliOperator});
    if (!published) {
        return fail(published.error());
    }
    services::privacy::AuditLog audit(clock);
    const std::string version = std::to_string(published->version);
    auto logged = audit.append(c, {kCliOperator, "privacy.policy.published", "policy:" + version,
                                   std::string("{\"version\":") + version + ",\"material\":" +
                                       (published->material ? "true" : "false") + "}"});
    if (!logged) {
        return fail(logged.error());
    }
    std::printf("Published policy version %s, effective %s%s.\n", version.c_str(),
                options->effective.c_str(), published->material ? " (material change)" : "");
    return 0;
}

int verifyAudit(std::span<const std::string> args) {
    bool help = false;
    auto connection = connectFrom(args, help, "admin audit verify: check the audit log's chain.");
    if (help) {
        return 0;
    }
    if (!connection) {
        return fail(connection.error());
    }
    services::privacy::AuditLog audit(common::SystemClock::instance());
    auto entries = audit.entries(**connection);
    if (!entries) {
        return fail(entries.error());
    }
    auto broken = audit.verify(**connection);
    if (!broken) {
        return fail(broken.error());
    }
    if (*broken) {
        std::printf("Audit log BROKEN at entry %lld (%s): %s\n",
                    static_cast<long long>((*broken)->seq), (*broken)->problem.c_str(),
                    (*broken)->explanation.c_str());
        return 1;
    }
    const std::string head = entries->empty() ? "(empty)" : entries->back().hash;
    std::printf("Audit log intact: %zu entries, head %s\n", entries->size(), head.c_str());
    return 0;
}

struct OperatorOptions {
    std::string email;
    std::string passwordFile;
    std::vector<std::string> rest;
};

common::Result<OperatorOptions> parseOperatorOptions(std::span<const std::string> args) {
    OperatorOptions out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--email" || a == "--password-file") {
            if (i + 1 >= args.size()) {
                return common::makeError("usage", a + " needs a value");
            }
            (a == "--email" ? out.email : out.passwordFile) = args[++i];
        } else {
            out.rest.push_back(a);
        }
    }
    if (out.email.empty()) {
        return common::makeError("usage", "create-operator needs --email E");
    }
    return out;
}

// One line from `in`, without its line break.
std::string firstLine(std::istream& in) {
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        line.pop_back();
    }
    return line;
}

// The password: the first line of the file, or of standard input with echo off
// when it is a terminal. Never printed.
common::Result<std::string> readOperatorPassword(const std::string& file) {
    if (!file.empty()) {
        std::ifstream in(file);
        if (!in) {
            return common::makeError("usage", "cannot read the password file '" + file + "'");
        }
        return firstLine(in);
    }
    termios saved{};
    const bool terminal = ::isatty(STDIN_FILENO) == 1 && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        std::fputs("Password for the operator (not shown): ", stderr);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    auto line = firstLine(std::cin);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
    }
    return line;
}

int createOperator(std::span<const std::string> args) {
    bool help = false;
    for (const auto& a : args) {
        help = help || a == "--help" || a == "-h";
    }
    auto options = parseOperatorOptions(args);
    if (!options && !help) {
        return fail(options.error());
    }
    auto connection =
        connectFrom(options ? std::span<const std::string>(options->rest) : args, help,
                    "admin create-operator --email E [--password-file F]: create "
                    "an operator account.");
    if (help) {
        return 0;
    }
    if (!connection) {
        return fail(connection.error());
    }
    auto password = readOperatorPassword(options->passwordFile);
    if (!password) {
        return fail(password.error());
    }
    auto hasher = services::accounts::PasswordHasher::create();
    if (!hasher) {
        return fail(hasher.error());
    }
    const auto& clock = common::SystemClock::instance();
    services::accounts::Operators operators(clock);
    auto id = operators.create(**connection, options->email, *password, *hasher, kCliOperator);
    if (!id) {
        return fail(id.error());
    }
    services::privacy::AuditLog audit(clock);
    const std::string subject = "user:" + std::to_string(*id);
    if (auto logged =
            audit.append(**connection, {kCliOperator, "accounts.operator.created", subject, "{}"});
        !logged) {
        return fail(logged.error());
    }
    std::printf("Created operator account %lld; sign in with its email and password.\n",
                static_cast<long long>(*id));
    return 0;
}

}  // namespace

int admin(std::span<const std::string> args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kAdminUsage.data(), args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args.size() >= 2 && args[0] == "policy" && args[1] == "publish") {
        return publishPolicy(args.subspan(2));
    }
    if (args.size() >= 2 && args[0] == "audit" && args[1] == "verify") {
        return verifyAudit(args.subspan(2));
    }
    if (args[0] == "recipients") {
        return adminRecipients(args.subspan(1));
    }
    if (args[0] == "incident") {
        return adminIncident(args.subspan(1));
    }
    if (args[0] == "create-operator") {
        return createOperator(args.subspan(1));
    }
    if (args[0] == "account") {
        return adminAccount(args.subspan(1));
    }
    if (args[0] == "requests") {
        return adminRequests(args.subspan(1));
    }
    if (args[0] == "backup") {
        return adminBackup(args.subspan(1));
    }
    if (args[0] == "restore") {
        return adminRestore(args.subspan(1));
    }
    std::fprintf(stderr, "videopro admin: unknown task '%s'\n\n%s", args[0].c_str(),
                 kAdminUsage.data());
    return 2;
}

}  // namespace vp::app::commands
