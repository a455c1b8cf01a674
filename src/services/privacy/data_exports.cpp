#include "services/privacy/data_exports.hpp"

#include "common/json_escape.hpp"
#include "common/log.hpp"
#include "domain/meetings/attendance.hpp"
#include "services/privacy/export_archive.hpp"
#include "services/privacy/public_id.hpp"
#include "services/privacy/zip_writer.hpp"

namespace vp::services::privacy {
namespace {

using Clock = std::chrono::system_clock;

const common::Logger& log() {
    static const common::Logger logger("privacy.exports");
    return logger;
}

std::optional<Clock::time_point> optionalTime(const storage::Row& row, std::size_t i) {
    auto v = storage::getInt(row, i);
    return v ? std::optional<Clock::time_point>(common::fromUnixMillis(*v)) : std::nullopt;
}

constexpr std::string_view kColumns =
    "id, public_id, status, progress, created_at, finished_at, expires_at, error, "
    "COALESCE(LENGTH(archive), 0)";

common::Result<ExportView> viewOf(const storage::Row& row) {
    auto id = storage::getInt(row, 0);
    auto publicId = storage::getText(row, 1);
    auto status = storage::getText(row, 2);
    auto progress = storage::getInt(row, 3);
    auto created = storage::getInt(row, 4);
    if (!id || !publicId || !status || !progress || !created) {
        return common::makeError("storage.type", "malformed data_exports row");
    }
    ExportView v;
    v.id = *id;
    v.publicId = *publicId;
    v.status = *status;
    v.progress = static_cast<int>(*progress);
    v.createdAt = common::fromUnixMillis(*created);
    v.finishedAt = optionalTime(row, 5);
    v.expiresAt = optionalTime(row, 6);
    if (auto error = storage::getText(row, 7)) {
        v.error = *error;
    }
    v.archiveBytes = storage::getInt(row, 8).valueOr(0);
    return v;
}

}  // namespace

DataExports::DataExports(storage::DbPool& pool, const domain::privacy::DataMap& map,
                         const std::vector<domain::privacy::SubjectPath>& paths, AuditLog& audit,
                         const common::Clock& clock, common::Random& random,
                         DataExportOptions options)
    : pool_(pool),
      map_(map),
      paths_(paths),
      audit_(audit),
      clock_(clock),
      random_(random),
      options_(options) {}

common::Result<ExportView> DataExports::request(storage::Connection& c, std::int64_t userId) {
    {
        std::lock_guard lock(mutex_);
        if (waiting_.size() >= options_.maxQueued) {
            return common::makeError("busy", "too many exports are waiting; try again shortly");
        }
    }
    auto active = c.query(
        "SELECT COUNT(*) FROM data_exports WHERE user_id = ? AND status IN ('queued', 'running')",
        {userId});
    if (!active) {
        return active.error();
    }
    if (storage::getInt(active->front(), 0).valueOr(0) > 0) {
        return common::makeError("export_in_progress",
                                 "an export of your data is already being prepared");
    }
    const std::string publicId = randomPublicId(random_);
    if (auto inserted =
            c.execute("INSERT INTO data_exports (user_id, status, progress, created_at, public_id) "
                      "VALUES (?, 'queued', 0, ?, ?)",
                      {userId, common::toUnixMillis(clock_.now()), publicId});
        !inserted) {
        return inserted.error();
    }
    auto view = find(c, userId, publicId);
    if (view) {
        enqueue(view->id);
    }
    return view;
}

common::Result<std::vector<ExportView>> DataExports::list(storage::Connection& c,
                                                          std::int64_t userId) {
    auto rows = c.query("SELECT " + std::string(kColumns) +
                            " FROM data_exports WHERE user_id = ? ORDER BY id DESC LIMIT 20",
                        {userId});
    if (!rows) {
        return rows.error();
    }
    std::vector<ExportView> out;
    for (const auto& row : *rows) {
        auto v = viewOf(row);
        if (!v) {
            return v.error();
        }
        out.push_back(std::move(*v));
    }
    return out;
}

common::Result<ExportView> DataExports::find(storage::Connection& c, std::int64_t userId,
                                             std::string_view publicId) {
    auto rows = c.query("SELECT " + std::string(kColumns) +
                            " FROM data_exports WHERE public_id = ? AND user_id = ?",
                        {std::string(publicId), userId});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return common::makeError("not_found", "no such export of yours");
    }
    return viewOf(rows->front());
}

common::Result<std::string> DataExports::download(storage::Connection& c, std::int64_t userId,
                                                  std::string_view publicId) {
    auto view = find(c, userId, publicId);
    if (!view) {
        return view.error();
    }
    if (view->status != "ready") {
        return common::makeError(view->status == "failed" ? "not_found" : "export_not_ready",
                                 "this export is " + view->status);
    }
    if (!view->expiresAt || *view->expiresAt <= clock_.now()) {
        return common::makeError("not_found", "this export has expired; request a new one");
    }
    auto rows = c.query("SELECT archive FROM data_exports WHERE id = ?", {view->id});
    if (!rows || rows->empty()) {
        return rows ? common::makeError("not_found", "no such export of yours") : rows.error();
    }
    auto blob = storage::getBlob(rows->front(), 0);
    if (!blob) {
        return blob.error();
    }
    auto audited = audit_.append(c, {userRef(userId), "privacy.export.downloaded", userRef(userId),
                                     "{\"export\":" + std::to_string(view->id) + "}"});
    if (!audited) {
        return audited.error();
    }
    return std::string(blob->begin(), blob->end());
}

common::Result<std::int64_t> DataExports::purgeExpired(storage::Connection& c) {
    const auto now = common::toUnixMillis(clock_.now());
    const auto window =
        std::chrono::duration_cast<std::chrono::milliseconds>(options_.availableFor).count();
    return c.executeChanges(
        "DELETE FROM data_exports WHERE (status = 'ready' AND expires_at <= ?) OR "
        "(status = 'failed' AND created_at <= ?)",
        {now, now - window});
}

common::Status DataExports::resume(storage::Connection& c) {
    auto rows =
        c.query("SELECT id FROM data_exports WHERE status IN ('queued', 'running') ORDER BY id");
    if (!rows) {
        return rows.error();
    }
    for (const auto& row : *rows) {
        if (auto id = storage::getInt(row, 0)) {
            enqueue(*id);
        }
    }
    return {};
}

void DataExports::enqueue(std::int64_t exportId) {
    {
        std::lock_guard lock(mutex_);
        waiting_.push_back(exportId);
        if (running_) {
            return;
        }
        running_ = true;
    }
    runNext();
}

// Hands the next waiting job to the pool; the job hands on the one after it.
void DataExports::runNext() {
    std::int64_t next = 0;
    {
        std::lock_guard lock(mutex_);
        if (waiting_.empty()) {
            running_ = false;
            return;
        }
        next = waiting_.front();
        waiting_.pop_front();
    }
    const bool queued = pool_.submit(
        [this, next](storage::Connection& c) {
            if (auto built = build(c, next); !built) {
                log().warn("export failed",
                           {{"export", std::to_string(next)}, {"error", built.error().message}});
            }
            runNext();
        },
        [this](const common::Error&) { runNext(); });
    if (!queued) {
        std::lock_guard lock(mutex_);
        running_ = false;  // resume() at the next start picks the job up again
    }
}

common::Status DataExports::fail(storage::Connection& c, std::int64_t exportId,
                                 const common::Error& why) {
    auto set = c.execute(
        "UPDATE data_exports SET status = 'failed', finished_at = ?, error = ? WHERE id = ?",
        {common::toUnixMillis(clock_.now()), why.code, exportId});
    if (!set) {
        return set;
    }
    return why;
}

common::Status DataExports::build(storage::Connection& c, std::int64_t exportId) {
    auto rows = c.query("SELECT user_id, status FROM data_exports WHERE id = ?", {exportId});
    if (!rows || rows->empty()) {
        return rows ? common::Status{} : common::Status{rows.error()};  // gone: cancelled
    }
    const auto userId = storage::getInt(rows->front(), 0).valueOr(0);
    if (auto set = c.execute("UPDATE data_exports SET status = 'running' WHERE id = ?", {exportId});
        !set) {
        return set;
    }
    auto subject = loadSubject(c, userId);
    if (!subject) {
        return fail(c, exportId, subject.error());
    }
    auto categories =
        collectSubjectData(c, map_, paths_, *subject, [&](std::size_t done, std::size_t total) {
            const auto percent =
                static_cast<std::int64_t>(done * 90 / std::max<std::size_t>(total, 1));
            (void)c.execute("UPDATE data_exports SET progress = ? WHERE id = ?",
                            {percent, exportId});
        });
    if (!categories) {
        return fail(c, exportId, categories.error());
    }
    const auto now = clock_.now();
    ZipWriter zip(options_.maxArchiveBytes);
    common::Status added =
        zip.add("index.html", indexHtml(*categories, userId, domain::meetings::isoUtc(now)));
    for (const auto& category : *categories) {
        if (added) {
            added = zip.add(category.fileName, categoryJson(category));
        }
    }
    if (!added) {
        return fail(c, exportId, added.error());
    }
    auto archive = zip.finish();
    if (!archive) {
        return fail(c, exportId, archive.error());
    }
    const std::int64_t size = static_cast<std::int64_t>(archive->size());
    if (auto stored =
            c.execute("UPDATE data_exports SET status = 'ready', progress = 100, finished_at = ?, "
                      "expires_at = ?, archive = ? WHERE id = ?",
                      {common::toUnixMillis(now), common::toUnixMillis(now + options_.availableFor),
                       storage::Blob(archive->begin(), archive->end()), exportId});
        !stored) {
        return stored;
    }
    auto audited = audit_.append(
        c, {"system", "privacy.export.completed", userRef(userId),
            "{\"export\":" + std::to_string(exportId) + ",\"bytes\":" + std::to_string(size) +
                ",\"categories\":" + std::to_string(categories->size()) + "}"});
    return audited ? common::Status{} : common::Status{audited.error()};
}

}  // namespace vp::services::privacy
