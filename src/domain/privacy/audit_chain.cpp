#include "domain/privacy/audit_chain.hpp"

namespace vp::domain::privacy {
namespace {

void field(std::string& out, std::string_view value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += ';';
}

}  // namespace

std::string canonicalEntry(const AuditEntry& entry) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(entry.occurredAt.time_since_epoch())
            .count();
    std::string out;
    field(out, std::to_string(entry.seq));
    field(out, std::to_string(ms));
    field(out, entry.actor);
    field(out, entry.action);
    field(out, entry.subject);
    field(out, entry.details);
    return out;
}

std::string chainHash(const Sha256Hex& sha256, std::string_view prevHash, const AuditEntry& entry) {
    std::string input(prevHash);
    input += canonicalEntry(entry);
    return sha256(input);
}

std::optional<ChainBreak> verifyChain(const std::vector<AuditEntry>& entries,
                                      const Sha256Hex& sha256) {
    std::string previous;
    std::int64_t expectedSeq = 1;
    for (const auto& e : entries) {
        if (e.seq != expectedSeq) {
            const bool earlier = e.seq < expectedSeq;
            return ChainBreak{earlier ? e.seq : expectedSeq, earlier ? "reordered" : "missing",
                              earlier ? "entry " + std::to_string(e.seq) + " appears after " +
                                            std::to_string(expectedSeq - 1)
                                      : "entries from " + std::to_string(expectedSeq) + " to " +
                                            std::to_string(e.seq - 1) + " are missing (deleted)"};
        }
        if (e.prevHash != previous) {
            return ChainBreak{e.seq, "reordered",
                              "entry " + std::to_string(e.seq) +
                                  " does not link to the entry before it (moved or replaced)"};
        }
        if (chainHash(sha256, previous, e) != e.hash) {
            return ChainBreak{e.seq, "edited",
                              "entry " + std::to_string(e.seq) +
                                  " does not match its hash (its content was changed)"};
        }
        previous = e.hash;
        ++expectedSeq;
    }
    return std::nullopt;
}

}  // namespace vp::domain::privacy
