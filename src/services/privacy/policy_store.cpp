#include "services/privacy/policy_store.hpp"

namespace vp::services::privacy {
namespace {

common::Result<PolicyVersion> versionFrom(const storage::Row& row) {
    auto version = storage::getInt(row, 0);
    auto text = storage::getText(row, 1);
    auto effective = storage::getInt(row, 2);
    auto material = storage::getInt(row, 3);
    auto published = storage::getInt(row, 4);
    auto by = storage::getText(row, 5);
    if (!version || !text || !effective || !material || !published || !by) {
        return common::Error{"storage.type", "unreadable policy_versions row"};
    }
    return PolicyVersion{*version,
                         std::move(*text),
                         common::fromUnixMillis(*effective),
                         *material != 0,
                         common::fromUnixMillis(*published),
                         std::move(*by)};
}

}  // namespace

common::Result<std::vector<PolicyVersion>> PolicyStore::all(storage::Connection& c) const {
    auto rows = c.query(
        "SELECT version, text, effective_at, material, published_at, published_by "
        "FROM policy_versions ORDER BY version");
    if (!rows) {
        return rows.error();
    }
    std::vector<PolicyVersion> out;
    for (const auto& row : *rows) {
        auto v = versionFrom(row);
        if (!v) {
            return v.error();
        }
        out.push_back(std::move(*v));
    }
    return out;
}

common::Result<std::optional<PolicyVersion>> PolicyStore::inForce(storage::Connection& c) const {
    auto versions = all(c);
    if (!versions) {
        return versions.error();
    }
    const PolicyVersion* v = domain::privacy::versionInForce(*versions, clock_.now());
    return v == nullptr ? std::optional<PolicyVersion>{} : std::optional<PolicyVersion>{*v};
}

common::Result<PolicyVersion> PolicyStore::publish(storage::Connection& c,
                                                   const PolicyDraft& draft) const {
    auto tx = storage::Transaction::begin(c);
    if (!tx) {
        return tx.error();
    }
    auto versions = all(c);
    if (!versions) {
        return versions.error();
    }
    std::optional<PolicyVersion> latest;
    if (!versions->empty()) {
        latest = versions->back();
    }
    PolicyVersion next{latest ? latest->version + 1 : 1,
                       draft.text,
                       draft.effectiveAt,
                       draft.material,
                       clock_.now(),
                       draft.publishedBy};
    if (auto valid = domain::privacy::validateNewVersion(next, latest); !valid) {
        return valid.error();
    }
    auto inserted = c.execute(
        "INSERT INTO policy_versions (version, text, effective_at, material, published_at, "
        "published_by) VALUES (?, ?, ?, ?, ?, ?)",
        {next.version, next.text, common::toUnixMillis(next.effectiveAt),
         std::int64_t{next.material ? 1 : 0}, common::toUnixMillis(next.publishedAt),
         next.publishedBy});
    if (!inserted) {
        return inserted.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return next;
}

}  // namespace vp::services::privacy
