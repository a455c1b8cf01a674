#include "domain/privacy/audit_chain.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace vp::domain::privacy {
namespace {

// A stand-in digest for the pure rules (the real SHA-256 is tested with the log).
std::string fakeDigest(std::string_view bytes) {
    return std::to_string(std::hash<std::string_view>{}(bytes));
}

std::vector<AuditEntry> chain(int n) {
    std::vector<AuditEntry> out;
    std::string prev;
    for (int i = 1; i <= n; ++i) {
        AuditEntry e{i,        std::chrono::system_clock::time_point{std::chrono::seconds{i}},
                     "user:1", "privacy.export.completed",
                     "user:1", "{}",
                     prev,     ""};
        e.hash = chainHash(fakeDigest, prev, e);
        prev = e.hash;
        out.push_back(e);
    }
    return out;
}

TEST(AuditChainTest, AnIntactChainVerifies) {
    EXPECT_FALSE(verifyChain(chain(5), fakeDigest).has_value());
    EXPECT_FALSE(verifyChain({}, fakeDigest).has_value());
}

TEST(AuditChainTest, AnEditedEntryIsFound) {
    auto entries = chain(5);
    entries[2].details = R"({"forged":true})";
    auto broken = verifyChain(entries, fakeDigest);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->seq, 3);
    EXPECT_EQ(broken->problem, "edited");
}

TEST(AuditChainTest, ADeletedEntryIsFound) {
    auto entries = chain(5);
    entries.erase(entries.begin() + 1);
    auto broken = verifyChain(entries, fakeDigest);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->seq, 2);
    EXPECT_EQ(broken->problem, "missing");
}

TEST(AuditChainTest, ReorderedEntriesAreFound) {
    auto entries = chain(5);
    std::swap(entries[1].seq, entries[3].seq);  // renumbered so that seq stays contiguous
    std::swap(entries[1], entries[3]);
    auto broken = verifyChain(entries, fakeDigest);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->seq, 2);
    EXPECT_EQ(broken->problem, "reordered");
}

TEST(AuditChainTest, CanonicalFormIsUnambiguous) {
    AuditEntry a{1, {}, "ab", "c", "s", "{}", "", ""};
    AuditEntry b{1, {}, "a", "bc", "s", "{}", "", ""};
    EXPECT_NE(canonicalEntry(a), canonicalEntry(b));
}

}  // namespace
}  // namespace vp::domain::privacy
