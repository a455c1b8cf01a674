#include "domain/privacy/backup_files.hpp"

#include <gtest/gtest.h>

namespace vp::domain::privacy {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

const system_clock::time_point kJan2 = system_clock::time_point{seconds{1767312000}};

TEST(BackupFilesTest, TheNameCarriesTheUtcTimeToTheSecond) {
    const auto at = kJan2 + std::chrono::hours{3} + std::chrono::minutes{4} + seconds{5};
    EXPECT_EQ(backupFileName(at), "videopro-backup-20260102T030405Z.vpbak");
    EXPECT_EQ(backupFileTime(backupFileName(at)), at);
}

TEST(BackupFilesTest, OtherNamesHaveNoTime) {
    for (const char* name :
         {"videopro-backup-20260102T030405Z.vpbak.part", "notes.txt", "videopro.db",
          "videopro-backup-2026010xT030405Z.vpbak", "videopro-backup-20261302T030405Z.vpbak",
          "videopro-backup-20260102T030405.vpbak", "videopro-backup-20260102T250405Z.vpbak",
          "videopro-backup-29990101T000000Z.vpbak", "videopro-backup-19600101T000000Z.vpbak"}) {
        EXPECT_FALSE(backupFileTime(name).has_value()) << name;
    }
}

TEST(BackupFilesTest, ExactlyTheBackupsOlderThanThirtyDaysExpire) {
    const auto now = kJan2 + std::chrono::days{40};
    const std::vector<std::string> names{
        backupFileName(now - std::chrono::days{30}),               // exactly 30 days: kept
        backupFileName(now - std::chrono::days{30} - seconds{1}),  // older: removed
        backupFileName(now - std::chrono::days{1}),
        backupFileName(now - std::chrono::days{39}),
        "notes.txt",
    };
    EXPECT_EQ(expiredBackups(names, now), (std::vector<std::string>{names[1], names[3]}));
}

}  // namespace
}  // namespace vp::domain::privacy
