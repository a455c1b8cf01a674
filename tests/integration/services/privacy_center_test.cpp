// The privacy center's records on both backends: policy versions, the append-only
// consent ledger and its gate (a withdrawal stops processing at once), and the
// hash-chained audit log with each tamper case detected.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/policy_store.hpp"
#include "test_database.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::parseDate;
using storage::testing::BackendTest;

class PrivacyCenterTest : public BackendTest {
  protected:
    void SetUp() override {
        BackendTest::SetUp();
        c = migratedConnection();
        ASSERT_NE(c, nullptr);
    }

    PolicyVersion publish(std::string_view effective, bool material) {
        auto v =
            policies.publish(*c, {"# Policy", parseDate(effective).value(), material, "alice"});
        EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
        return v.ok() ? *v : PolicyVersion{};
    }

    ConsentRecord decide(ConsentPurpose purpose, bool granted, std::int64_t subject = 7) {
        auto r = ledger.record(*c, {subject, purpose, granted, ConsentMethod::Button, "CN"});
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? *r : ConsentRecord{};
    }

    std::int64_t count(std::string_view table) {
        auto rows = c->query("SELECT COUNT(*) FROM " + std::string(table));
        return rows.ok() ? storage::getInt(rows->front(), 0).valueOr(-1) : -1;
    }

    common::FakeClock clock{parseDate("2026-01-10").value()};
    PolicyStore policies{clock};
    ConsentLedger ledger{policies, clock};
    ConsentGate gate{policies, ledger};
    AuditLog audit{clock};
    std::unique_ptr<storage::Connection> c;
};

TEST_P(PrivacyCenterTest, PublishesVersionsInOrderAndShowsTheOneInForce) {
    EXPECT_FALSE(policies.inForce(*c).value().has_value());
    publish("2026-01-01", false);
    publish("2026-02-01", true);
    auto refused = policies.publish(*c, {"", parseDate("2026-03-01").value(), false, "alice"});
    EXPECT_EQ(refused.error().code, "invalid_policy");
    EXPECT_EQ(policies.all(*c).value().size(), 2U);
    EXPECT_EQ(policies.inForce(*c).value()->version, 1);
    clock.advance(std::chrono::days{30});
    EXPECT_EQ(policies.inForce(*c).value()->version, 2);
}

TEST_P(PrivacyCenterTest, WithdrawalIsANewRecordAndStopsProcessingAtOnce) {
    EXPECT_EQ(ledger.record(*c, {7, ConsentPurpose::Telemetry, true, ConsentMethod::Button, "CN"})
                  .error()
                  .code,
              "no_policy");
    publish("2026-01-01", false);
    const ConsentRecord given = decide(ConsentPurpose::Telemetry, true);
    EXPECT_TRUE(gate.allows(*c, 7, ConsentPurpose::Telemetry).value());
    EXPECT_FALSE(gate.allows(*c, 8, ConsentPurpose::Telemetry).value());
    clock.advance(std::chrono::minutes{5});
    decide(ConsentPurpose::Telemetry, false);
    EXPECT_FALSE(gate.allows(*c, 7, ConsentPurpose::Telemetry).value());
    // The grant is still there, unchanged: the ledger only grows.
    auto history = ledger.history(*c, 7).value();
    ASSERT_EQ(history.size(), 2U);
    EXPECT_EQ(history[0].id, given.id);
    EXPECT_TRUE(history[0].granted);
    EXPECT_EQ(history[0].recordedAt, given.recordedAt);
    EXPECT_FALSE(history[1].granted);
    EXPECT_EQ(count("consents"), 2);
    EXPECT_EQ(
        ledger.record(*c, {7, ConsentPurpose::PolicyAcceptance, false, ConsentMethod::Button, "CN"})
            .error()
            .code,
        "invalid_consent");
}

TEST_P(PrivacyCenterTest, AMaterialChangeRequiresFreshAcceptance) {
    publish("2026-01-01", false);
    EXPECT_EQ(gate.acceptanceRequired(*c, 7).value(), 1);
    decide(ConsentPurpose::PolicyAcceptance, true);
    EXPECT_TRUE(gate.allows(*c, 7, ConsentPurpose::PolicyAcceptance).value());
    publish("2026-01-20", false);  // minor change: nothing to do
    publish("2026-02-01", true);   // material change, in force from Feb 1
    EXPECT_FALSE(gate.acceptanceRequired(*c, 7).value().has_value());
    clock.advance(std::chrono::days{22});
    EXPECT_EQ(gate.acceptanceRequired(*c, 7).value(), 3);
    EXPECT_FALSE(gate.allows(*c, 7, ConsentPurpose::PolicyAcceptance).value());
    EXPECT_EQ(decide(ConsentPurpose::PolicyAcceptance, true).policyVersion, 3);
    EXPECT_TRUE(gate.allows(*c, 7, ConsentPurpose::PolicyAcceptance).value());
}

class AuditLogTest : public PrivacyCenterTest {
  protected:
    void appendFive() {
        for (int i = 1; i <= 5; ++i) {
            auto e = audit.append(*c, {"operator:alice", "privacy.export.completed",
                                       "user:" + std::to_string(i), R"({"export":1})"});
            ASSERT_TRUE(e.ok()) << e.error().message;
            EXPECT_EQ(e->seq, i);
            clock.advance(std::chrono::seconds{1});
        }
        ASSERT_FALSE(audit.verify(*c).value().has_value());
    }
    std::optional<ChainBreak> broken() {
        auto v = audit.verify(*c);
        EXPECT_TRUE(v.ok());
        return v.ok() ? *v : std::nullopt;
    }
};

TEST_P(AuditLogTest, AnEditedEntryIsReported) {
    appendFive();
    ASSERT_TRUE(c->execute("UPDATE audit_log SET subject = 'user:99' WHERE seq = 3").ok());
    auto b = broken();
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(b->seq, 3);
    EXPECT_EQ(b->problem, "edited");
}

TEST_P(AuditLogTest, ADeletedEntryIsReported) {
    appendFive();
    ASSERT_TRUE(c->execute("DELETE FROM audit_log WHERE seq = 2").ok());
    auto b = broken();
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(b->seq, 2);
    EXPECT_EQ(b->problem, "missing");
}

TEST_P(AuditLogTest, ReorderedEntriesAreReported) {
    appendFive();
    // Swap entries 2 and 4 by renumbering them (seq stays contiguous).
    ASSERT_TRUE(c->execute("UPDATE audit_log SET seq = 100 WHERE seq = 2").ok());
    ASSERT_TRUE(c->execute("UPDATE audit_log SET seq = 2 WHERE seq = 4").ok());
    ASSERT_TRUE(c->execute("UPDATE audit_log SET seq = 4 WHERE seq = 100").ok());
    auto b = broken();
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(b->seq, 2);
    EXPECT_EQ(b->problem, "reordered");
}

TEST_P(AuditLogTest, AppendsContinueTheChainAcrossInstances) {
    appendFive();
    AuditLog other(clock);
    ASSERT_TRUE(other.append(*c, {"system", "privacy.export.expired", "user:1", ""}).ok());
    EXPECT_EQ(audit.entries(*c).value().back().seq, 6);
    EXPECT_FALSE(broken().has_value());
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(PrivacyCenterTest);
VP_INSTANTIATE_FOR_BOTH_BACKENDS(AuditLogTest);

}  // namespace
}  // namespace vp::services::privacy
