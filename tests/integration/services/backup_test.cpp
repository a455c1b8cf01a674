// Backups (R-PRIV-7) on both backends, on the privacy fixture with rows in every table:
// a restore into a fresh database gives the same rows; after a cancellation, the older
// backup restores none of the cancelled account's personal data (crypto-shredding) and
// all of the others'; an edited or truncated file is refused; the file holds no
// plaintext; pruning removes exactly the backups older than 30 days.
#include <filesystem>
#include <fstream>
#include <map>

#include "domain/privacy/backup_files.hpp"
#include "domain/privacy/backup_plan.hpp"
#include "privacy_data_fixture.hpp"
#include "services/privacy/account_keys.hpp"
#include "services/privacy/backup_retention.hpp"
#include "services/privacy/database_restore.hpp"
#include "storage/schema_catalog.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::OnCancellation;
using domain::privacy::videoproDataMap;
using domain::privacy::videoproSubjectPaths;
using fixtures::PrivacyDataTest;
using storage::testing::TestDatabase;

using TableRows = std::map<std::string, std::vector<storage::Row>>;

std::string readBytes(const std::string& path) {
    std::string bytes(static_cast<std::size_t>(std::filesystem::file_size(path)), '\0');
    std::ifstream(path, std::ios::binary)
        .read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return bytes;
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

class BackupTest : public PrivacyDataTest {
  protected:
    void SetUp() override {
        PrivacyDataTest::SetUp();
        static int counter = 0;
        dir = (std::filesystem::temp_directory_path() /
               ("vp-backup-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter)))
                  .string();
        key.fill(7);
        givenRowsInTheOtherTables();
    }
    void TearDown() override {
        std::filesystem::remove_all(dir);
        PrivacyDataTest::TearDown();
    }

    // The tables no account is linked to, and a meeting session in each meeting.
    void givenRowsInTheOtherTables() {
        run("INSERT INTO network_operation_log (occurred_at, method, route, status, latency_us, "
            "client_ip) VALUES (1767225600000, 'GET', '/api/v1/me', 200, 50, '192.0.2.7')",
            {});
        run("INSERT INTO policy_versions (version, text, effective_at, material, published_at, "
            "published_by) VALUES (1, '# Policy', 1767225600000, 1, 1767225600000, 'operator:op')",
            {});
        run("INSERT INTO attempt_failures (scope, key_hash, failed_at) VALUES ('ip', 'h', 1)", {});
        run("INSERT INTO privacy_recipients (name, contact, purpose, categories, legal_basis, "
            "added_at, added_by) VALUES ('Mailer', 'dpo@mailer.example', 'email', 'contact "
            "data', 'contract', 1, 'operator:op')",
            {});
        run("INSERT INTO security_incidents (summary, categories, started_at, ended_at, measures, "
            "advice, recorded_at, recorded_by, notified, published) VALUES ('leak', 'contact "
            "data', 1, 2, 'fixed', 'none', 3, 'operator:op', 0, 1)",
            {});
        run("INSERT INTO meeting_sessions (meeting_id, started_at) SELECT id, 1767225600000 "
            "FROM meetings",
            {});
        run("UPDATE meeting_attendance SET session_id = (SELECT s.id FROM meeting_sessions s "
            "WHERE s.meeting_id = meeting_attendance.meeting_id)",
            {});
    }

    BackupRules rules() const {
        return {videoproDataMap(), videoproSubjectPaths(),
                domain::privacy::videoproCancellationRules()};
    }

    BackupReport backup() {
        DatabaseBackup writer(rules(), *pseudonyms, audit, clock);
        auto report = writer.write(*c, dir, key, {}, "operator:test");
        EXPECT_TRUE(report) << report.error().message;
        return report ? *report : BackupReport{};
    }

    // A new, migrated database of the same backend.
    std::unique_ptr<TestDatabase> freshDatabase() {
        auto db = TestDatabase::create(GetParam());
        EXPECT_TRUE(db) << db.error().message;
        EXPECT_TRUE((*db)->database().migrate(clock));
        return std::move(*db);
    }

    common::Result<RestoreReport> restore(const std::string& file, TestDatabase& target) {
        auto into = target.database().connect();
        EXPECT_TRUE(into);
        DatabaseRestore restorer(rules(), audit, clock);
        return restorer.restore(*c, file, key, **into, {}, "operator:test");
    }

    // Every row of every table a backup holds, in a fixed order.
    static TableRows allRows(storage::Connection& conn) {
        TableRows out;
        auto tables = storage::listTablesInCreationOrder(conn);
        if (!tables) {
            ADD_FAILURE() << tables.error().message;
            return out;
        }
        for (const auto& t : *tables) {
            if (domain::privacy::excludedFromBackup(t.table)) {
                continue;
            }
            std::string sql = "SELECT * FROM " + t.table + " ORDER BY ";
            for (std::size_t i = 0; i < t.columns.size(); ++i) {
                sql += (i ? ", " : "") + std::to_string(i + 1);
            }
            out[t.table] = conn.query(sql).value();
        }
        return out;
    }

    static bool holdsText(const TableRows& rows, const std::string& text) {
        for (const auto& [table, list] : rows) {
            for (const auto& row : list) {
                for (const auto& cell : row) {
                    const auto* s = std::get_if<std::string>(&cell);
                    if (s != nullptr && s->find(text) != std::string::npos) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    std::string dir;
    std::array<std::uint8_t, 32> key{};
};

TEST_P(BackupTest, ARestoreIntoAFreshDatabaseGivesTheSameRows) {
    const auto before = allRows(*c);
    for (const auto& [table, rows] : before) {
        EXPECT_FALSE(rows.empty()) << table << " has no rows in the fixture";
    }
    const auto report = backup();
    EXPECT_TRUE(std::filesystem::exists(report.path));
    EXPECT_EQ(std::filesystem::path(report.path).filename().string(),
              domain::privacy::backupFileName(clock.now()));
    EXPECT_EQ(report.tables.size(), before.size());
    for (const auto& t : report.tables) {
        if (t.table == "users" || t.table == "sessions") {
            EXPECT_EQ(t.sealedRows, 2) << t.table;
        }
    }
    auto target = freshDatabase();
    auto restored = restore(report.path, *target);
    ASSERT_TRUE(restored) << restored.error().message;
    EXPECT_EQ(restored->keysCopied, 2);
    auto into = target->database().connect().value();
    const auto after = allRows(*into);
    for (const auto& [table, rows] : before) {
        EXPECT_EQ(after.at(table), rows) << table;
    }
    EXPECT_EQ(loadAccountKeys(*into).value(), loadAccountKeys(*c).value());
    // New rows get identities after the restored ones (PostgreSQL sequences moved on).
    EXPECT_TRUE(
        into->execute("INSERT INTO users (email, birth_year, birth_month, status, "
                      "created_at) VALUES ('carol@example.com', 1990, 1, 'active', 1)"));
    EXPECT_FALSE(
        into->query("SELECT id FROM users WHERE email = 'carol@example.com'").value().empty());
    // Restoring again into the same, now filled, database is refused.
    EXPECT_EQ(restore(report.path, *target).error().code, "restore.target_not_empty");
    const auto entries = audit.entries(*c).value();
    EXPECT_EQ(entries[entries.size() - 2].action, "privacy.backup.written");
    EXPECT_EQ(entries.back().action, "privacy.backup.restored");
}

TEST_P(BackupTest, AfterACancellationTheOlderBackupRestoresNoneOfThatAccountsData) {
    const auto report = backup();
    ASSERT_TRUE(cancellation->cancel(*c, {alice, userRef(alice), "self-service"}));
    EXPECT_FALSE(loadAccountKeys(*c).value().contains(alice));

    auto target = freshDatabase();
    auto restored = restore(report.path, *target);
    ASSERT_TRUE(restored) << restored.error().message;
    auto into = target->database().connect().value();
    const auto after = allRows(*into);
    EXPECT_FALSE(holdsText(after, "alice@example.com"));
    EXPECT_FALSE(holdsText(after, "Alice Liddell"));
    EXPECT_TRUE(holdsText(after, "bob@example.com"));
    EXPECT_TRUE(holdsText(after, "Bob Builder"));
    auto bobInTarget = loadSubject(*into, bob).value();
    for (const auto& step :
         domain::privacy::cancellationPlan(videoproDataMap(), videoproSubjectPaths(),
                                           domain::privacy::videoproCancellationRules())) {
        const Subject aliceThen{alice, std::string("alice@example.com"), std::nullopt};
        const auto left = countSubjectRows(*into, step.path, aliceThen).value();
        if (step.rule.action == OnCancellation::Keep) {
            EXPECT_GT(left, 0) << step.path.table << " is kept, as in the live database";
        } else {
            EXPECT_EQ(left, 0) << step.path.table;
        }
        if (step.path.table != "meeting_attendance") {
            EXPECT_GT(countSubjectRows(*into, step.path, bobInTarget).value(), 0)
                << step.path.table;
        }
    }
    // Her stay in Bob's meeting is there for Bob, under the pseudonym cancellation gives.
    auto stays = into->query(
        "SELECT a.display_name, a.session_id FROM meeting_attendance a JOIN meetings m ON "
        "m.id = a.meeting_id WHERE m.meeting_id = '100000002' AND a.user_id IS NULL AND "
        "a.display_name <> 'A guest'");
    ASSERT_EQ(stays.value().size(), 1U);
    EXPECT_EQ(storage::getText(stays->front(), 0).value(),
              pseudonyms->pseudonym("user", userRef(alice)));
    EXPECT_FALSE(storage::isNull(stays->front()[1]));
    // Her meeting went with its sessions and the stays in it (as ON DELETE CASCADE does).
    EXPECT_EQ(into->query("SELECT id FROM meetings WHERE meeting_id = '100000001'")->size(), 0U);
    EXPECT_EQ(after.at("meeting_sessions").size(), 1U);
    std::int64_t withheld = 0;
    std::int64_t anonymised = 0;
    for (const auto& t : restored->tables) {
        withheld += t.withheld;
        anonymised += t.anonymised;
    }
    EXPECT_GT(withheld, 10);
    EXPECT_EQ(anonymised, 1);
    EXPECT_EQ(restored->keysCopied, 1);
}

TEST_P(BackupTest, AKeyReplacedUnderAReusedAccountNumberCountsAsDestroyed) {
    const auto report = backup();
    ASSERT_TRUE(c->execute("DELETE FROM subject_keys WHERE user_id = ?", {alice}));
    AccountKey other{};
    other.fill(9);
    ASSERT_TRUE(storeAccountKey(*c, alice, other, clock));
    auto target = freshDatabase();
    auto restored = restore(report.path, *target);
    ASSERT_TRUE(restored) << restored.error().message;
    auto into = target->database().connect().value();
    EXPECT_FALSE(holdsText(allRows(*into), "alice@example.com"));
    EXPECT_TRUE(holdsText(allRows(*into), "bob@example.com"));
}

TEST_P(BackupTest, AnEditedOrTruncatedBackupIsRefusedAndNothingIsLoaded) {
    const auto file = backup().path;
    const auto bytes = readBytes(file);
    // Offsets of the chunks: magic (8), header (24), then length-prefixed chunks.
    std::vector<std::size_t> chunks;
    for (std::size_t at = 32; at + 4 <= bytes.size();) {
        chunks.push_back(at);
        const auto b = [&](std::size_t i) { return static_cast<std::uint8_t>(bytes[at + i]); };
        at += 4 + ((std::size_t{b(0)} << 24) | (b(1) << 16) | (b(2) << 8) | b(3));
    }
    ASSERT_GE(chunks.size(), 2U);
    const std::string damaged = dir + "/damaged.vpbak";
    const auto refused = [&](const std::string& content) {
        writeBytes(damaged, content);
        auto target = freshDatabase();
        auto result = restore(damaged, *target);
        auto into = target->database().connect().value();
        EXPECT_EQ(into->query("SELECT COUNT(*) FROM users")->front()[0],
                  storage::SqlValue{std::int64_t{0}});
        return result ? std::string("restored") : result.error().code;
    };
    std::string edited = bytes;
    edited[bytes.size() / 2] = static_cast<char>(edited[bytes.size() / 2] ^ 0x01);
    EXPECT_EQ(refused(edited), "backup.corrupt");
    EXPECT_EQ(refused(bytes.substr(0, bytes.size() / 2)), "backup.truncated");
    EXPECT_EQ(refused(bytes.substr(0, chunks.back())), "backup.truncated");  // at a boundary
    EXPECT_EQ(refused(bytes.substr(0, bytes.size() - 1)), "backup.truncated");
    EXPECT_EQ(refused(bytes + "x"), "backup.corrupt");
    EXPECT_EQ(refused("not a backup at all"), "backup.not_a_backup");
    key.fill(8);
    EXPECT_EQ(refused(bytes), "backup.corrupt");
}

TEST_P(BackupTest, ABackupOfANewerSchemaIsRefused) {
    const auto report = backup();
    auto target = freshDatabase();
    auto into = target->database().connect().value();
    ASSERT_TRUE(into->execute("DELETE FROM schema_migrations WHERE version = ?",
                              {std::int64_t{report.schemaVersion}}));
    EXPECT_EQ(restore(report.path, *target).error().code, "restore.newer_schema");
}

TEST_P(BackupTest, TheFileHoldsNoPlaintext) {
    const auto path = backup().path;
    const auto bytes = readBytes(path);
    for (const std::string text :
         {"alice@example.com", "Alice Liddell", "bob@example.com", "192.0.2.7", "users"}) {
        EXPECT_EQ(bytes.find(text), std::string::npos) << text;
    }
    EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST_P(BackupTest, PruningRemovesExactlyTheBackupsOlderThanThirtyDays) {
    const auto first = backup().path;
    clock.advance(std::chrono::hours{24});
    const auto second = backup().path;
    writeBytes(dir + "/notes.txt", "kept");
    writeBytes(dir + "/videopro-backup-20000101T000000Z.vpbak.part", "kept");
    BackupRetention retention(audit, clock);
    clock.advance(std::chrono::hours{29 * 24});  // the first is exactly 30 days old
    EXPECT_TRUE(retention.prune(*c, dir, "system").value().empty());
    clock.advance(std::chrono::seconds{1});
    const auto removed = retention.prune(*c, dir, "system").value();
    ASSERT_EQ(removed.size(), 1U);
    EXPECT_EQ(removed[0], std::filesystem::path(first).filename().string());
    EXPECT_FALSE(std::filesystem::exists(first));
    EXPECT_TRUE(std::filesystem::exists(second));
    EXPECT_TRUE(std::filesystem::exists(dir + "/notes.txt"));
    EXPECT_TRUE(std::filesystem::exists(dir + "/videopro-backup-20000101T000000Z.vpbak.part"));
    EXPECT_EQ(audit.entries(*c).value().back().action, "privacy.backup.pruned");
    clock.advance(std::chrono::hours{24});
    EXPECT_EQ(retention.prune(*c, dir, "system").value().size(), 1U);
    EXPECT_TRUE(retention.prune(*c, dir, "system").value().empty());
    EXPECT_FALSE(audit.verify(*c).value().has_value());
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(BackupTest);

}  // namespace
}  // namespace vp::services::privacy
