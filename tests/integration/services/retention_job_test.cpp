// The general retention job on both backends (R-PRIV-7): on a fake clock it deletes
// exactly what has expired per the data map, keeps what must stay (consents of live
// accounts, open requests), reports per table, and a second run removes nothing.
#include "services/privacy/retention_job.hpp"

#include <gtest/gtest.h>

#include <map>

#include "common/clock.hpp"
#include "domain/privacy/policy.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "test_database.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::parseDate;
using storage::testing::BackendTest;

constexpr std::int64_t kDay = 86400000;

class RetentionJobTest : public BackendTest {
  protected:
    void SetUp() override {
        BackendTest::SetUp();
        c = migratedConnection();
        ASSERT_NE(c, nullptr);
    }
    void run(const std::string& sql, const std::vector<storage::SqlValue>& params) {
        auto done = c->execute(sql, params);
        ASSERT_TRUE(done) << sql << ": " << done.error().message;
    }
    std::int64_t count(const std::string& sql) {
        auto rows = c->query(sql);
        return rows ? storage::getInt(rows->front(), 0).valueOr(-1) : -1;
    }
    std::int64_t now() {
        return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch())
            .count();
    }
    void outbox(std::int64_t createdAt) {
        run("INSERT INTO outbox_messages (channel, recipient, template, subject, body_text, "
            "body_html, status, next_attempt_at, created_at) VALUES ('email', 'a@b.example', "
            "'t', 's', 'b', 'h', 'sent', ?, ?)",
            {createdAt, createdAt});
    }
    void consent(std::int64_t userId, std::int64_t recordedAt) {
        run("INSERT INTO consents (user_id, purpose, granted, policy_version, recorded_at, "
            "method, jurisdiction) VALUES (?, 'telemetry', 1, 1, ?, 'button', 'CN')",
            {userId, recordedAt});
    }
    void request(const std::string& id, const std::string& status,
                 std::optional<std::int64_t> answeredAt) {
        run("INSERT INTO privacy_requests (public_id, kind, channel, requester_contact, details, "
            "identity_verified, status, received_at, due_at, answered_at, history) VALUES (?, "
            "'access', 'email', 'a@b.example', 'd', 1, ?, 0, 0, ?, '[]')",
            {id, status,
             answeredAt ? storage::SqlValue(*answeredAt) : storage::SqlValue(storage::SqlNull{})});
    }

    common::FakeClock clock{parseDate("2030-06-01").value()};
    RetentionJob job{domain::privacy::videoproDataMap(), domain::privacy::videoproRetentionRules(),
                     clock};
    std::unique_ptr<storage::Connection> c;
};

TEST_P(RetentionJobTest, DeletesExactlyWhatHasExpiredAndIsIdempotent) {
    run("INSERT INTO users (email, birth_year, birth_month, status, created_at) VALUES "
        "('live@example.com', 1990, 1, 'active', 0)",
        {});
    auto live = c->query("SELECT id FROM users");
    const std::int64_t liveId = storage::getInt(live->front(), 0).value();
    outbox(now() - 31 * kDay);                    // expired (30 days)
    outbox(now() - 29 * kDay);                    // kept
    consent(liveId, now() - 4000 * kDay);         // kept: the account exists
    consent(liveId + 1000, now() - 1000 * kDay);  // kept: within 3 years of the record
    consent(liveId + 1000, now() - 1200 * kDay);  // expired: account gone, 3 years passed
    request("old-answered", "answered", now() - 1200 * kDay);  // expired
    request("old-open", "received", std::nullopt);             // kept: still open
    request("recent", "refused", now() - 10 * kDay);           // kept

    auto report = job.runOnce(*c);
    ASSERT_TRUE(report) << report.error().message;
    std::map<std::string, std::int64_t> deleted;
    for (const auto& o : *report) {
        deleted[o.table] = o.deleted;
        EXPECT_FALSE(o.categories.empty()) << o.table;
    }
    EXPECT_EQ(deleted["outbox_messages"], 1);
    EXPECT_EQ(deleted["consents"], 1);
    EXPECT_EQ(deleted["privacy_requests"], 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_messages"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM consents"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_requests"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 1);

    auto again = job.runOnce(*c);
    ASSERT_TRUE(again);
    for (const auto& o : *again) {
        EXPECT_EQ(o.deleted, 0) << o.table;
    }

    clock.advance(std::chrono::days{2});  // the second outbox message passes 30 days
    auto later = job.runOnce(*c);
    ASSERT_TRUE(later);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_messages"), 0);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(RetentionJobTest);

}  // namespace
}  // namespace vp::services::privacy
