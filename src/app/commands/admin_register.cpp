#include "app/commands/admin_register.hpp"

#include <cstdio>
#include <optional>
#include <vector>

#include "app/commands/admin_task.hpp"
#include "common/clock.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/outbox/outbox.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/privacy/incidents.hpp"
#include "services/privacy/recipients_register.hpp"

namespace vp::app::commands {
namespace {

void audit(storage::Connection& c, const std::string& action, const std::string& subject) {
    services::privacy::AuditLog log(common::SystemClock::instance());
    if (auto logged = log.append(c, {kCliOperator, action, subject, "{}"}); !logged) {
        adminFailed(logged.error());
    }
}

int recipientsAdd(const TaskArgs& args, AdminDatabase& db) {
    const services::privacy::RecipientsRegister reg(domain::privacy::videoproDataMap(),
                                                    common::SystemClock::instance());
    domain::privacy::Recipient draft;
    draft.name = args.value("name");
    draft.contact = args.value("contact");
    draft.purpose = args.value("purpose");
    draft.categories = domain::privacy::splitList(args.value("categories"));
    draft.legalBasis = args.value("legal-basis");
    draft.addedBy = kCliOperator;
    auto added = reg.add(*db.connection, std::move(draft));
    if (!added) {
        return adminFailed(added.error());
    }
    audit(*db.connection, "privacy.recipient.added", "recipient:" + std::to_string(added->id));
    std::printf("Added recipient %lld: %s\n", static_cast<long long>(added->id),
                added->name.c_str());
    return 0;
}

int recipientsList(AdminDatabase& db) {
    const services::privacy::RecipientsRegister reg(domain::privacy::videoproDataMap(),
                                                    common::SystemClock::instance());
    auto all = reg.all(*db.connection);
    if (!all) {
        return adminFailed(all.error());
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
        return adminUsage("recipients add|list|remove (see videopro admin --help)");
    }
    auto parsed = parseTaskArgs(args.subspan(1), kValues, {});
    if (!parsed) {
        return 2;
    }
    auto db = openAdminDatabase(parsed->rest);
    if (!db) {
        return 1;
    }
    if (args[0] == "add") {
        return recipientsAdd(*parsed, *db);
    }
    if (args[0] == "list") {
        return recipientsList(*db);
    }
    const auto id = parsePositiveId(parsed->positional);
    if (!id) {
        return adminUsage("recipients remove needs the recipient's id");
    }
    const services::privacy::RecipientsRegister reg(domain::privacy::videoproDataMap(),
                                                    common::SystemClock::instance());
    if (auto removed = reg.remove(*db->connection, *id); !removed) {
        return adminFailed(removed.error());
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
        return adminUsage("incident record|list (see videopro admin --help)");
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
            return adminUsage("--from and --to: " + (!from ? from.error() : to.error()).message);
        }
        draft.summary = parsed->value("summary");
        draft.categories = domain::privacy::splitList(parsed->value("categories"));
        draft.startedAt = *from;
        draft.endedAt = *to;
        draft.measures = parsed->value("measures");
        draft.advice = parsed->value("advice");
        draft.recordedBy = kCliOperator;
        draft.published = !parsed->flag("unpublished");
    }
    auto db = openAdminDatabase(parsed->rest);
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
            return adminFailed(all.error());
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
        return adminFailed(recorded.error());
    }
    audit(*db->connection, "privacy.incident.recorded", "incident:" + std::to_string(recorded->id));
    std::printf("Recorded incident %lld; %lld notice(s) queued in the outbox.\n",
                static_cast<long long>(recorded->id), static_cast<long long>(recorded->notified));
    return 0;
}

}  // namespace vp::app::commands
