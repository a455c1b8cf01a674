#pragma once
// Backup file names and their age (R-PRIV-7: backups are kept 30 days). The time in
// the name (UTC, to the second) is the backup's age, so that pruning does not depend
// on file times a copy may have changed.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vp::domain::privacy {

inline constexpr std::chrono::days kBackupMaxAge{30};

// "videopro-backup-20260102T030405Z.vpbak"
std::string backupFileName(std::chrono::system_clock::time_point t);
// The time of a name made by backupFileName; nullopt for any other name.
std::optional<std::chrono::system_clock::time_point> backupFileTime(std::string_view name);

// The names among `names` that are backups older than kBackupMaxAge at `now`; other
// files are never chosen.
std::vector<std::string> expiredBackups(const std::vector<std::string>& names,
                                        std::chrono::system_clock::time_point now);

}  // namespace vp::domain::privacy
