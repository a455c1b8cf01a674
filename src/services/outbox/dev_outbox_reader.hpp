#pragma once
// Reading the development transport's folder (DevFileTransport: <data-dir>/outbox)
// back for the operator console, so that a developer on the embedded default can
// read the codes. Newest first, bounded in count and in bytes per file; a file that
// cannot be read or parsed is listed with what could be read.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace vp::services::outbox {

struct DevOutboxEntry {
    std::string file;     // name in the folder: <created-ms>-<id>.eml or .txt
    std::string channel;  // "email" or "sms"
    std::int64_t createdAtMillis = 0;
    std::string to;
    std::string subject;              // email only
    std::string date;                 // as written (RFC 5322)
    std::string text;                 // the plain text body
    std::optional<std::string> code;  // the first 6-digit number of the text
};

inline constexpr std::size_t kMaxDevOutboxFileBytes = 256 * 1024;
inline constexpr std::size_t kMaxDevOutboxEntries = 200;

// At most `limit` (capped at kMaxDevOutboxEntries) newest messages; an absent folder
// is an empty list.
common::Result<std::vector<DevOutboxEntry>> listDevOutbox(const std::filesystem::path& folder,
                                                          std::size_t limit);

// The parts of one file (exposed for tests).
DevOutboxEntry parseDevOutboxFile(const std::string& name, std::string_view contents);

}  // namespace vp::services::outbox
