#pragma once
// The audit log's hash chain (R-PRIV-8): hash(n) = SHA-256(hash(n-1) || canonical(n)),
// with seq numbers 1, 2, 3, … and an empty hash before the first entry. Editing an
// entry breaks its own hash; deleting or reordering entries breaks the seq sequence
// or a prev_hash link. Pure: the SHA-256 function is passed in.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vp::domain::privacy {

struct AuditEntry {
    std::int64_t seq = 0;
    std::chrono::system_clock::time_point occurredAt;
    std::string actor;    // "user:12", "operator:alice", "system"
    std::string action;   // "privacy.export.completed"
    std::string subject;  // whose data: "user:12"
    std::string details;  // a JSON object
    std::string prevHash;
    std::string hash;
};

// Lowercase hex SHA-256 of the bytes.
using Sha256Hex = std::function<std::string(std::string_view)>;

// An unambiguous encoding of the entry's fields (each length-prefixed), hashes excluded.
std::string canonicalEntry(const AuditEntry& entry);

// The hash the entry must carry after `prevHash`.
std::string chainHash(const Sha256Hex& sha256, std::string_view prevHash, const AuditEntry& entry);

struct ChainBreak {
    std::int64_t seq = 0;  // the first entry that does not fit (or the missing seq)
    std::string problem;   // "edited", "missing", "reordered"
    std::string explanation;
};

// Walks `entries` in the order given (the table ordered by seq). nullopt: intact.
std::optional<ChainBreak> verifyChain(const std::vector<AuditEntry>& entries,
                                      const Sha256Hex& sha256);

}  // namespace vp::domain::privacy
