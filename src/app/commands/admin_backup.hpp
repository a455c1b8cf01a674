#pragma once
// videopro admin tasks of backups (R-PRIV-7):
//   admin backup [--out DIR]            an encrypted backup into DIR (<data.dir>/backups)
//   admin backup --prune [--out DIR]    remove the backups of DIR older than 30 days
//   admin restore FILE --into URL       load a backup into an empty database
#include <span>
#include <string>

namespace vp::app::commands {

// `args` follow "backup" / "restore"; exit codes 0 ok, 1 refused or failed, 2 usage.
int adminBackup(std::span<const std::string> args);
int adminRestore(std::span<const std::string> args);

}  // namespace vp::app::commands
