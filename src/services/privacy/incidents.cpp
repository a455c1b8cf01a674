#include "services/privacy/incidents.hpp"

#include <charconv>

#include "services/outbox/sql_outbox_repository.hpp"
#include "services/privacy/recipients_register.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::SubjectKey;

// The account ids a query's first column holds ("user:<id>" when `refs`).
common::Status collectIds(storage::Connection& c, const std::string& sql,
                          const std::vector<storage::SqlValue>& params, bool refs,
                          std::set<std::int64_t>& out) {
    auto rows = c.query(sql, params);
    if (!rows) {
        return rows.error();
    }
    for (const auto& row : *rows) {
        if (!refs) {
            if (auto id = storage::getInt(row, 0)) {
                out.insert(*id);
            }
            continue;
        }
        auto text = storage::getText(row, 0);
        if (!text || text->rfind("user:", 0) != 0) {
            continue;
        }
        std::int64_t id = 0;
        const char* begin = text->data() + 5;
        const char* end = text->data() + text->size();
        const auto parsed = std::from_chars(begin, end, id);
        if (parsed.ec == std::errc{} && parsed.ptr == end) {
            out.insert(id);
        }
    }
    return {};
}

// The accounts with rows in `table`, following its subject path.
common::Status usersOfTable(storage::Connection& c, const domain::privacy::SubjectPath& path,
                            std::set<std::int64_t>& out) {
    // Table and column names come from the compiled-in data map, never from input.
    const std::string& t = path.table;
    const std::string& col = path.column;
    switch (path.key) {
        case SubjectKey::UserId:
            return collectIds(
                c, "SELECT DISTINCT " + col + " FROM " + t + " WHERE " + col + " IS NOT NULL", {},
                false, out);
        case SubjectKey::UserContact:
            return collectIds(c,
                              "SELECT id FROM users WHERE email IN (SELECT " + col + " FROM " + t +
                                  ") OR phone IN (SELECT " + col + " FROM " + t + ")",
                              {}, false, out);
        case SubjectKey::UserRef:
            return collectIds(c, "SELECT DISTINCT " + col + " FROM " + t, {}, true, out);
        case SubjectKey::NotLinkable:
            return {};
    }
    return {};
}

common::Result<Incident> incidentFrom(const storage::Row& row) {
    auto id = storage::getInt(row, 0);
    auto summary = storage::getText(row, 1);
    auto categories = storage::getText(row, 2);
    auto started = storage::getInt(row, 3);
    auto ended = storage::getInt(row, 4);
    auto measures = storage::getText(row, 5);
    auto advice = storage::getText(row, 6);
    auto recorded = storage::getInt(row, 7);
    auto by = storage::getText(row, 8);
    auto notified = storage::getInt(row, 9);
    auto published = storage::getInt(row, 10);
    if (!id || !summary || !categories || !started || !ended || !measures || !advice || !recorded ||
        !by || !notified || !published) {
        return common::Error{"storage.type", "unreadable security_incidents row"};
    }
    return Incident{*id,
                    std::move(*summary),
                    splitCategories(*categories),
                    common::fromUnixMillis(*started),
                    common::fromUnixMillis(*ended),
                    std::move(*measures),
                    std::move(*advice),
                    common::fromUnixMillis(*recorded),
                    std::move(*by),
                    *notified,
                    *published != 0};
}

}  // namespace

common::Result<std::set<std::int64_t>> Incidents::affectedUsers(
    storage::Connection& c, const std::vector<std::string>& categories,
    domain::privacy::TimePoint from, domain::privacy::TimePoint to) const {
    std::set<std::string> tables;
    for (const auto& category : categories) {
        for (const auto& column : map_.columnsInCategory(category)) {
            tables.insert(column.table);
        }
    }
    std::set<std::int64_t> users;
    for (const auto& table : tables) {
        const auto* path = domain::privacy::subjectPathFor(paths_, table);
        if (path == nullptr) {
            continue;
        }
        if (auto found = usersOfTable(c, *path, users); !found) {
            return found.error();
        }
    }
    // Whose data was read or changed during the window, per the audit log.
    if (auto audited =
            collectIds(c,
                       "SELECT DISTINCT subject FROM audit_log WHERE occurred_at >= ? "
                       "AND occurred_at <= ?",
                       {common::toUnixMillis(from), common::toUnixMillis(to)}, true, users);
        !audited) {
        return audited.error();
    }
    // Only accounts that still exist can be told.
    std::set<std::int64_t> existing;
    for (const auto id : users) {
        auto rows = c.query("SELECT id FROM users WHERE id = ?", {id});
        if (!rows) {
            return rows.error();
        }
        if (!rows->empty()) {
            existing.insert(id);
        }
    }
    return existing;
}

common::Result<std::int64_t> Incidents::notify(storage::Connection& c, const Incident& incident,
                                               const std::set<std::int64_t>& users) const {
    outbox::SqlOutboxRepository repository(c);
    const std::string link = options_.publicUrl + "/incidents";
    const std::string window = domain::privacy::formatUtcMinute(incident.startedAt) + " to " +
                               domain::privacy::formatUtcMinute(incident.endedAt);
    std::int64_t queued = 0;
    for (const auto id : users) {
        auto rows = c.query("SELECT email, phone, display_name FROM users WHERE id = ?", {id});
        if (!rows) {
            return rows.error();
        }
        if (rows->empty()) {
            continue;
        }
        auto email = storage::getText(rows->front(), 0);
        auto phone = storage::getText(rows->front(), 1);
        auto name = storage::getText(rows->front(), 2);
        common::Result<std::int64_t> sent = std::int64_t{0};
        if (email && !email->empty()) {
            sent = outbox_.enqueueTemplate(
                repository, domain::accounts::TemplateId::IncidentNoticeEmail, *email,
                {{"name", name && !name->empty() ? *name : *email},
                 {"window", window},
                 {"summary", incident.summary},
                 {"measures", incident.measures},
                 {"advice", incident.advice},
                 {"link", link}});
        } else if (phone && !phone->empty()) {
            sent =
                outbox_.enqueueTemplate(repository, domain::accounts::TemplateId::IncidentNoticeSms,
                                        *phone, {{"link", link}});
        } else {
            continue;
        }
        if (!sent) {
            return sent.error();
        }
        ++queued;
    }
    return queued;
}

common::Result<Incident> Incidents::record(storage::Connection& c, Incident draft) const {
    if (auto valid = domain::privacy::validateIncident(draft, map_.categories()); !valid) {
        return valid.error();
    }
    draft.recordedAt = clock_.now();
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto users = affectedUsers(c, draft.categories, draft.startedAt, draft.endedAt);
    if (!users) {
        return users.error();
    }
    auto notified = notify(c, draft, *users);
    if (!notified) {
        return notified.error();
    }
    draft.notified = *notified;
    auto rows = c.query(
        "INSERT INTO security_incidents (summary, categories, started_at, ended_at, measures, "
        "advice, recorded_at, recorded_by, notified, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?) RETURNING id",
        {draft.summary, joinCategories(draft.categories), common::toUnixMillis(draft.startedAt),
         common::toUnixMillis(draft.endedAt), draft.measures, draft.advice,
         common::toUnixMillis(draft.recordedAt), draft.recordedBy, draft.notified,
         std::int64_t{draft.published ? 1 : 0}});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty() || !storage::getInt(rows->front(), 0)) {
        return common::Error{"storage.type", "no id for the new incident"};
    }
    draft.id = *storage::getInt(rows->front(), 0);
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return draft;
}

common::Result<std::vector<Incident>> Incidents::list(storage::Connection& c, bool all) const {
    auto rows = c.query(std::string("SELECT id, summary, categories, started_at, ended_at, "
                                    "measures, advice, recorded_at, recorded_by, notified, "
                                    "published FROM security_incidents") +
                        (all ? "" : " WHERE published = 1") + " ORDER BY id DESC LIMIT 500");
    if (!rows) {
        return rows.error();
    }
    std::vector<Incident> out;
    for (const auto& row : *rows) {
        auto incident = incidentFrom(row);
        if (!incident) {
            return incident.error();
        }
        out.push_back(std::move(*incident));
    }
    return out;
}

}  // namespace vp::services::privacy
