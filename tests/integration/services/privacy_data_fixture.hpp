#pragma once
// The privacy suites' fixture, on both backends: two users, Alice and Bob, each with rows
// in every table on a subject path (a new table on a path fails
// TheFixtureHasRowsInEveryLinkableTable until givenUserWithDataEverywhere() gives it
// rows), each attending the other's meeting; exports and cancellation wired as in the
// server.
#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/privacy/account_cancellation.hpp"
#include "services/privacy/data_exports.hpp"
#include "services/privacy/subject_rows.hpp"
#include "storage/db_pool.hpp"
#include "test_database.hpp"

namespace vp::services::privacy::fixtures {

using domain::privacy::videoproDataMap;
using domain::privacy::videoproSubjectPaths;
using storage::testing::BackendTest;

inline constexpr std::int64_t kDay = 86400000;

class PrivacyDataTest : public BackendTest {
  protected:
    void SetUp() override {
        BackendTest::SetUp();
        c = migratedConnection();
        ASSERT_NE(c, nullptr);
        pool = std::make_unique<storage::DbPool>(database(), storage::DbPool::Options{1, 16});
        std::array<std::uint8_t, 32> key{};
        key.fill(3);
        pseudonyms.emplace(Pseudonymiser::fromKey(key).value());
        exports = std::make_unique<DataExports>(*pool, videoproDataMap(), videoproSubjectPaths(),
                                                audit, clock, common::SecureRandom::instance(),
                                                DataExportOptions{});
        cancellation = std::make_unique<AccountCancellation>(
            videoproDataMap(), videoproSubjectPaths(), domain::privacy::videoproCancellationRules(),
            *pseudonyms, audit);
        alice = givenUserWithDataEverywhere("alice@example.com", "Alice Liddell", "100000001");
        bob = givenUserWithDataEverywhere("bob@example.com", "Bob Builder", "100000002");
        // Alice attended Bob's meeting, Bob attended Alice's.
        attend(bob, "100000001", "Bob Builder");
        attend(alice, "100000002", "Alice Liddell");
    }
    void TearDown() override {
        if (pool) {
            pool->stop();
        }
    }

    void run(const std::string& sql, const std::vector<storage::SqlValue>& params) {
        auto done = c->execute(sql, params);
        ASSERT_TRUE(done) << sql << ": " << done.error().message;
    }
    std::int64_t idOf(const std::string& sql, const std::vector<storage::SqlValue>& params) {
        auto rows = c->query(sql, params);
        return rows && !rows->empty() ? storage::getInt(rows->front(), 0).valueOr(-1) : -1;
    }

    // One row (or more) of this user in every table of the data map with a subject path.
    std::int64_t givenUserWithDataEverywhere(const std::string& email, const std::string& name,
                                             const std::string& meetingId) {
        const std::int64_t t = 1767225600000;  // 2026-01-01
        run("INSERT INTO users (email, display_name, password_hash, birth_year, birth_month, "
            "status, created_at) VALUES (?, ?, '$argon2id$secret', 1990, 5, 'active', ?)",
            {email, name, t});
        const auto id = idOf("SELECT id FROM users WHERE email = ?", {email});
        run("INSERT INTO sessions (user_id, token_hash, created_at, last_used_at, expires_at, "
            "user_agent, client_ip) VALUES (?, ?, ?, ?, ?, 'Firefox on Linux', '192.0.2.7')",
            {id, "hash-" + email, t, t, t + 1000});
        run("INSERT INTO outbox_messages (channel, recipient, template, subject, body_text, "
            "body_html, status, next_attempt_at, created_at) VALUES ('email', ?, 'login_code', "
            "'Your code', 'code 123456', '<p>code</p>', 'sent', ?, ?)",
            {email, t, t});
        run("INSERT INTO one_time_codes (target, purpose, code_hash, created_at, expires_at, "
            "requester_ip) VALUES (?, 'login', 'abc', ?, ?, '192.0.2.7')",
            {email, t, t + 600000});
        run("INSERT INTO consents (user_id, purpose, granted, policy_version, recorded_at, "
            "method, jurisdiction) VALUES (?, 'telemetry', 1, 1, ?, 'button', 'CN')",
            {id, t});
        run("INSERT INTO data_exports (user_id, status, progress, created_at, public_id) "
            "VALUES (?, 'failed', 0, ?, ?)",
            {id, t, "old-" + email});
        run("INSERT INTO user_profiles (user_id, gender, position, address, company, department, "
            "updated_at) VALUES (?, 'other', 'Engineer', '1 Main St', 'Acme', 'R&D', ?)",
            {id, t});
        run("INSERT INTO user_avatars (user_id, media_type, width, height, image, updated_at) "
            "VALUES (?, 'image/jpeg', 1, 1, ?, ?)",
            {id, storage::Blob{0xff, 0xd8, 0xff}, t});
        run("INSERT INTO guardian_requests (user_id, guardian_contact, channel, request_token, "
            "created_at, expires_at) VALUES (?, ?, 'email', ?, ?, ?)",
            {id, "guardian-" + email, "token-" + email, t, t + 7 * kDay});
        run("INSERT INTO guardian_consents (user_id, guardian_masked, guardian_hash, consent_id, "
            "confirmed_at) VALUES (?, 'g***@example.com', 'hash', 1, ?)",
            {id, t});
        run("INSERT INTO operators (user_id, granted_at, granted_by) VALUES (?, ?, 'cli')",
            {id, t});
        run("INSERT INTO subject_keys (user_id, key_bytes, created_at) VALUES (?, ?, ?)",
            {id, storage::Blob(32, static_cast<std::uint8_t>(id)), t});
        EXPECT_TRUE(audit.append(*c, {"operator:op", "privacy.profile.read", userRef(id), "{}"}));
        run("INSERT INTO privacy_requests (public_id, user_id, kind, channel, requester_contact, "
            "details, identity_verified, status, received_at, due_at, history) VALUES (?, ?, "
            "'access', 'web', ?, 'a copy please', 1, 'received', ?, ?, '[]')",
            {"req-" + email, id, email, t, t + 86400000});
        run("INSERT INTO enterprises (name, contact_name, contact_email, contact_phone, "
            "created_by, created_at, updated_at) VALUES (?, ?, ?, '+861012345678', ?, ?, ?)",
            {name + " Ltd", name, email, id, t, t});
        const auto enterprise = idOf("SELECT id FROM enterprises WHERE name = ?", {name + " Ltd"});
        run("INSERT INTO enterprise_members (enterprise_id, user_id, role, status, joined_at, "
            "updated_at) VALUES (?, ?, 'administrator', 'active', ?, ?)",
            {enterprise, id, t, t});
        run("INSERT INTO enterprise_invitations (enterprise_id, channel, target, status, "
            "created_at, expires_at) VALUES (?, 'email', ?, 'accepted', ?, ?)",
            {enterprise, email, t, t + kDay});
        run("INSERT INTO enterprise_cancellation_requests (enterprise_id, user_id, note, status, "
            "created_at) VALUES (?, ?, 'please close it', 'pending', ?)",
            {enterprise, id, t});
        const auto request =
            idOf("SELECT id FROM enterprise_cancellation_requests WHERE user_id = ?", {id});
        run("INSERT INTO enterprise_cancellation_events (request_id, status, actor_id, "
            "occurred_at) VALUES (?, 'pending', ?, ?)",
            {request, id, t});
        run("INSERT INTO meetings (meeting_id, creator_id, subject, kind, starts_at, "
            "duration_minutes, waiting_room, guests_allowed, status, created_at, updated_at) "
            "VALUES (?, ?, ?, 'scheduled', ?, 30, 0, 1, 'scheduled', ?, ?)",
            {meetingId, id, name + "'s weekly", t, t, t});
        const auto meeting = idOf("SELECT id FROM meetings WHERE meeting_id = ?", {meetingId});
        run("INSERT INTO meeting_attendance (meeting_id, user_id, display_name, joined_at) "
            "VALUES (?, ?, ?, ?)",
            {meeting, id, name, t});
        run("INSERT INTO meeting_attendance (meeting_id, display_name, joined_at) "
            "VALUES (?, 'A guest', ?)",
            {meeting, t});
        return id;
    }

    void attend(std::int64_t userId, const std::string& meetingId, const std::string& name) {
        const auto meeting = idOf("SELECT id FROM meetings WHERE meeting_id = ?", {meetingId});
        run("INSERT INTO meeting_attendance (meeting_id, user_id, display_name, joined_at) "
            "VALUES (?, ?, ?, 1767225600000)",
            {meeting, userId, name});
    }

    std::int64_t rowsOf(const domain::privacy::SubjectPath& path, std::int64_t userId) {
        auto subject = loadSubject(*c, userId);
        return countSubjectRows(*c, path, subject.value()).valueOr(-1);
    }

    std::string exportOf(std::int64_t userId) {
        auto requested = exports->request(*c, userId);
        EXPECT_TRUE(requested) << requested.error().message;
        pool->waitIdle();
        auto view = exports->find(*c, userId, requested->publicId);
        EXPECT_EQ(view->status, "ready") << view->error.value_or("");
        auto archive = exports->download(*c, userId, requested->publicId);
        EXPECT_TRUE(archive) << archive.error().message;
        return archive ? *archive : std::string{};
    }

    common::FakeClock clock{std::chrono::system_clock::time_point{
        std::chrono::milliseconds{1767312000000}}};  // 2026-01-02
    AuditLog audit{clock};
    std::optional<Pseudonymiser> pseudonyms;
    std::unique_ptr<storage::Connection> c;
    std::unique_ptr<storage::DbPool> pool;
    std::unique_ptr<DataExports> exports;
    std::unique_ptr<AccountCancellation> cancellation;
    std::int64_t alice = 0;
    std::int64_t bob = 0;
};

}  // namespace vp::services::privacy::fixtures
