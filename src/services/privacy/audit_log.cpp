#include "services/privacy/audit_log.hpp"

#include "services/privacy/sha256.hpp"

namespace vp::services::privacy {
namespace {

constexpr int kAppendAttempts = 5;

common::Result<AuditEntry> entryFrom(const storage::Row& row) {
    auto seq = storage::getInt(row, 0);
    auto at = storage::getInt(row, 1);
    auto actor = storage::getText(row, 2);
    auto action = storage::getText(row, 3);
    auto subject = storage::getText(row, 4);
    auto details = storage::getText(row, 5);
    auto prev = storage::getText(row, 6);
    auto hash = storage::getText(row, 7);
    if (!seq || !at || !actor || !action || !subject || !details || !prev || !hash) {
        return common::Error{"storage.type", "unreadable audit_log row"};
    }
    return AuditEntry{*seq,
                      common::fromUnixMillis(*at),
                      std::move(*actor),
                      std::move(*action),
                      std::move(*subject),
                      std::move(*details),
                      std::move(*prev),
                      std::move(*hash)};
}

}  // namespace

std::string userRef(std::int64_t userId) {
    return "user:" + std::to_string(userId);
}

common::Result<AuditEntry> AuditLog::append(storage::Connection& c, const AuditEvent& event) {
    const std::lock_guard lock(mutex_);
    common::Result<AuditEntry> last = common::Error{"audit", "not attempted"};
    for (int attempt = 0; attempt < kAppendAttempts; ++attempt) {
        last = appendOnce(c, event);
        if (last) {
            return last;
        }
    }
    return last;
}

common::Result<AuditEntry> AuditLog::appendOnce(storage::Connection& c, const AuditEvent& event) {
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto entry = appendWithin(c, event);
    if (!entry) {
        return entry.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return entry;
}

common::Result<AuditEntry> AuditLog::appendWithin(storage::Connection& c, const AuditEvent& event) {
    if (c.dialect() == storage::Dialect::Postgres) {
        // Serialises appenders of every process on the head of the chain.
        if (auto locked = c.execute("LOCK TABLE audit_log IN EXCLUSIVE MODE"); !locked) {
            return locked.error();
        }
    }
    auto head = c.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!head) {
        return head.error();
    }
    AuditEntry e{1,
                 clock_.now(),
                 event.actor,
                 event.action,
                 event.subject,
                 event.details.empty() ? "{}" : event.details,
                 "",
                 ""};
    if (!head->empty()) {
        auto seq = storage::getInt(head->front(), 0);
        auto hash = storage::getText(head->front(), 1);
        if (!seq || !hash) {
            return common::Error{"storage.type", "unreadable audit_log head"};
        }
        e.seq = *seq + 1;
        e.prevHash = std::move(*hash);
    }
    e.occurredAt = common::fromUnixMillis(common::toUnixMillis(e.occurredAt));  // stored precision
    e.hash = domain::privacy::chainHash(sha256Hex, e.prevHash, e);
    auto inserted = c.execute(
        "INSERT INTO audit_log (seq, occurred_at, actor, action, subject, details, prev_hash, "
        "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {e.seq, common::toUnixMillis(e.occurredAt), e.actor, e.action, e.subject, e.details,
         e.prevHash, e.hash});
    if (!inserted) {
        return inserted.error();
    }
    return e;
}

common::Result<std::vector<AuditEntry>> AuditLog::entries(storage::Connection& c) const {
    auto rows = c.query(
        "SELECT seq, occurred_at, actor, action, subject, details, prev_hash, hash "
        "FROM audit_log ORDER BY seq");
    if (!rows) {
        return rows.error();
    }
    std::vector<AuditEntry> out;
    out.reserve(rows->size());
    for (const auto& row : *rows) {
        auto e = entryFrom(row);
        if (!e) {
            return e.error();
        }
        out.push_back(std::move(*e));
    }
    return out;
}

common::Result<std::optional<ChainBreak>> AuditLog::verify(storage::Connection& c) const {
    auto all = entries(c);
    if (!all) {
        return all.error();
    }
    return domain::privacy::verifyChain(*all, sha256Hex);
}

}  // namespace vp::services::privacy
