#pragma once
// The audit log (R-PRIV-8): an append-only, hash-chained table `audit_log`. Every
// export, and every read or change of someone else's personal data by an operator
// or administrator, appends an entry; verify() walks the chain.
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/privacy/audit_chain.hpp"
#include "storage/connection.hpp"

namespace vp::services::privacy {

using domain::privacy::AuditEntry;
using domain::privacy::ChainBreak;

struct AuditEvent {
    std::string actor;    // "user:12", "operator:alice", "system"
    std::string action;   // "privacy.export.completed"
    std::string subject;  // "user:12"
    std::string details;  // a JSON object ("{}" when empty)
};

// "user:<id>", the form of actor and subject for accounts.
std::string userRef(std::int64_t userId);

class AuditLog {
  public:
    explicit AuditLog(const common::Clock& clock) : clock_(clock) {}

    // Appends in a transaction of its own (the caller must not hold one), after the
    // current head; retried when another writer appended at the same moment.
    common::Result<AuditEntry> append(storage::Connection& c, const AuditEvent& event);
    // Appends inside the caller's open transaction, so the entry commits or rolls
    // back with the change it records (e.g. a profile correction). The head is
    // locked until then (BEGIN IMMEDIATE on SQLite, a table lock on PostgreSQL).
    common::Result<AuditEntry> appendWithin(storage::Connection& c, const AuditEvent& event);
    // Every entry ordered by seq.
    common::Result<std::vector<AuditEntry>> entries(storage::Connection& c) const;
    // The first entry that was edited, deleted or reordered; nullopt when intact.
    common::Result<std::optional<ChainBreak>> verify(storage::Connection& c) const;

  private:
    common::Result<AuditEntry> appendOnce(storage::Connection& c, const AuditEvent& event);

    const common::Clock& clock_;
    std::mutex mutex_;  // one appender per process at a time
};

}  // namespace vp::services::privacy
