#include "services/privacy/recipients_register.hpp"

namespace vp::services::privacy {

std::string joinCategories(const std::vector<std::string>& categories) {
    std::string out;
    for (const auto& category : categories) {
        out += (out.empty() ? "" : "\n") + category;
    }
    return out;
}

std::vector<std::string> splitCategories(const std::string& stored) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < stored.size()) {
        const auto end = stored.find('\n', start);
        out.push_back(stored.substr(start, end == std::string::npos ? end : end - start));
        start = end == std::string::npos ? stored.size() : end + 1;
    }
    return out;
}

common::Result<Recipient> RecipientsRegister::add(storage::Connection& c, Recipient draft) const {
    if (auto valid = domain::privacy::validateRecipient(draft, map_.categories()); !valid) {
        return valid.error();
    }
    auto existing = all(c);
    if (!existing) {
        return existing.error();
    }
    if (existing->size() >= domain::privacy::kMaxRecipients) {
        return common::makeError("register_full",
                                 "the register holds at most " +
                                     std::to_string(domain::privacy::kMaxRecipients) +
                                     " recipients; remove one first");
    }
    draft.addedAt = clock_.now();
    auto rows = c.query(
        "INSERT INTO privacy_recipients (name, contact, purpose, categories, legal_basis, "
        "added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {draft.name, draft.contact, draft.purpose, joinCategories(draft.categories),
         draft.legalBasis, common::toUnixMillis(draft.addedAt), draft.addedBy});
    if (!rows) {
        return rows.error();
    }
    auto id = rows->empty()
                  ? common::Result<std::int64_t>(common::makeError("storage.type", "no id"))
                  : storage::getInt(rows->front(), 0);
    if (!id) {
        return id.error();
    }
    draft.id = *id;
    return draft;
}

common::Result<std::vector<Recipient>> RecipientsRegister::all(storage::Connection& c) const {
    auto rows = c.query(
        "SELECT id, name, contact, purpose, categories, legal_basis, added_at, added_by "
        "FROM privacy_recipients ORDER BY id");
    if (!rows) {
        return rows.error();
    }
    std::vector<Recipient> out;
    for (const auto& row : *rows) {
        auto id = storage::getInt(row, 0);
        auto name = storage::getText(row, 1);
        auto contact = storage::getText(row, 2);
        auto purpose = storage::getText(row, 3);
        auto categories = storage::getText(row, 4);
        auto basis = storage::getText(row, 5);
        auto added = storage::getInt(row, 6);
        auto by = storage::getText(row, 7);
        if (!id || !name || !contact || !purpose || !categories || !basis || !added || !by) {
            return common::Error{"storage.type", "unreadable privacy_recipients row"};
        }
        out.push_back({*id, std::move(*name), std::move(*contact), std::move(*purpose),
                       splitCategories(*categories), std::move(*basis),
                       common::fromUnixMillis(*added), std::move(*by)});
    }
    return out;
}

common::Status RecipientsRegister::remove(storage::Connection& c, std::int64_t id) const {
    auto changed = c.executeChanges("DELETE FROM privacy_recipients WHERE id = ?", {id});
    if (!changed) {
        return changed.error();
    }
    if (*changed == 0) {
        return common::makeError("not_found", "no recipient " + std::to_string(id));
    }
    return {};
}

}  // namespace vp::services::privacy
