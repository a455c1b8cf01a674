#include "services/privacy/subject_rows.hpp"

#include "services/privacy/audit_log.hpp"

namespace vp::services::privacy {

using domain::privacy::SubjectKey;

common::Result<Subject> loadSubject(storage::Connection& c, std::int64_t userId) {
    auto rows = c.query("SELECT email, phone FROM users WHERE id = ?", {userId});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return common::makeError("not_found", "no such account");
    }
    Subject s{userId, std::nullopt, std::nullopt};
    const auto& row = rows->front();
    if (auto email = storage::getText(row, 0)) {
        s.email = *email;
    }
    if (auto phone = storage::getText(row, 1)) {
        s.phone = *phone;
    }
    return s;
}

std::optional<SubjectFilter> subjectFilter(const SubjectPath& path, const Subject& subject) {
    switch (path.key) {
        case SubjectKey::UserId:
            return SubjectFilter{path.column + " = ?", {subject.userId}};
        case SubjectKey::UserRef:
            return SubjectFilter{path.column + " = ?", {userRef(subject.userId)}};
        case SubjectKey::UserContact: {
            SubjectFilter f;
            for (const auto& contact : {subject.email, subject.phone}) {
                if (contact) {
                    f.params.emplace_back(*contact);
                }
            }
            if (f.params.empty()) {
                return std::nullopt;
            }
            f.where = path.column + (f.params.size() == 1 ? " = ?" : " IN (?, ?)");
            return f;
        }
        case SubjectKey::NotLinkable:
            break;
    }
    return std::nullopt;
}

common::Result<std::int64_t> countSubjectRows(storage::Connection& c, const SubjectPath& path,
                                              const Subject& subject) {
    auto filter = subjectFilter(path, subject);
    if (!filter) {
        return std::int64_t{0};
    }
    auto rows =
        c.query("SELECT COUNT(*) FROM " + path.table + " WHERE " + filter->where, filter->params);
    if (!rows) {
        return rows.error();
    }
    return storage::getInt(rows->front(), 0);
}

}  // namespace vp::services::privacy
