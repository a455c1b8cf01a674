#include "domain/privacy/backup_files.hpp"

#include <cstdio>
#include <ctime>

namespace vp::domain::privacy {
namespace {

constexpr std::string_view kPrefix = "videopro-backup-";
constexpr std::string_view kSuffix = ".vpbak";
constexpr std::size_t kStampLength = 16;  // YYYYMMDDTHHMMSSZ

bool allDigits(std::string_view s) {
    for (char ch : s) {
        if (ch < '0' || ch > '9') {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string backupFileName(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    return std::string(kPrefix) + stamp + std::string(kSuffix);
}

std::optional<std::chrono::system_clock::time_point> backupFileTime(std::string_view name) {
    if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix) ||
        name.size() != kPrefix.size() + kStampLength + kSuffix.size()) {
        return std::nullopt;
    }
    const auto stamp = name.substr(kPrefix.size(), kStampLength);
    if (!allDigits(stamp.substr(0, 8)) || stamp[8] != 'T' || !allDigits(stamp.substr(9, 6)) ||
        stamp[15] != 'Z') {
        return std::nullopt;
    }
    const auto number = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            v = v * 10 + (stamp[i] - '0');
        }
        return v;
    };
    std::tm utc{};
    utc.tm_year = number(0, 4) - 1900;
    utc.tm_mon = number(4, 2) - 1;
    utc.tm_mday = number(6, 2);
    utc.tm_hour = number(9, 2);
    utc.tm_min = number(11, 2);
    utc.tm_sec = number(13, 2);
    // Years a system_clock time point holds (nanoseconds overflow in 2262).
    if (utc.tm_year < 70 || utc.tm_year > 2200 - 1900 || utc.tm_mon > 11 || utc.tm_mday < 1 ||
        utc.tm_mday > 31 || utc.tm_hour > 23 || utc.tm_min > 59 || utc.tm_sec > 60) {
        return std::nullopt;
    }
    return std::chrono::system_clock::from_time_t(timegm(&utc));
}

std::vector<std::string> expiredBackups(const std::vector<std::string>& names,
                                        std::chrono::system_clock::time_point now) {
    std::vector<std::string> expired;
    for (const auto& name : names) {
        const auto at = backupFileTime(name);
        if (at && now - *at > kBackupMaxAge) {
            expired.push_back(name);
        }
    }
    return expired;
}

}  // namespace vp::domain::privacy
