#include "services/privacy/backup_retention.hpp"

#include <algorithm>
#include <filesystem>

#include "common/json_escape.hpp"
#include "domain/privacy/backup_files.hpp"

namespace vp::services::privacy {

common::Result<std::vector<std::string>> BackupRetention::prune(storage::Connection& c,
                                                                const std::string& dir,
                                                                const std::string& actor) const {
    std::error_code ec;
    std::vector<std::string> names;
    if (!std::filesystem::is_directory(dir, ec)) {
        return names;
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.is_regular_file(ec)) {
            names.push_back(entry.path().filename().string());
        }
    }
    if (ec) {
        return common::makeError("backup.io", "cannot list the backup directory " + dir);
    }
    auto expired = domain::privacy::expiredBackups(names, clock_.now());
    std::sort(expired.begin(), expired.end());
    std::string list;
    for (const auto& name : expired) {
        if (!std::filesystem::remove(std::filesystem::path(dir) / name, ec) || ec) {
            return common::makeError("backup.io", "cannot remove the old backup " + name);
        }
        list += (list.empty() ? "" : ",") + common::jsonString(name);
    }
    if (!expired.empty()) {
        auto audited = audit_.append(
            c, {actor, "privacy.backup.pruned", "backups", "{\"removed\":[" + list + "]}"});
        if (!audited) {
            return audited.error();
        }
    }
    return expired;
}

}  // namespace vp::services::privacy
