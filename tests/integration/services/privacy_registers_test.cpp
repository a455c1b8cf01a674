// The privacy center's registers on both backends: the recipients register
// (R-PRIV-9) with its bad-input cases, and a security incident (R-PRIV-8) whose
// notices reach exactly the affected users' mailboxes on a real SMTP server
// (Debian's python3-aiosmtpd): users with rows in the affected category's tables
// and subjects of audit entries inside the window — and nobody else.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/privacy/subject_paths.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "server_process.hpp"
#include "services/outbox/outbox_worker.hpp"
#include "services/outbox/smtp_transport.hpp"
#include "services/privacy/audit_log.hpp"
#include "services/privacy/incidents.hpp"
#include "services/privacy/recipients_register.hpp"
#include "test_database.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::parseDate;
using domain::privacy::parseInstant;
using storage::testing::BackendTest;

class PrivacyRegistersTest : public BackendTest {
  protected:
    void SetUp() override {
        BackendTest::SetUp();
        c = migratedConnection();
        ASSERT_NE(c, nullptr);
    }

    // A user (and a session when `withSession`); returns his id.
    std::int64_t addUser(const std::string& email, bool withSession) {
        auto rows = c->query(
            "INSERT INTO users (email, display_name, birth_year, birth_month, "
            "status, created_at) VALUES (?, ?, 1990, 1, 'active', 0) "
            "RETURNING id",
            {email, "User " + email});
        EXPECT_TRUE(rows.ok() && rows->size() == 1U);
        const std::int64_t id = rows.ok() ? storage::getInt(rows->front(), 0).valueOr(0) : 0;
        if (withSession) {
            EXPECT_TRUE(c->execute("INSERT INTO sessions (user_id, token_hash, created_at, "
                                   "last_used_at, expires_at, user_agent, client_ip) VALUES (?, "
                                   "?, 0, 0, 0, 'test', '192.0.2.1')",
                                   {id, "hash-" + email})
                            .ok());
        }
        return id;
    }

    Incident draft(std::vector<std::string> categories, std::string_view from,
                   std::string_view to) {
        Incident i;
        i.summary = "A backup copy of the sessions table was readable <from> the internet.";
        i.categories = std::move(categories);
        i.startedAt = parseInstant(from).value();
        i.endedAt = parseInstant(to).value();
        i.measures = "The copy was deleted and every session ended.";
        i.advice = "Sign in again and review your sessions.";
        i.recordedBy = "operator:test";
        return i;
    }

    common::FakeClock clock{parseInstant("2026-02-01T12:00Z").value()};
    RecipientsRegister recipients{domain::privacy::videoproDataMap(), clock};
    outbox::Outbox outbox{{}, clock};
    Incidents incidents{domain::privacy::videoproDataMap(),
                        domain::privacy::videoproSubjectPaths(),
                        outbox,
                        {"https://meet.example.test"},
                        clock};
    std::unique_ptr<storage::Connection> c;
};

TEST_P(PrivacyRegistersTest, RecipientsAreAddedListedAndRemoved) {
    Recipient sms{0,
                  "Example SMS Ltd",
                  "privacy@sms.example",
                  "deliver sign-in codes by SMS",
                  {"account identifier"},
                  "contract (policy §4.1)",
                  {},
                  "operator:test"};
    auto added = recipients.add(*c, sms);
    ASSERT_TRUE(added.ok()) << added.error().message;
    EXPECT_GT(added->id, 0);
    auto all = recipients.all(*c).value();
    ASSERT_EQ(all.size(), 1U);
    EXPECT_EQ(all[0].name, "Example SMS Ltd");
    EXPECT_EQ(all[0].categories, std::vector<std::string>{"account identifier"});
    EXPECT_EQ(all[0].addedAt, clock.now());
    EXPECT_TRUE(recipients.remove(*c, added->id).ok());
    EXPECT_TRUE(recipients.all(*c).value().empty());
    EXPECT_EQ(recipients.remove(*c, added->id).error().code, "not_found");
}

TEST_P(PrivacyRegistersTest, BadRecipientsAreRefused) {
    Recipient base{0,
                   "Example SMS Ltd",
                   "privacy@sms.example",
                   "deliver codes",
                   {"account identifier"},
                   "contract",
                   {},
                   "operator:test"};
    auto unknown = base;
    unknown.categories = {"shoe sizes"};
    EXPECT_EQ(recipients.add(*c, unknown).error().code, "invalid_recipient");
    auto none = base;
    none.categories.clear();
    EXPECT_EQ(recipients.add(*c, none).error().code, "invalid_recipient");
    auto empty = base;
    empty.name.clear();
    EXPECT_EQ(recipients.add(*c, empty).error().code, "invalid_recipient");
    auto control = base;
    control.contact = "a\nb";
    EXPECT_EQ(recipients.add(*c, control).error().code, "invalid_recipient");
    auto longText = base;
    longText.purpose = std::string(501, 'x');
    EXPECT_EQ(recipients.add(*c, longText).error().code, "invalid_recipient");
    EXPECT_TRUE(recipients.all(*c).value().empty());
}

TEST_P(PrivacyRegistersTest, BadIncidentsAreRefusedAndNothingIsSent) {
    addUser("one@example.test", true);
    auto backwards = draft({"session data"}, "2026-03-02", "2026-03-01");
    EXPECT_EQ(incidents.record(*c, backwards).error().code, "invalid_incident");
    auto unknown = draft({"shoe sizes"}, "2026-03-01", "2026-03-02");
    EXPECT_EQ(incidents.record(*c, unknown).error().code, "invalid_incident");
    auto noAdvice = draft({"session data"}, "2026-03-01", "2026-03-02");
    noAdvice.advice.clear();
    EXPECT_EQ(incidents.record(*c, noAdvice).error().code, "invalid_incident");
    EXPECT_EQ(parseInstant("2026-03-01T25:00Z").error().code, "invalid_time");
    EXPECT_TRUE(incidents.list(*c, true).value().empty());
    auto queued = c->query("SELECT COUNT(*) FROM outbox_messages");
    EXPECT_EQ(storage::getInt(queued->front(), 0).value(), 0);
}

TEST_P(PrivacyRegistersTest, NoticesReachExactlyTheAffectedUsersMailboxes) {
    addUser("alice@example.test", true);                      // has sessions: affected
    addUser("bob@example.test", true);                        // has sessions: affected
    const auto carol = addUser("carol@example.test", false);  // audited inside the window
    const auto dave = addUser("dave@example.test", false);    // audited outside the window
    addUser("erin@example.test", false);                      // nothing: not affected
    AuditLog audit{clock};
    ASSERT_TRUE(audit.append(*c, {"operator:x", "privacy.read", userRef(dave), "{}"}).ok());
    clock.advance(std::chrono::days{28});  // 2026-03-01 12:00, inside the window
    ASSERT_TRUE(audit.append(*c, {"operator:x", "privacy.read", userRef(carol), "{}"}).ok());
    clock.advance(std::chrono::days{9});

    auto recorded =
        incidents.record(*c, draft({"session data"}, "2026-03-01T00:00Z", "2026-03-02T00:00Z"));
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
    EXPECT_EQ(recorded->notified, 3);
    auto published = incidents.list(*c, false).value();
    ASSERT_EQ(published.size(), 1U);
    EXPECT_EQ(published[0].categories, std::vector<std::string>{"session data"});
    EXPECT_EQ(published[0].notified, 3);

    std::string error;
    auto server = testing::ServerProcess::start("smtp_server.py", {}, error);
    ASSERT_TRUE(server) << error;
    outbox::SmtpOptions smtpOptions;
    smtpOptions.url = "smtp://127.0.0.1:" + std::to_string(server->port());
    smtpOptions.starttls = false;
    smtpOptions.fromAddress = "noreply@videopro.test";
    outbox::SmtpTransport smtp(smtpOptions, clock, common::SecureRandom::instance());
    outbox::OutboxWorker worker([this] { return database().connect(); }, {&smtp, nullptr}, {},
                                clock, common::SecureRandom::instance());
    ASSERT_EQ(worker.runOnce().valueOr(99), 3U);
    std::set<std::string> mailboxes;
    for (int n = 1; n <= 3; ++n) {
        const auto record = boost::json::parse(server->waitForRecord(n)).as_object();
        for (const auto& to : record.at("rcpt_tos").as_array()) {
            mailboxes.insert(std::string(to.as_string()));
        }
        EXPECT_EQ(record.at("content_type").as_string(), "multipart/alternative");
        const auto& parts = record.at("parts").as_object();
        const std::string text(parts.at("text/plain").as_string());
        const std::string html(parts.at("text/html").as_string());
        EXPECT_NE(text.find("readable <from> the internet"), std::string::npos) << text;
        EXPECT_NE(text.find("2026-03-01 00:00 UTC to 2026-03-02 00:00 UTC"), std::string::npos);
        EXPECT_NE(text.find("https://meet.example.test/incidents"), std::string::npos);
        EXPECT_NE(html.find("readable &lt;from&gt; the internet"), std::string::npos) << html;
    }
    EXPECT_EQ(mailboxes, (std::set<std::string>{"alice@example.test", "bob@example.test",
                                                "carol@example.test"}));
    EXPECT_EQ(server->records(), 3) << "dave and erin get nothing";
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(PrivacyRegistersTest);

}  // namespace
}  // namespace vp::services::privacy
