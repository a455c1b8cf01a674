#include "domain/privacy/videopro_data_map.hpp"

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
    });
    return map;
}

}  // namespace vp::domain::privacy
