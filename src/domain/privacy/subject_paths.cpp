#include "domain/privacy/subject_paths.hpp"

namespace vp::domain::privacy {

const std::vector<SubjectPath>& videoproSubjectPaths() {
    static const std::vector<SubjectPath> paths{
        {"network_operation_log", "", SubjectKey::NotLinkable,
         "rows hold a client IP address only; tying an IP to an account would create new "
         "personal data (the user's own IPs are exported with his sessions)"},
        {"outbox_messages", "recipient", SubjectKey::UserContact, ""},
        {"one_time_codes", "target", SubjectKey::UserContact, ""},
        {"users", "id", SubjectKey::UserId, ""},
        {"sessions", "user_id", SubjectKey::UserId, ""},
        {"policy_versions", "", SubjectKey::NotLinkable,
         "published_by names an operator, who has no account"},
        {"consents", "user_id", SubjectKey::UserId, ""},
        {"data_exports", "user_id", SubjectKey::UserId, ""},
        {"audit_log", "subject", SubjectKey::UserRef, ""},
        {"meetings", "creator_id", SubjectKey::UserId, ""},
        // Guests' stays have no account and so no subject to export them to.
        {"meeting_attendance", "user_id", SubjectKey::UserId, ""},
        {"guardian_requests", "user_id", SubjectKey::UserId, ""},
        {"guardian_consents", "user_id", SubjectKey::UserId, ""},
        {"operators", "user_id", SubjectKey::UserId, ""},
        {"attempt_failures", "", SubjectKey::NotLinkable,
         "keys are SHA-256 hashes of an IP address or sign-in target, kept one day; linking "
         "them to an account would mean hashing every contact"},
        {"privacy_requests", "user_id", SubjectKey::UserId, ""},
        {"enterprises", "created_by", SubjectKey::UserId, ""},
        {"enterprise_members", "user_id", SubjectKey::UserId, ""},
        {"enterprise_invitations", "target", SubjectKey::UserContact, ""},
        {"enterprise_cancellation_requests", "user_id", SubjectKey::UserId, ""},
        {"enterprise_cancellation_events", "actor_id", SubjectKey::UserId, ""},
        {"privacy_recipients", "", SubjectKey::NotLinkable,
         "contact and added_by name organisations and operators, who have no account"},
        {"security_incidents", "", SubjectKey::NotLinkable,
         "recorded_by names an operator, who has no account"},
        {"user_profiles", "user_id", SubjectKey::UserId, ""},
        {"user_avatars", "user_id", SubjectKey::UserId, ""},
        {"subject_keys", "user_id", SubjectKey::UserId, ""},
    };
    return paths;
}

const SubjectPath* subjectPathFor(const std::vector<SubjectPath>& paths, std::string_view table) {
    for (const auto& p : paths) {
        if (p.table == table) {
            return &p;
        }
    }
    return nullptr;
}

std::vector<std::string> findUnexportable(const DataMap& map,
                                          const std::vector<SubjectPath>& paths) {
    std::vector<std::string> problems;
    for (const auto& t : map.tables()) {
        bool personal = false;
        for (const auto& c : t.columns) {
            personal = personal || c.isPersonal();
        }
        if (personal && subjectPathFor(paths, t.table) == nullptr) {
            problems.push_back(t.table +
                               " holds personal data but has no subject path; add one to "
                               "videoproSubjectPaths() (or declare it not linkable, with why)");
        }
    }
    for (const auto& p : paths) {
        if (map.table(p.table) == nullptr) {
            problems.push_back("subject path for undeclared table " + p.table);
        } else if (p.key == SubjectKey::NotLinkable) {
            if (p.reason.empty()) {
                problems.push_back(p.table + " is declared not linkable without a reason");
            }
        } else if (map.column(p.table, p.column) == nullptr) {
            problems.push_back("subject path " + p.table + "." + p.column +
                               " names an undeclared column");
        }
    }
    return problems;
}

}  // namespace vp::domain::privacy
