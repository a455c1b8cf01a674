// "Download my data" and account cancellation on both backends, checked against the
// data map: a fixture user has rows in every linkable table (a new table on a subject
// path fails here until the fixture gives it rows), the export holds every one of
// them in its category's file, and cancellation leaves none except what the
// cancellation rules keep, while another user's data is untouched.
#include <gtest/gtest.h>
#include <unzip.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/privacy/account_cancellation.hpp"
#include "services/privacy/data_exports.hpp"
#include "services/privacy/subject_rows.hpp"
#include "storage/db_pool.hpp"
#include "test_database.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::OnCancellation;
using domain::privacy::SubjectKey;
using domain::privacy::videoproDataMap;
using domain::privacy::videoproSubjectPaths;
using storage::testing::BackendTest;

constexpr std::int64_t kDay = 86400000;

// Every file of a ZIP archive (read back with minizip's unzip through a temp file).
std::map<std::string, std::string> unzipAll(const std::string& bytes) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("vp-export-" + std::to_string(::getpid()) + ".zip");
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::map<std::string, std::string> files;
    unzFile zip = unzOpen64(path.c_str());
    EXPECT_NE(zip, nullptr);
    for (int r = zip ? unzGoToFirstFile(zip) : UNZ_END_OF_LIST_OF_FILE; r == UNZ_OK;
         r = unzGoToNextFile(zip)) {
        char name[256];
        unz_file_info64 info{};
        unzGetCurrentFileInfo64(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0);
        std::string content(info.uncompressed_size, '\0');
        unzOpenCurrentFile(zip);
        unzReadCurrentFile(zip, content.data(), static_cast<unsigned>(content.size()));
        unzCloseCurrentFile(zip);
        files[name] = std::move(content);
    }
    if (zip) {
        unzClose(zip);
    }
    std::filesystem::remove(path);
    return files;
}

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

TEST_P(PrivacyDataTest, TheFixtureHasRowsInEveryLinkableTable) {
    for (const auto& path : videoproSubjectPaths()) {
        if (path.key != SubjectKey::NotLinkable) {
            EXPECT_GT(rowsOf(path, alice), 0)
                << path.table << " is on a subject path but the fixture user has no rows there; "
                << "add some to givenUserWithDataEverywhere()";
        }
    }
}

TEST_P(PrivacyDataTest, TheExportHoldsEveryRowOfTheUserInItsCategoryFile) {
    std::map<std::string, std::size_t> before;
    for (const auto& path : videoproSubjectPaths()) {
        if (path.key != SubjectKey::NotLinkable) {
            before[path.table] = static_cast<std::size_t>(rowsOf(path, alice));
        }
    }
    // The export's own row is there while the archive is built; its audit entry
    // comes after.
    before["data_exports"] += 1;
    const auto files = unzipAll(exportOf(alice));
    ASSERT_TRUE(files.contains("index.html"));
    EXPECT_NE(files.at("index.html").find("account identifier"), std::string::npos);
    // category -> table -> rows, from the archive's JSON files
    std::map<std::string, std::map<std::string, std::size_t>> found;
    for (const auto& [name, content] : files) {
        if (!name.ends_with(".json")) {
            continue;
        }
        const auto doc = boost::json::parse(content).as_object();
        for (const auto& t : doc.at("tables").as_array()) {
            found[std::string(doc.at("category").as_string())]
                 [std::string(t.at("table").as_string())] = t.at("rows").as_array().size();
        }
    }
    const auto& map = videoproDataMap();
    for (const auto& path : videoproSubjectPaths()) {
        if (path.key == SubjectKey::NotLinkable) {
            continue;
        }
        const auto expected = before[path.table];
        for (const auto& column : map.table(path.table)->columns) {
            if (column.isPersonal()) {
                EXPECT_EQ(found[column.personal->category][path.table], expected)
                    << path.table << "." << column.column << " in " << column.personal->category;
            }
        }
    }
    // Nothing of Bob's, no password hash.
    for (const auto& [name, content] : files) {
        EXPECT_EQ(content.find("bob@example.com"), std::string::npos) << name;
        EXPECT_EQ(content.find("Bob Builder"), std::string::npos) << name;
        EXPECT_EQ(content.find("$argon2id$secret"), std::string::npos) << name;
    }
}

TEST_P(PrivacyDataTest, ExportsAreTheOwnersOnlyAndExpireAfterFiveDays) {
    auto requested = exports->request(*c, alice);
    ASSERT_TRUE(requested);
    EXPECT_EQ(exports->request(*c, alice).error().code, "export_in_progress");
    pool->waitIdle();
    EXPECT_EQ(exports->download(*c, bob, requested->publicId).error().code, "not_found");
    EXPECT_EQ(exports->find(*c, bob, requested->publicId).error().code, "not_found");
    ASSERT_TRUE(exports->download(*c, alice, requested->publicId));
    auto entries = audit.entries(*c).value();
    EXPECT_EQ(entries[entries.size() - 2].action, "privacy.export.completed");
    EXPECT_EQ(entries.back().action, "privacy.export.downloaded");
    EXPECT_EQ(entries.back().subject, userRef(alice));

    clock.advance(std::chrono::hours{5 * 24 - 1});
    EXPECT_TRUE(exports->download(*c, alice, requested->publicId));
    EXPECT_EQ(exports->purgeExpired(*c).value(), 2);  // the fixture's two old failed ones
    clock.advance(std::chrono::hours{1});
    EXPECT_EQ(exports->download(*c, alice, requested->publicId).error().code, "not_found");
    EXPECT_EQ(exports->purgeExpired(*c).value(), 1);
    EXPECT_EQ(exports->purgeExpired(*c).value(), 0);
    EXPECT_TRUE(exports->list(*c, alice).value().empty());
}

TEST_P(PrivacyDataTest, CancellationLeavesNothingButWhatTheRulesKeep) {
    auto report = cancellation->cancel(*c, {alice, userRef(alice), "self-service"});
    ASSERT_TRUE(report) << report.error().message;
    for (const auto& outcome : report->tables) {
        if (outcome.action == OnCancellation::Keep) {
            EXPECT_GT(outcome.remaining, 0) << outcome.table;
        } else {
            EXPECT_EQ(outcome.remaining, 0) << outcome.table;
            EXPECT_GT(outcome.affected, 0) << outcome.table;
        }
    }
    EXPECT_EQ(idOf("SELECT COUNT(*) FROM users WHERE email = 'alice@example.com'", {}), 0);
    EXPECT_EQ(idOf("SELECT COUNT(*) FROM meetings WHERE meeting_id = '100000001'", {}), 0);
    EXPECT_EQ(
        idOf("SELECT COUNT(*) FROM outbox_messages WHERE recipient = 'alice@example.com'", {}), 0);
    // Her stay in Bob's meeting remains for Bob, under a keyed pseudonym.
    auto stays = c->query(
        "SELECT a.display_name FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id "
        "WHERE m.meeting_id = '100000002' AND a.user_id IS NULL AND a.display_name <> 'A guest'");
    ASSERT_TRUE(stays);
    ASSERT_EQ(stays->size(), 1U);
    const auto pseudonym = storage::getText(stays->front(), 0).value();
    EXPECT_TRUE(pseudonym.starts_with("anon-")) << pseudonym;
    EXPECT_EQ(pseudonym, pseudonyms->pseudonym("user", userRef(alice)));

    // Bob keeps everything, including Alice's... no: his stay in her meeting went with it.
    for (const auto& path : videoproSubjectPaths()) {
        if (path.key != SubjectKey::NotLinkable && path.table != "meeting_attendance") {
            EXPECT_GT(rowsOf(path, bob), 0) << path.table;
        }
    }
    EXPECT_EQ(idOf("SELECT COUNT(*) FROM meeting_attendance WHERE user_id = ?", {bob}), 1);

    const auto entries = audit.entries(*c).value();
    EXPECT_EQ(entries.back().action, "privacy.account.cancelled");
    EXPECT_EQ(entries.back().subject, userRef(alice));
    EXPECT_FALSE(audit.verify(*c).value().has_value());
    EXPECT_EQ(cancellation->cancel(*c, {alice, "user:1", ""}).error().code, "not_found");
}

TEST_P(PrivacyDataTest, ATooLongReasonIsRefusedAndNothingChanges) {
    auto refused = cancellation->cancel(*c, {alice, "operator:op", std::string(501, 'x')});
    EXPECT_EQ(refused.error().code, "bad_request");
    EXPECT_EQ(idOf("SELECT COUNT(*) FROM users WHERE id = ?", {alice}), 1);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(PrivacyDataTest);

}  // namespace
}  // namespace vp::services::privacy
