#include "services/codes/sql_one_time_code_repository.hpp"

#include "common/clock.hpp"
#include "services/outbox/chunked_delete.hpp"

namespace vp::services::codes {
namespace {

using domain::accounts::StoredCode;
using storage::Row;

common::Error badRow() {
    return common::makeError("storage.type", "one_time_codes holds a row of unexpected shape");
}

common::Result<StoredCode> toCode(const Row& row) {
    auto id = storage::getInt(row, 0);
    auto target = storage::getText(row, 1);
    auto purpose = storage::getText(row, 2);
    auto hash = storage::getText(row, 3);
    auto created = storage::getInt(row, 4);
    auto expires = storage::getInt(row, 5);
    auto attempts = storage::getInt(row, 6);
    auto ip = storage::getText(row, 8);
    if (!id || !target || !purpose || !hash || !created || !expires || !attempts || !ip) {
        return badRow();
    }
    const auto parsedPurpose = domain::accounts::parseCodePurpose(*purpose);
    if (!parsedPurpose) {
        return badRow();
    }
    StoredCode code;
    code.id = *id;
    code.target = std::move(*target);
    code.purpose = *parsedPurpose;
    code.codeHash = std::move(*hash);
    code.createdAt = common::fromUnixMillis(*created);
    code.expiresAt = common::fromUnixMillis(*expires);
    code.attempts = static_cast<int>(*attempts);
    if (auto consumed = storage::getInt(row, 7)) {
        code.consumedAt = common::fromUnixMillis(*consumed);
    }
    code.requesterIp = std::move(*ip);
    return code;
}

constexpr std::int64_t kRowsPerDelete = 5000;

}  // namespace

common::Result<std::int64_t> SqlOneTimeCodeRepository::insert(const StoredCode& code) {
    auto rows = connection_.query(
        "INSERT INTO one_time_codes (target, purpose, code_hash, created_at, expires_at, "
        "attempts, consumed_at, requester_ip) VALUES (?, ?, ?, ?, ?, 0, NULL, ?) RETURNING id",
        {code.target, std::string(toString(code.purpose)), code.codeHash,
         common::toUnixMillis(code.createdAt), common::toUnixMillis(code.expiresAt),
         code.requesterIp});
    if (!rows) {
        return rows.error();
    }
    if (rows->size() != 1) {
        return badRow();
    }
    return storage::getInt(rows->front(), 0);
}

common::Result<std::int64_t> SqlOneTimeCodeRepository::count(std::string_view sql,
                                                             const std::string& key,
                                                             TimePoint since) {
    auto rows = connection_.query(sql, {key, common::toUnixMillis(since)});
    if (!rows) {
        return rows.error();
    }
    return rows->empty() ? common::Result<std::int64_t>(0) : storage::getInt(rows->front(), 0);
}

common::Result<domain::accounts::IssueHistory> SqlOneTimeCodeRepository::history(
    const std::string& target, const std::string& requesterIp, TimePoint since) {
    auto forTarget = count(
        "SELECT COUNT(*) FROM one_time_codes WHERE target = ? AND created_at >= ?", target, since);
    if (!forTarget) {
        return forTarget.error();
    }
    auto fromIp =
        count("SELECT COUNT(*) FROM one_time_codes WHERE requester_ip = ? AND created_at >= ?",
              requesterIp, since);
    if (!fromIp) {
        return fromIp.error();
    }
    return domain::accounts::IssueHistory{*forTarget, *fromIp};
}

common::Result<std::optional<StoredCode>> SqlOneTimeCodeRepository::newest(
    const std::string& target, domain::accounts::CodePurpose purpose) {
    auto rows = connection_.query(
        "SELECT id, target, purpose, code_hash, created_at, expires_at, attempts, consumed_at, "
        "requester_ip FROM one_time_codes WHERE target = ? AND purpose = ? "
        "ORDER BY created_at DESC, id DESC LIMIT 1",
        {target, std::string(toString(purpose))});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<StoredCode>{};
    }
    auto code = toCode(rows->front());
    if (!code) {
        return code.error();
    }
    return std::optional<StoredCode>(std::move(*code));
}

common::Result<bool> SqlOneTimeCodeRepository::reserveAttempt(std::int64_t id, int maxAttempts) {
    auto changed = connection_.executeChanges(
        "UPDATE one_time_codes SET attempts = attempts + 1 "
        "WHERE id = ? AND attempts < ? AND consumed_at IS NULL",
        {id, std::int64_t{maxAttempts}});
    if (!changed) {
        return changed.error();
    }
    return *changed == 1;
}

common::Result<bool> SqlOneTimeCodeRepository::consume(std::int64_t id, TimePoint now) {
    auto changed = connection_.executeChanges(
        "UPDATE one_time_codes SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL",
        {common::toUnixMillis(now), id});
    if (!changed) {
        return changed.error();
    }
    return *changed == 1;
}

common::Result<std::int64_t> SqlOneTimeCodeRepository::deleteCreatedBefore(TimePoint cutoff) {
    return outbox::deleteCreatedBeforeInChunks(connection_, "one_time_codes",
                                               common::toUnixMillis(cutoff), kRowsPerDelete);
}

}  // namespace vp::services::codes
