#include "services/privacy/backup_rows.hpp"

#include <charconv>

namespace vp::services::privacy {

using domain::privacy::SubjectKey;

common::Result<BackupAccounts> loadAccounts(storage::Connection& c) {
    auto rows = c.query("SELECT id, email, phone FROM users");
    if (!rows) {
        return rows.error();
    }
    BackupAccounts accounts;
    for (const auto& row : *rows) {
        const auto id = storage::getInt(row, 0).valueOr(0);
        accounts.ids.insert(id);
        for (std::size_t column : {1U, 2U}) {
            if (auto contact = storage::getText(row, column)) {
                accounts.byContact[*contact] = id;
            }
        }
    }
    return accounts;
}

std::optional<std::int64_t> ownerOf(const domain::privacy::SubjectPath& path,
                                    const storage::SqlValue& value,
                                    const BackupAccounts& accounts) {
    std::optional<std::int64_t> id;
    if (path.key == SubjectKey::UserId) {
        if (const auto* n = std::get_if<std::int64_t>(&value)) {
            id = *n;
        }
    } else if (const auto* text = std::get_if<std::string>(&value)) {
        if (path.key == SubjectKey::UserContact) {
            const auto found = accounts.byContact.find(*text);
            return found == accounts.byContact.end() ? std::nullopt : std::optional{found->second};
        }
        constexpr std::string_view kPrefix = "user:";
        std::int64_t n = 0;
        const char* end = text->data() + text->size();
        if (path.key == SubjectKey::UserRef && text->starts_with(kPrefix) &&
            std::from_chars(text->data() + kPrefix.size(), end, n).ptr == end) {
            id = n;
        }
    }
    if (id && accounts.ids.contains(*id)) {
        return id;
    }
    return std::nullopt;
}

}  // namespace vp::services::privacy
