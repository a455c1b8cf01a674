#pragma once
// "Download my data" (R-PRIV-3): export jobs in `data_exports`. A request inserts a
// queued job; the jobs run one at a time on the DbPool (a bounded queue in front of
// it, so exports never occupy more than one database thread), collect the subject's
// rows along the subject paths, and store a ZIP archive: one JSON file per data-map
// category plus index.html. The archive is downloadable for 5 days by its owner only
// (session + a random public id), then deleted. Completion and each download are
// appended to the audit log.
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/privacy/data_map.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "services/privacy/audit_log.hpp"
#include "storage/connection.hpp"
#include "storage/db_pool.hpp"

namespace vp::services::privacy {

struct DataExportOptions {
    std::chrono::hours availableFor{5 * 24};
    std::size_t maxArchiveBytes = 64 * 1024 * 1024;
    std::size_t maxQueued = 64;  // jobs waiting in the process; more answer "busy"
};

struct ExportView {
    std::int64_t id = 0;
    std::string publicId;
    std::string status;  // queued, running, ready, failed
    int progress = 0;
    std::chrono::system_clock::time_point createdAt;
    std::optional<std::chrono::system_clock::time_point> finishedAt;
    std::optional<std::chrono::system_clock::time_point> expiresAt;
    std::optional<std::string> error;
    std::int64_t archiveBytes = 0;
};

class DataExports {
  public:
    // References must outlive this object; so must every job it submitted (stop the
    // pool first).
    DataExports(storage::DbPool& pool, const domain::privacy::DataMap& map,
                const std::vector<domain::privacy::SubjectPath>& paths, AuditLog& audit,
                const common::Clock& clock, common::Random& random, DataExportOptions options);

    // Queues an export of the user's data. "export_in_progress" while one of his is
    // queued or running; "busy" when the process queue is full.
    common::Result<ExportView> request(storage::Connection& c, std::int64_t userId);
    // The user's exports, newest first (without the archives).
    common::Result<std::vector<ExportView>> list(storage::Connection& c, std::int64_t userId);
    // One of the user's exports; "not_found" for another user's or an unknown id.
    common::Result<ExportView> find(storage::Connection& c, std::int64_t userId,
                                    std::string_view publicId);
    // The archive of a ready, unexpired export of the user ("not_found" otherwise,
    // "export_not_ready" while it is being built); audited.
    common::Result<std::string> download(storage::Connection& c, std::int64_t userId,
                                         std::string_view publicId);
    // Deletes exports whose download window has passed, and failed ones older than
    // the window; how many.
    common::Result<std::int64_t> purgeExpired(storage::Connection& c);
    // Queues again the jobs a stopped process left queued or running.
    common::Status resume(storage::Connection& c);

    // Runs one job now on `c` (the pool does this; tests may call it directly).
    common::Status build(storage::Connection& c, std::int64_t exportId);

  private:
    void enqueue(std::int64_t exportId);
    void runNext();
    common::Status fail(storage::Connection& c, std::int64_t exportId, const common::Error& why);

    storage::DbPool& pool_;
    const domain::privacy::DataMap& map_;
    const std::vector<domain::privacy::SubjectPath>& paths_;
    AuditLog& audit_;
    const common::Clock& clock_;
    common::Random& random_;
    DataExportOptions options_;
    std::mutex mutex_;
    std::deque<std::int64_t> waiting_;
    bool running_ = false;
};

}  // namespace vp::services::privacy
