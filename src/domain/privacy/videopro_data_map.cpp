#include "domain/privacy/videopro_data_map.hpp"

#include "domain/accounts/guardians_data_map.hpp"
#include "domain/accounts/profile_data_map.hpp"
#include "domain/enterprises/enterprises_data_map.hpp"
#include "domain/meetings/meetings_data_map.hpp"
#include "domain/privacy/backup_data_map.hpp"

namespace vp::domain::privacy {
namespace {

constexpr std::string_view kBookkeeping = "database bookkeeping, about no person";

TableDeclaration schemaMigrations() {
    return {"schema_migrations",
            "Which schema migrations have been applied.",
            {
                notPersonalColumn("version", std::string(kBookkeeping)),
                notPersonalColumn("name", std::string(kBookkeeping)),
                notPersonalColumn("applied_at", std::string(kBookkeeping)),
            }};
}

TableDeclaration networkOperationLog() {
    const std::string category = "network operation log";
    const std::string purpose = "security and troubleshooting of the service";
    const Retention retention{kOperationLogMinimumRetention, std::chrono::days{365},
                              "kept at least 6 months (R-PRIV-7), deleted after the "
                              "configured retention, at most one year"};
    return {"network_operation_log",
            "One row per HTTP request: time, route, status, latency, client IP.",
            {
                notPersonalColumn("id", "row identifier"),
                personalColumn("occurred_at", {category, purpose, "client_ip", retention, false}),
                notPersonalColumn("method", "HTTP method"),
                notPersonalColumn("route", "route template without path parameters or query"),
                notPersonalColumn("status", "HTTP status code"),
                notPersonalColumn("latency_us", "request latency"),
                personalColumn("client_ip", {category, purpose, "client_ip", retention, false}),
            }};
}

TableDeclaration outboxMessages() {
    const std::string category = "contact data";
    const std::string purpose = "deliver service messages (codes, invitations, notices)";
    const Retention retention{std::chrono::days{0}, std::chrono::days{30},
                              "deleted 30 days after the message was created, sent or not"};
    const PersonalData contact{category, purpose, "recipient", retention, false};
    return {"outbox_messages",
            "Outgoing emails and SMS (R-ACC-6), kept until sent or failed.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("channel", "email or sms"),
                personalColumn("recipient", contact),
                notPersonalColumn("template", "name of the message template"),
                personalColumn("subject", contact),
                personalColumn("body_text", contact),
                personalColumn("body_html", contact),
                notPersonalColumn("status", "delivery state"),
                notPersonalColumn("attempts", "delivery attempts"),
                notPersonalColumn("next_attempt_at", "when delivery is tried next"),
                personalColumn("last_error", contact),
                personalColumn("created_at", contact),
                personalColumn("sent_at", contact),
            }};
}

TableDeclaration oneTimeCodes() {
    const std::string purpose = "prove control of an email address or mobile number (R-ACC-1)";
    const Retention retention{std::chrono::days{0}, std::chrono::days{1},
                              "deleted one day after the code was issued"};
    const PersonalData identifier{"account identifier", purpose, "target", retention, false};
    const PersonalData network{"connection data", "limit code requests per IP address", "target",
                               retention, false};
    return {"one_time_codes",
            "One-time codes, stored as keyed hashes only; also the rate-limit counters.",
            {
                notPersonalColumn("id", "row identifier"),
                personalColumn("target", identifier),
                notPersonalColumn("purpose", "what the code is for"),
                notPersonalColumn("code_hash",
                                  "keyed hash of a random code, no information "
                                  "about the person"),
                personalColumn("created_at", identifier),
                notPersonalColumn("expires_at", "end of the code's lifetime"),
                notPersonalColumn("attempts", "wrong attempts counter"),
                personalColumn("consumed_at", identifier),
                personalColumn("requester_ip", network),
            }};
}

TableDeclaration users() {
    const Retention account{std::chrono::days{0}, std::nullopt,
                            "kept while the account exists; erased with it (R-PRIV-5)"};
    const std::string purpose = "run the user's account (registration, sign-in)";
    const PersonalData identifier{"account identifier", purpose, "id", account, false};
    const PersonalData profile{"profile", "show the user's chosen name", "id", account, false};
    const PersonalData credential{"account credentials",
                                  "password sign-in (argon2id hash, never the password)", "id",
                                  account, false};
    // Age is asked to find children under 14 (R-MINOR-1); minors' data is sensitive.
    const PersonalData age{"date of birth", "guardian consent for children under 14 (R-MINOR-1)",
                           "id", account, true};
    const PersonalData state{"account identifier", purpose, "id", account, false};
    return {"users",
            "Personal accounts: identifier, display name, password hash, birth month.",
            {
                notPersonalColumn("id", "row identifier"),
                personalColumn("email", identifier),
                personalColumn("phone", identifier),
                personalColumn("display_name", profile),
                personalColumn("password_hash", credential),
                personalColumn("birth_year", age),
                personalColumn("birth_month", age),
                personalColumn("status", state),
                personalColumn("created_at", state),
            }};
}

TableDeclaration sessions() {
    const Retention session{std::chrono::days{0}, std::chrono::days{31},
                            "deleted when the session ends (sign-out, idle or absolute "
                            "timeout, at most 30 days) or with the account"};
    const std::string purpose = "keep the user signed in and show his sessions (R-ACC-3)";
    const PersonalData use{"session data", purpose, "user_id", session, false};
    const PersonalData connection{"connection data", purpose, "user_id", session, false};
    return {"sessions",
            "Signed-in sessions: hash of the cookie token, times, device summary, IP.",
            {
                notPersonalColumn("id", "row identifier"),
                personalColumn("user_id", use),
                notPersonalColumn("token_hash",
                                  "SHA-256 of a random token; reveals nothing about the person"),
                personalColumn("created_at", use),
                personalColumn("last_used_at", use),
                notPersonalColumn("expires_at", "absolute deadline of the session"),
                personalColumn("user_agent", connection),
                personalColumn("client_ip", connection),
                // Migration 0012: a new token after a privilege change (R-ACC-3).
                notPersonalColumn("renewal_due", "whether the token is replaced on next use"),
                notPersonalColumn("previous_token_hash",
                                  "SHA-256 of the replaced random token, kept seconds"),
                personalColumn("renewed_at", use),
            }};
}

// Privacy center (migration 0005): policy versions, consent ledger, exports, audit log.
TableDeclaration policyVersions() {
    const Retention kept{std::chrono::days{0}, std::nullopt,
                         "kept for as long as the service runs: the history of the policy "
                         "is shown to users (R-PRIV-2)"};
    return {
        "policy_versions",
        "Published versions of the privacy policy (R-PRIV-2).",
        {
            notPersonalColumn("version", "policy version number"),
            notPersonalColumn("text", "the policy text, about no person"),
            notPersonalColumn("effective_at", "date the version takes effect"),
            notPersonalColumn("material", "whether fresh acceptance is required"),
            notPersonalColumn("published_at", "when the version was published"),
            personalColumn("published_by", {"operator actions", "accountability for policy changes",
                                            "published_by", kept, false}),
        }};
}

TableDeclaration consents() {
    // Proof of consent: the controller must be able to show that processing had
    // consent, so records outlive a withdrawal and the account itself.
    const Retention proof{std::chrono::days{0}, std::chrono::days{3 * 365 + 1},
                          "append-only proof of consent: kept while the account exists and "
                          "up to 3 years after the account is closed (limitation period for "
                          "claims), then deleted by the retention job"};
    const PersonalData consent{"consent records",
                               "prove which consents the user gave or withdrew (R-PRIV-2)",
                               "user_id", proof, false};
    return {"consents",
            "Append-only consent ledger: acceptances, optional consents, withdrawals.",
            {
                notPersonalColumn("id", "row identifier"),
                personalColumn("user_id", consent),
                personalColumn("purpose", consent),
                personalColumn("granted", consent),
                personalColumn("policy_version", consent),
                personalColumn("recorded_at", consent),
                personalColumn("method", consent),
                personalColumn("jurisdiction", consent),
            }};
}

TableDeclaration dataExports() {
    const Retention fiveDays{std::chrono::days{0}, std::chrono::days{5},
                             "the archive is available for 5 days, then deleted"};
    const PersonalData copy{"data exports", "give the user a copy of his data (R-PRIV-3)",
                            "user_id", fiveDays, false};
    return {"data_exports",
            "\"Download my data\" jobs and their archives (R-PRIV-3).",
            {
                notPersonalColumn("id", "row identifier"),
                personalColumn("user_id", copy),
                notPersonalColumn("status", "job state"),
                notPersonalColumn("progress", "job progress in percent"),
                personalColumn("created_at", copy),
                notPersonalColumn("finished_at", "when the job ended"),
                notPersonalColumn("expires_at", "end of the download window"),
                personalColumn("archive", copy),
                notPersonalColumn("error", "why the job failed, without personal data"),
                notPersonalColumn("public_id", "random identifier of the download link"),
            }};
}

TableDeclaration auditLog() {
    const Retention audit{std::chrono::days{183}, std::nullopt,
                          "kept at least 6 months and for as long as the chain must be "
                          "verifiable; subjects of closed accounts are pseudonymised"};
    const PersonalData who{"audit log", "accountability for access to personal data (R-PRIV-8)",
                           "subject", audit, false};
    return {"audit_log",
            "Append-only, hash-chained log of access to personal data (R-PRIV-8).",
            {
                notPersonalColumn("seq", "position in the chain"),
                personalColumn("occurred_at", who),
                personalColumn("actor", who),
                notPersonalColumn("action", "what was done"),
                personalColumn("subject", who),
                personalColumn("details", who),
                notPersonalColumn("prev_hash", "hash of the previous entry"),
                notPersonalColumn("hash", "SHA-256 of the previous hash and this entry"),
            }};
}

// Privacy requests (migration 0010, R-PRIV-6).
TableDeclaration privacyRequests() {
    const Retention proof{std::chrono::days{0}, std::chrono::days{3 * 365 + 1},
                          "kept 3 years after the request was answered (proof that it was "
                          "handled in time, limitation period for claims), also after the "
                          "account is closed; then deleted by the retention job"};
    const PersonalData request{"privacy requests",
                               "handle the user's requests about his data within 15 working "
                               "days (R-PRIV-6)",
                               "user_id", proof, false};
    return {"privacy_requests",
            "Requests about personal data (access, copy, correction, deletion, cancellation, "
            "explanation, relatives of a deceased user) with deadline and history.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("public_id", "random identifier of the request"),
                personalColumn("user_id", request),
                notPersonalColumn("kind", "what is asked"),
                notPersonalColumn("channel", "how the request arrived"),
                personalColumn("requester_contact", request),
                personalColumn("details", request),
                notPersonalColumn("identity_verified", "whether the requester was verified"),
                notPersonalColumn("status", "request state"),
                personalColumn("received_at", request),
                notPersonalColumn("due_at", "deadline of the answer"),
                personalColumn("answer", request),
                notPersonalColumn("answered_at", "when it was answered"),
                personalColumn("history", request),
                notPersonalColumn("erase_category",
                                  "which category a deletion request asks to delete (0014)"),
                notPersonalColumn("erase_ground", "the policy §6.4 ground invoked (0014)"),
            }};
}

// Privacy center, second part (migration 0011): recipients register and incidents.
TableDeclaration privacyRecipients() {
    const Retention kept{std::chrono::days{0}, std::nullopt,
                         "kept while the recipient is in the register (R-PRIV-9)"};
    return {"privacy_recipients",
            "Register of recipients of personal information (R-PRIV-9), shown to users.",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("name", "name of an organisation"),
                personalColumn("contact",
                               {"operator register", "let users reach a recipient of their data",
                                "contact", kept, false}),
                notPersonalColumn("purpose", "why the organisation receives data"),
                notPersonalColumn("categories", "data-map categories it receives"),
                notPersonalColumn("legal_basis", "legal basis of the transfer"),
                notPersonalColumn("added_at", "when the entry was added"),
                personalColumn("added_by", {"operator actions", "accountability for the register",
                                            "added_by", kept, false}),
            }};
}

TableDeclaration securityIncidents() {
    const Retention kept{std::chrono::days{0}, std::nullopt,
                         "kept for as long as the service runs: the announcement is public "
                         "(R-PRIV-8)"};
    return {"security_incidents",
            "Recorded security incidents and their public announcement (R-PRIV-8).",
            {
                notPersonalColumn("id", "row identifier"),
                notPersonalColumn("summary", "what happened, written about no single person"),
                notPersonalColumn("categories", "data-map categories affected"),
                notPersonalColumn("started_at", "start of the incident window"),
                notPersonalColumn("ended_at", "end of the incident window"),
                notPersonalColumn("measures", "what the operator did"),
                notPersonalColumn("advice", "what users should do"),
                notPersonalColumn("recorded_at", "when the incident was recorded"),
                personalColumn("recorded_by",
                               {"operator actions", "accountability for incident handling",
                                "recorded_by", kept, false}),
                notPersonalColumn("notified", "how many notices were queued"),
                notPersonalColumn("published", "whether the announcement is public"),
            }};
}

}  // namespace

const DataMap& videoproDataMap() {
    static const DataMap map({
        schemaMigrations(),
        networkOperationLog(),
        outboxMessages(),
        oneTimeCodes(),
        users(),
        sessions(),
        policyVersions(),
        consents(),
        dataExports(),
        auditLog(),
        meetings::meetingsTable(),
        meetings::meetingSessionsTable(),
        meetings::meetingAttendanceTable(),
        accounts::guardianRequestsTable(),
        accounts::guardianConsentsTable(),
        accounts::operatorsTable(),
        accounts::attemptFailuresTable(),
        privacyRequests(),
        enterprises::enterprisesTable(),
        enterprises::enterpriseMembersTable(),
        enterprises::enterpriseInvitationsTable(),
        enterprises::enterpriseCancellationRequestsTable(),
        enterprises::enterpriseCancellationEventsTable(),
        privacyRecipients(),
        securityIncidents(),
        accounts::userProfilesTable(),
        accounts::userAvatarsTable(),
        subjectKeysTable(),
    });
    return map;
}

}  // namespace vp::domain::privacy
