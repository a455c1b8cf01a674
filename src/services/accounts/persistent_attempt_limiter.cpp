#include "services/accounts/persistent_attempt_limiter.hpp"

#include "services/privacy/sha256.hpp"

namespace vp::services::accounts {

std::string PersistentAttemptLimiter::keyHash(std::string_view key) const {
    std::string material = scope_;
    material.push_back('\0');
    material.append(key);
    return privacy::sha256Hex(material);
}

common::Result<bool> PersistentAttemptLimiter::allowed(storage::Connection& c,
                                                       std::string_view key) const {
    const auto since = clock_.now() - limit_.window;
    auto rows = c.query(
        "SELECT COUNT(*) FROM attempt_failures WHERE scope = ? AND key_hash = ? AND "
        "failed_at > ?",
        {scope_, keyHash(key), common::toUnixMillis(since)});
    if (!rows) {
        return rows.error();
    }
    auto failures =
        rows->empty() ? common::Result<std::int64_t>(0) : storage::getInt(rows->front(), 0);
    if (!failures) {
        return failures.error();
    }
    return *failures < limit_.maxFailures;
}

common::Status PersistentAttemptLimiter::check(storage::Connection& c, std::string_view key,
                                               std::string_view why) const {
    auto ok = allowed(c, key);
    if (!ok) {
        return ok.error();
    }
    if (!*ok) {
        return common::makeError("rate_limited", std::string(why));
    }
    return {};
}

common::Status PersistentAttemptLimiter::recordFailure(storage::Connection& c,
                                                       std::string_view key) const {
    return c.execute("INSERT INTO attempt_failures (scope, key_hash, failed_at) VALUES (?, ?, ?)",
                     {scope_, keyHash(key), common::toUnixMillis(clock_.now())});
}

common::Status PersistentAttemptLimiter::reset(storage::Connection& c, std::string_view key) const {
    return c.execute("DELETE FROM attempt_failures WHERE scope = ? AND key_hash = ?",
                     {scope_, keyHash(key)});
}

common::Result<std::int64_t> PersistentAttemptLimiter::purgeBefore(
    storage::Connection& c, std::chrono::system_clock::time_point cutoff) {
    auto changed = c.executeChanges("DELETE FROM attempt_failures WHERE failed_at < ?",
                                    {common::toUnixMillis(cutoff)});
    if (!changed) {
        return changed.error();
    }
    return *changed;
}

common::Result<domain::accounts::VerifyOutcome> verifyCodeUnderLimit(
    storage::Connection& c, const codes::OneTimeCodes& codes, const PersistentAttemptLimiter& perIp,
    const std::string& target, domain::accounts::CodePurpose purpose, std::string_view code,
    const std::string& ip) {
    if (auto limited = perIp.check(c, ip, kTooManyWrongCodes); !limited) {
        return limited.error();
    }
    auto outcome = codes.verify(c, target, purpose, code);
    if (outcome && *outcome != domain::accounts::VerifyOutcome::Accepted) {
        if (auto counted = perIp.recordFailure(c, ip); !counted) {
            return counted.error();
        }
    }
    return outcome;
}

}  // namespace vp::services::accounts
