// `videopro admin`: publishing policy versions and verifying the audit log's hash
// chain, as an operator runs them on the real binary against SQLite.
#include <gtest/gtest.h>

#include <fstream>

#include "app/process.hpp"
#include "storage/database.hpp"

namespace vp::app::testing {
namespace {

// Publishes `text` as a policy version; returns the finished process's exit code.
int publish(const TempDir& dir, const std::string& text, const std::string& effective,
            std::vector<std::string> extra = {}, std::string* out = nullptr) {
    const std::string file = dir.path + "/policy.md";
    std::ofstream(file) << text;
    std::vector<std::string> args{"admin",  "policy", "publish",     "--data-dir", dir.path,
                                  "--file", file,     "--effective", effective};
    args.insert(args.end(), extra.begin(), extra.end());
    Process p(args);
    const int code = p.wait().value_or(-1);
    if (out != nullptr) {
        *out = p.stdoutText() + p.stderrText();
    }
    return code;
}

TEST(VideoproAdmin, PublishesVersionsAndTheAuditChainVerifies) {
    TempDir dir;
    std::string out;
    ASSERT_EQ(publish(dir, "# Policy v1\n", "2026-01-01", {}, &out), 0) << out;
    EXPECT_NE(out.find("Published policy version 1"), std::string::npos) << out;
    ASSERT_EQ(publish(dir, "# Policy v2\n", "2026-03-01", {"--material", "--version", "2"}, &out),
              0)
        << out;
    EXPECT_NE(out.find("version 2"), std::string::npos) << out;
    EXPECT_NE(out.find("material"), std::string::npos) << out;

    Process verify({"admin", "audit", "verify", "--data-dir", dir.path});
    EXPECT_EQ(verify.wait(), 0) << verify.stderrText();
    EXPECT_NE(verify.stdoutText().find("2 entries"), std::string::npos) << verify.stdoutText();
    EXPECT_NE(verify.stdoutText().find("head "), std::string::npos);
}

TEST(VideoproAdmin, PublishRefusesAWrongVersionABadDateAndAnEarlierEffectiveDate) {
    TempDir dir;
    std::string out;
    EXPECT_EQ(publish(dir, "v1", "2026-02-01", {"--version", "3"}, &out), 2);
    EXPECT_NE(out.find("not the next version (1)"), std::string::npos) << out;
    EXPECT_EQ(publish(dir, "v1", "01/02/2026", {}, &out), 2);
    EXPECT_NE(out.find("YYYY-MM-DD"), std::string::npos) << out;
    ASSERT_EQ(publish(dir, "v1", "2026-02-01", {}, &out), 0) << out;
    EXPECT_EQ(publish(dir, "v2", "2026-01-01", {}, &out), 1);
    EXPECT_EQ(publish(dir, "", "2026-03-01", {}, &out), 1);
    Process missing({"admin", "policy", "publish", "--data-dir", dir.path});
    EXPECT_EQ(missing.wait(), 2);
    EXPECT_NE(missing.stderrText().find("--file"), std::string::npos);
}

TEST(VideoproAdmin, VerifyNamesTheFirstEditedEntryAndExitsOne) {
    TempDir dir;
    std::string out;
    ASSERT_EQ(publish(dir, "v1", "2026-01-01", {}, &out), 0) << out;
    ASSERT_EQ(publish(dir, "v2", "2026-02-01", {}, &out), 0) << out;
    ASSERT_EQ(publish(dir, "v3", "2026-03-01", {}, &out), 0) << out;
    {
        auto db = storage::Database::open("sqlite:" + dir.path + "/videopro.db");
        ASSERT_TRUE(db) << db.error().message;
        auto c = (*db)->connect();
        ASSERT_TRUE(c) << c.error().message;
        auto changed =
            (*c)->executeChanges("UPDATE audit_log SET details = '{\"version\":9}' WHERE seq = 2");
        ASSERT_TRUE(changed);
        ASSERT_EQ(*changed, 1);
    }
    Process verify({"admin", "audit", "verify", "--data-dir", dir.path});
    EXPECT_EQ(verify.wait(), 1);
    EXPECT_NE(verify.stdoutText().find("entry 2 (edited)"), std::string::npos)
        << verify.stdoutText();
}

TEST(VideoproAdmin, VerifyNamesADeletedEntry) {
    TempDir dir;
    std::string out;
    for (const char* day : {"2026-01-01", "2026-02-01", "2026-03-01"}) {
        ASSERT_EQ(publish(dir, day, day, {}, &out), 0) << out;
    }
    {
        auto db = storage::Database::open("sqlite:" + dir.path + "/videopro.db");
        ASSERT_TRUE(db);
        auto c = (*db)->connect();
        ASSERT_TRUE(c);
        ASSERT_TRUE((*c)->execute("DELETE FROM audit_log WHERE seq = 2"));
    }
    Process verify({"admin", "audit", "verify", "--data-dir", dir.path});
    EXPECT_EQ(verify.wait(), 1);
    EXPECT_NE(verify.stdoutText().find("entry 2 (missing)"), std::string::npos)
        << verify.stdoutText();
}

// Runs SQL on the data folder's database (after `admin audit verify` made it).
void sql(const TempDir& dir, const std::string& statement) {
    auto db = storage::Database::open("sqlite:" + dir.path + "/videopro.db");
    ASSERT_TRUE(db) << db.error().message;
    auto c = (*db)->connect();
    ASSERT_TRUE(c) << c.error().message;
    auto done = (*c)->execute(statement);
    ASSERT_TRUE(done) << statement << ": " << done.error().message;
}

// A data folder with a relative's request about user 9, received by email (`verified`:
// identity already checked, in progress).
void relativesRequest(const TempDir& dir, const std::string& id, bool verified) {
    Process init({"admin", "audit", "verify", "--data-dir", dir.path});
    ASSERT_EQ(init.wait(), 0) << init.stderrText();
    sql(dir,
        "INSERT INTO privacy_requests (public_id, user_id, kind, channel, requester_contact, "
        "details, identity_verified, status, received_at, due_at, history) VALUES ('" +
            id + "', 9, 'deceased_relative', 'email', 'son@example.com', 'certificate', " +
            (verified ? "1, 'in_progress'" : "0, 'received'") + ", 0, 1, '[]')");
}

TEST(VideoproAdmin, CancelsAnAccountOnAnEmailedRequestThroughTheSamePipeline) {
    TempDir dir;
    Process init({"admin", "audit", "verify", "--data-dir", dir.path});
    ASSERT_EQ(init.wait(), 0) << init.stderrText();
    sql(dir,
        "INSERT INTO users (email, birth_year, birth_month, status, created_at) VALUES "
        "('mail@example.com', 1980, 3, 'active', 0)");
    Process noReason({"admin", "account", "cancel", "--user", "1", "--data-dir", dir.path});
    EXPECT_EQ(noReason.wait(), 2);
    Process unknown({"admin", "account", "cancel", "--user", "7", "--reason", "email of 1 March",
                     "--data-dir", dir.path});
    EXPECT_EQ(unknown.wait(), 1);
    EXPECT_NE(unknown.stderrText().find("not_found"), std::string::npos) << unknown.stderrText();
    Process cancel({"admin", "account", "cancel", "--user", "1", "--reason", "email of 1 March",
                    "--data-dir", dir.path});
    EXPECT_EQ(cancel.wait(), 0) << cancel.stderrText();
    EXPECT_NE(cancel.stdoutText().find("Account 1 cancelled"), std::string::npos);
    Process verify({"admin", "audit", "verify", "--data-dir", dir.path});
    EXPECT_EQ(verify.wait(), 0);
    EXPECT_NE(verify.stdoutText().find("1 entries"), std::string::npos) << verify.stdoutText();
}

TEST(VideoproAdmin, RequestsNeedReasonsToBeRefused) {
    TempDir dir;
    const std::string id = "0123456789abcdef0123456789abcdef";
    ASSERT_NO_FATAL_FAILURE(relativesRequest(dir, id, false));
    Process list({"admin", "requests", "list", "--data-dir", dir.path});
    EXPECT_EQ(list.wait(), 0) << list.stderrText();
    EXPECT_NE(list.stdoutText().find("1 open, 1 overdue"), std::string::npos) << list.stdoutText();
    Process bare({"admin", "requests", "refuse", id, "--text", " ", "--data-dir", dir.path});
    EXPECT_EQ(bare.wait(), 1);
    EXPECT_NE(bare.stderrText().find("reason_required"), std::string::npos);
    Process answer({"admin", "requests", "answer", id, "--text", "ok", "--data-dir", dir.path});
    EXPECT_EQ(answer.wait(), 1);
    EXPECT_NE(answer.stderrText().find("identity_not_verified"), std::string::npos);
    Process refuse({"admin", "requests", "refuse", id, "--text",
                    "The deceased asked that his data be deleted, not handed on.", "--data-dir",
                    dir.path});
    EXPECT_EQ(refuse.wait(), 0) << refuse.stderrText();
    EXPECT_NE(refuse.stdoutText().find("refused"), std::string::npos);
    Process forged({"admin", "requests", "verify", "ffffffffffffffffffffffffffffffff", "--data-dir",
                    dir.path});
    EXPECT_EQ(forged.wait(), 1);
}

// R-PRIV-6: the CLI keeps the deceased's arrangement too; a refusal with reasons works.
TEST(VideoproAdmin, ARelativesRequestIsOnlyRefusedWhereTheDeceasedArrangedOtherwise) {
    TempDir dir;
    const std::string id = "abcdef0123456789abcdef0123456789";
    ASSERT_NO_FATAL_FAILURE(relativesRequest(dir, id, true));
    sql(dir,
        "INSERT INTO consents (user_id, purpose, granted, policy_version, recorded_at, method, "
        "jurisdiction) VALUES (9, 'posthumous_access', 0, 1, 0, 'button', 'CN')");
    Process answer({"admin", "requests", "answer", id, "--text", "ok", "--data-dir", dir.path});
    EXPECT_EQ(answer.wait(), 1);
    EXPECT_NE(answer.stderrText().find("deceased_arranged_otherwise"), std::string::npos)
        << answer.stderrText();
    Process refuse({"admin", "requests", "refuse", id, "--text",
                    "Your father arranged that his data not be handed on.", "--data-dir",
                    dir.path});
    EXPECT_EQ(refuse.wait(), 0) << refuse.stderrText();
    EXPECT_NE(refuse.stdoutText().find("refused"), std::string::npos);
}

TEST(VideoproAdmin, UnknownTaskExplainsUsage) {
    Process p({"admin", "dance"});
    EXPECT_EQ(p.wait(), 2);
    EXPECT_NE(p.stderrText().find("policy publish"), std::string::npos) << p.stderrText();
}

TEST(VideoproAdmin, CreatesAnOperatorWhosePasswordIsNeverEchoed) {
    TempDir dir;
    const std::string secret = dir.path + "/password.txt";
    std::ofstream(secret) << "operator horse 42\n";
    Process created({"admin", "create-operator", "--email", "Op@Example.COM", "--password-file",
                     secret, "--data-dir", dir.path});
    ASSERT_EQ(created.wait(), 0) << created.stderrText();
    EXPECT_NE(created.stdoutText().find("Created operator account"), std::string::npos);
    EXPECT_EQ((created.stdoutText() + created.stderrText()).find("horse"), std::string::npos);
    {
        auto db = storage::Database::open("sqlite:" + dir.path + "/videopro.db");
        ASSERT_TRUE(db);
        auto c = (*db)->connect();
        ASSERT_TRUE(c);
        auto rows = (*c)->query(
            "SELECT u.email, u.status, u.password_hash FROM operators AS o JOIN users AS u ON "
            "u.id = o.user_id");
        ASSERT_TRUE(rows && rows->size() == 1);
        EXPECT_EQ(storage::getText(rows->front(), 0).valueOr(""), "Op@example.com");
        EXPECT_EQ(storage::getText(rows->front(), 1).valueOr(""), "active");
        EXPECT_TRUE(storage::getText(rows->front(), 2).valueOr("").starts_with("$argon2id$"));
    }
    // The same address again, a weak password, no email: refused.
    Process again({"admin", "create-operator", "--email", "Op@example.com", "--password-file",
                   secret, "--data-dir", dir.path});
    EXPECT_EQ(again.wait(), 1);
    EXPECT_NE(again.stderrText().find("exists"), std::string::npos) << again.stderrText();
    std::ofstream(secret) << "short\n";
    Process weak({"admin", "create-operator", "--email", "op2@example.com", "--password-file",
                  secret, "--data-dir", dir.path});
    EXPECT_EQ(weak.wait(), 1);
    Process noEmail({"admin", "create-operator", "--data-dir", dir.path});
    EXPECT_EQ(noEmail.wait(), 2);
    EXPECT_NE(noEmail.stderrText().find("--email"), std::string::npos);
}

}  // namespace
}  // namespace vp::app::testing
