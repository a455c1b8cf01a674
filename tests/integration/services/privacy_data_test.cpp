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

#include "privacy_data_fixture.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::OnCancellation;
using domain::privacy::SubjectKey;
using domain::privacy::videoproDataMap;
using domain::privacy::videoproSubjectPaths;
using fixtures::PrivacyDataTest;

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
