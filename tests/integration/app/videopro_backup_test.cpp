// `videopro admin backup` and `videopro admin restore` as an operator runs them on the
// real binary, on both backends: a backup with progress, a cancellation, the restore of
// the older backup into a new database without the cancelled account, refusals of a
// damaged file and of a database that is not empty, --prune, and the server's daily task.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "app/process.hpp"
#include "storage/test_database.hpp"

namespace vp::app::testing {
namespace {

using storage::testing::BackendTest;
using storage::testing::TestDatabase;

class VideoproBackupTest : public BackendTest {
  protected:
    void SetUp() override {
        BackendTest::SetUp();
        live = migratedConnection();
        ASSERT_NE(live, nullptr);
        for (const char* email : {"ann@example.com", "ben@example.com"}) {
            ASSERT_TRUE(
                live->execute("INSERT INTO users (email, display_name, birth_year, "
                              "birth_month, status, created_at) VALUES (?, ?, 1990, 1, "
                              "'active', 1)",
                              {std::string(email), std::string(email).substr(0, 3)}));
        }
    }

    // Runs `videopro admin <args>` on the test's database and data folder.
    int admin(std::vector<std::string> args, std::string* out = nullptr) {
        args.insert(args.begin(), "admin");
        for (const auto& option : {std::string("--database"), testDatabase().url(),
                                   std::string("--data-dir"), dir.path}) {
            args.push_back(option);
        }
        Process p(args);
        const int code = p.wait().value_or(-1);
        if (out != nullptr) {
            *out = p.stdoutText() + p.stderrText();
        }
        return code;
    }

    std::vector<std::string> backups() const {
        std::vector<std::string> files;
        for (const auto& e : std::filesystem::directory_iterator(dir.path + "/backups")) {
            files.push_back(e.path().string());
        }
        return files;
    }

    TempDir dir;
    std::unique_ptr<storage::Connection> live;
};

TEST_P(VideoproBackupTest, BacksUpCancelsAndRestoresWithoutTheCancelledAccount) {
    std::string out;
    ASSERT_EQ(admin({"backup"}, &out), 0) << out;
    EXPECT_NE(out.find("1/"), std::string::npos) << out;
    EXPECT_NE(out.find("tables  users"), std::string::npos) << out;
    ASSERT_EQ(backups().size(), 1U);
    const auto file = backups().front();
    EXPECT_EQ(std::filesystem::status(dir.path + "/keys/backup.key").permissions(),
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    ASSERT_EQ(admin({"account", "cancel", "--user", "1", "--reason", "by email"}, &out), 0) << out;

    auto target = TestDatabase::create(GetParam());
    ASSERT_TRUE(target);
    ASSERT_EQ(admin({"restore", file, "--into", (*target)->url()}, &out), 0) << out;
    EXPECT_NE(out.find("withheld"), std::string::npos) << out;
    auto restored = (*target)->database().connect();
    ASSERT_TRUE(restored);
    auto emails = (*restored)->query("SELECT email FROM users ORDER BY id");
    ASSERT_TRUE(emails);
    ASSERT_EQ(emails->size(), 1U);
    EXPECT_EQ(storage::getText(emails->front(), 0).valueOr(""), "ben@example.com");

    // Not into a database with data, not without --into, not a damaged file.
    EXPECT_EQ(admin({"restore", file, "--into", (*target)->url()}, &out), 1);
    EXPECT_NE(out.find("not empty"), std::string::npos) << out;
    EXPECT_EQ(admin({"restore", file}, &out), 2);
    EXPECT_NE(out.find("--into"), std::string::npos) << out;
    const auto size = std::filesystem::file_size(file);
    std::filesystem::resize_file(file, size - 10);
    auto other = TestDatabase::create(GetParam());
    ASSERT_TRUE(other);
    EXPECT_EQ(admin({"restore", file, "--into", (*other)->url()}, &out), 1);
    EXPECT_NE(out.find("truncated"), std::string::npos) << out;

    ASSERT_EQ(admin({"audit", "verify"}, &out), 0) << out;
}

TEST_P(VideoproBackupTest, PruneRemovesOnlyBackupsOlderThanThirtyDays) {
    std::string out;
    ASSERT_EQ(admin({"backup", "--out", dir.path + "/elsewhere"}, &out), 0) << out;
    const std::string old = dir.path + "/elsewhere/videopro-backup-20000101T000000Z.vpbak";
    std::ofstream(old) << "old";
    std::ofstream(dir.path + "/elsewhere/notes.txt") << "kept";
    ASSERT_EQ(admin({"backup", "--prune", "--out", dir.path + "/elsewhere"}, &out), 0) << out;
    EXPECT_NE(out.find("Removed videopro-backup-20000101T000000Z.vpbak"), std::string::npos) << out;
    EXPECT_NE(out.find("1 backup(s)"), std::string::npos) << out;
    EXPECT_FALSE(std::filesystem::exists(old));
    EXPECT_TRUE(std::filesystem::exists(dir.path + "/elsewhere/notes.txt"));
    std::size_t left = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path + "/elsewhere")) {
        left += e.path().extension() == ".vpbak" ? 1U : 0U;
    }
    EXPECT_EQ(left, 1U);
    EXPECT_EQ(admin({"backup", "extra"}, &out), 2);
}

TEST_P(VideoproBackupTest, TheServersDailyTaskRemovesOldBackups) {
    std::filesystem::create_directories(dir.path + "/backups");
    std::filesystem::create_directories(dir.path + "/web");
    std::ofstream(dir.path + "/web/index.html") << "<!doctype html>";
    const std::string old = dir.path + "/backups/videopro-backup-20000101T000000Z.vpbak";
    const std::string future = dir.path + "/backups/videopro-backup-21000101T000000Z.vpbak";
    std::ofstream(old) << "old";
    std::ofstream(future) << "kept";
    Process server({"serve", "--http-port", "0", "--media-port", "0", "--data-dir", dir.path,
                    "--web-root", dir.path + "/web", "--ready-file", dir.path + "/ready.json",
                    "--database", testDatabase().url()});
    EXPECT_TRUE(storage::testing::waitUntil([&] { return !std::filesystem::exists(old); }))
        << server.stderrText();
    EXPECT_TRUE(std::filesystem::exists(future));
    server.signal(SIGTERM);
    EXPECT_TRUE(server.wait().has_value());
    auto rows = live->query("SELECT actor FROM audit_log WHERE action = 'privacy.backup.pruned'");
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 1U);
    EXPECT_EQ(storage::getText(rows->front(), 0).valueOr(""), "system");
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(VideoproBackupTest);

}  // namespace
}  // namespace vp::app::testing
