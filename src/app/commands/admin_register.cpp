#include "app/commands/admin_register.hpp"

#include <charconv>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

#include "app/commands/service_wiring.hpp"
#include "app/config/config_loader.hpp"
#include "common/clock.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/outbox/outbox.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/privacy/incidents.hpp"
#include "services/privacy/recipients_register.hpp"

namespace vp::app::commands {
namespace {

constexpr const char* kOperator = "operator:cli";

// The task's --key value options, flags, a positional argument right after the task
// (an id); the rest are settings options (with their values) for loadSettings.
struct TaskArgs {
    std::map<std::string, std::string, std::less<>> values;
    std::vector<std::string> flags;
    std::optional<std::string> positional;
    std::vector<std::string> rest;

    std::string value(std::string_view key) const {
        auto it = values.find(key);
        return it == values.end() ? std::string{} : it->second;
    }
    bool flag(std::string_view name) const {
        return std::find(flags.begin(), flags.end(), name) != flags.end();
    }
};

int usage(const std::string& message) {
    std::fprintf(stderr, "videopro admin: %s\n", message.c_str());
    return 2;
}

int failed(const common::Error& e) {
    std::fprintf(stderr, "videopro admin: %s (%s)\n", e.message.c_str(), e.code.c_str());
    return 1;
}

std::optional<TaskArgs> parseTaskArgs(std::span<const std::string> args,
                                      std::span<const std::string_view> valueKeys,
                                      std::span<const std::string_view> flagNames) {
    TaskArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool isValue = std::find(valueKeys.begin(), valueKeys.end(), a) != valueKeys.end();
        if (isValue) {
            if (i + 1 >= args.size()) {
                usage(a + " needs a value");
                return std::nullopt;
            }
            out.values[a.substr(2)] = args[++i];
        } else if (std::find(flagNames.begin(), flagNames.end(), a) != flagNames.end()) {
            out.flags.push_back(a.substr(2));
        } else if (i == 0 && !a.starts_with("-")) {  // "remove ID": the id comes first
            out.positional = a;
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
        failed(db.error());
        return std::nullopt;
    }
    auto connection = (*db)->connect();
    if (!connection) {
        failed(connection.error());
        return std::nullopt;
    }
    return Opened{loaded->settings, std::move(*db), std::move(*connection)};
}

std::optional<std::int64_t> parseId(const std::optional<std::string>& text) {
    std::int64_t id = 0;
    if (!text) {
        return std::nullopt;
    }
    const auto r = std::from_chars(text->data(), text->data() + text->size(), id);
    if (r.ec != std::errc{} || r.ptr != text->data() + text->size() || id <= 0) {
        return std::nullopt;
    }
    return id;
}

void audit(storage::Connection& c, const std::string& action, const std::string& subject) {
    services::privacy::AuditLog log(common::SystemClock::instance());
    if (auto logged = log.append(c, {kOperator, action, subject, "{}"}); !logged) {
        failed(logged.error());
    }
}

int recipientsAdd(const TaskArgs& args, Opened& db) {
    const services::privacy::RecipientsRegister reg(domain::privacy::videoproDataMap(),
                                                    common::SystemClock::instance());
    domain::privacy::Recipient draft;
    draft.name = args.value("name");
    draft.contact = args.value("contact");
    draft.purpose = args.value("purpose");
    draft.categories = domain::privacy::splitList(args.value("categories"));
    draft.legalBasis = args.value("legal-basis");
    draft.addedBy = kOperator;
    auto added = reg.add(*db.connection, std::move(draft));
    if (!added) {
        return failed(added.error());
    }
    audit(*db.connection, "privacy.recipient.added", "recipient:" + std::to_string(added->id));
    std::printf("Added recipient %lld: %s\n", static_cast<long long>(added->id),
                added->name.c_str());
    return 0;
}

int recipientsList(Opened& db) {
    const services::privacy::RecipientsRegister reg(domain::privacy::videoproDataMap(),
                                                    common::SystemClock::instance());
    auto all = reg.all(*db.connection);
    if (!all) {
        return failed(all.error());
    }
    std::printf("Storage region: %s\n", db.settings.storageRegion.c_str());
    for (const auto& r : *all) {
        std::string categories;
        for (const auto& category : r.categories) {
            categories += (categories.empty() ? "" : ", ") + category;
        }
        std::printf("%lld\t%s\t%s\t%s\t[%s]\t%s\n", static_cast<long long>(r.id), r.name.c_str(),
                    r.contact.c_str(), r.purpose.c_str(), categories.c_str(), r.legalBasis.c_str());
    }
    std::printf("%zu recipient(s)\n", all->size());
    return 0;
}

}  // namespace

int adminRecipients(std::span<const std::string> args) {
    static constexpr std::string_view kValues[] = {"--name", "--contact", "--purpose",
                                                   "--categories", "--legal-basis"};
    if (args.empty() || (args[0] != "add" && args[0] != "list" && args[0] != "remove")) {
        return usage("recipients add|list|remove (see videopro admin --help)");
    }
    auto parsed = parseTaskArgs(args.subspan(1), kValues, {});
    if (!parsed) {
        return 2;
    }
    auto db = open(parsed->rest);
    if (!db) {
        return 1;
    }
    if (args[0] == "add") {
        return recipientsAdd(*parsed, *db);
    }
    if (args[0] == "list") {
        return recipientsList(*db);
    }
    const auto id = parseId(parsed->positional);
    if (!id) {
        return usage("recipients remove needs the recipient's id");
    }
    const services::privacy::RecipientsRegister reg(domain::privacy::videoproDataMap(),
                                                    common::SystemClock::instance());
    if (auto removed = reg.remove(*db->connection, *id); !removed) {
        return failed(removed.error());
    }
    audit(*db->connection, "privacy.recipient.removed", "recipient:" + std::to_string(*id));
    std::printf("Removed recipient %lld\n", static_cast<long long>(*id));
    return 0;
}

int adminIncident(std::span<const std::string> args) {
    static constexpr std::string_view kValues[] = {"--summary", "--categories", "--from",
                                                   "--to",      "--measures",   "--advice"};
    static constexpr std::string_view kFlags[] = {"--unpublished"};
    if (args.empty() || (args[0] != "record" && args[0] != "list")) {
        return usage("incident record|list (see videopro admin --help)");
    }
    auto parsed = parseTaskArgs(args.subspan(1), kValues, kFlags);
    if (!parsed) {
        return 2;
    }
    domain::privacy::Incident draft;
    if (args[0] == "record") {
        auto from = domain::privacy::parseInstant(parsed->value("from"));
        auto to = domain::privacy::parseInstant(parsed->value("to"));
        if (!from || !to) {
            return usage("--from and --to: " + (!from ? from.error() : to.error()).message);
        }
        draft.summary = parsed->value("summary");
        draft.categories = domain::privacy::splitList(parsed->value("categories"));
        draft.startedAt = *from;
        draft.endedAt = *to;
        draft.measures = parsed->value("measures");
        draft.advice = parsed->value("advice");
        draft.recordedBy = kOperator;
        draft.published = !parsed->flag("unpublished");
    }
    auto db = open(parsed->rest);
    if (!db) {
        return 1;
    }
    const auto& clock = common::SystemClock::instance();
    const services::outbox::Outbox outbox({}, clock);
    const services::privacy::Incidents incidents(domain::privacy::videoproDataMap(),
                                                 domain::privacy::videoproSubjectPaths(), outbox,
                                                 {db->settings.publicUrl}, clock);
    if (args[0] == "list") {
        auto all = incidents.list(*db->connection, true);
        if (!all) {
            return failed(all.error());
        }
        for (const auto& i : *all) {
            std::printf("%lld\t%s\t%s to %s\tnotified %lld\t%s\n", static_cast<long long>(i.id),
                        i.published ? "published" : "unpublished",
                        domain::privacy::formatUtcMinute(i.startedAt).c_str(),
                        domain::privacy::formatUtcMinute(i.endedAt).c_str(),
                        static_cast<long long>(i.notified), i.summary.substr(0, 60).c_str());
        }
        return 0;
    }
    auto recorded = incidents.record(*db->connection, std::move(draft));
    if (!recorded) {
        return failed(recorded.error());
    }
    audit(*db->connection, "privacy.incident.recorded", "incident:" + std::to_string(recorded->id));
    std::printf("Recorded incident %lld; %lld notice(s) queued in the outbox.\n",
                static_cast<long long>(recorded->id), static_cast<long long>(recorded->notified));
    return 0;
}

}  // namespace vp::app::commands
