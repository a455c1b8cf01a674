#include "domain/accounts/guardians_data_map.hpp"

namespace vp::domain::accounts {

using privacy::notPersonalColumn;
using privacy::personalColumn;
using privacy::PersonalData;
using privacy::Retention;

privacy::TableDeclaration guardianRequestsTable() {
    const Retention pending{std::chrono::days{0}, std::chrono::days{7},
                            "deleted when the guardian confirms, or with the child's account "
                            "when nobody confirmed within 7 days (R-MINOR-1)"};
    // The guardian's contact is the guardian's personal data, kept only to reach him.
    const PersonalData contact{"guardian contact", "ask a parent or guardian for consent",
                               "user_id", pending, false};
    const PersonalData request{"minor's account", "guardian consent for a child under 14",
                               "user_id", pending, true};
    return {"guardian_requests",
            "Children's accounts waiting for a guardian's consent (R-MINOR-1).",
            {
                personalColumn("user_id", request),
                personalColumn("guardian_contact", contact),
                notPersonalColumn("channel", "email or sms"),
                notPersonalColumn("request_token", "random identifier of the request"),
                personalColumn("created_at", request),
                notPersonalColumn("expires_at", "when the request lapses"),
            }};
}

privacy::TableDeclaration guardianConsentsTable() {
    const Retention proof{std::chrono::days{0}, std::chrono::days{3 * 365 + 1},
                          "proof of the guardian's consent, kept like the consent ledger: "
                          "while the account exists and up to 3 years after"};
    const PersonalData consent{"guardian consent",
                               "prove that a guardian agreed for a child under 14 (R-MINOR-1)",
                               "user_id", proof, true};
    return {"guardian_consents",
            "Who consented for a child: the guardian's contact masked and hashed only.",
            {
                personalColumn("user_id", consent),
                personalColumn("guardian_masked", consent),
                personalColumn("guardian_hash", consent),
                personalColumn("consent_id", consent),
                personalColumn("confirmed_at", consent),
            }};
}

privacy::TableDeclaration operatorsTable() {
    const Retention role{std::chrono::days{0}, std::nullopt,
                         "kept while the operator's account exists; erased with it"};
    const PersonalData who{"operator role", "let operators run the service's console", "user_id",
                           role, false};
    return {"operators",
            "Accounts with the operator role (videopro admin create-operator).",
            {
                personalColumn("user_id", who),
                personalColumn("granted_at", who),
                personalColumn("granted_by", who),
            }};
}

privacy::TableDeclaration attemptFailuresTable() {
    const Retention day{std::chrono::days{0}, std::chrono::days{1},
                        "deleted by the hourly purge one day after the failure"};
    const PersonalData failure{"connection data",
                               "limit sign-in and code guessing (R-ACC-1, R-ACC-3)",
                               std::string(privacy::kNoSubjectLink), day, false};
    return {"attempt_failures",
            "Failed sign-ins and wrong codes per hashed IP address or target.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("scope", "which limit the failure counts for"),
                personalColumn("key_hash", failure),
                personalColumn("failed_at", failure),
            }};
}

}  // namespace vp::domain::accounts
