// One-time codes end to end on both backends: issue stores only a keyed hash and
// queues the message; the outbox delivers it to a real SMTP server; the code read
// from the received email verifies once. Expiry, attempts and rate limits.
#include <gtest/gtest.h>

#include <regex>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "server_process.hpp"
#include "services/codes/code_hasher.hpp"
#include "services/codes/one_time_codes.hpp"
#include "services/codes/sql_one_time_code_repository.hpp"
#include "services/outbox/outbox_worker.hpp"
#include "services/outbox/smtp_transport.hpp"
#include "services/outbox/sql_outbox_repository.hpp"
#include "test_database.hpp"

namespace vp::services::codes {
namespace {

using domain::accounts::Channel;
using domain::accounts::CodePurpose;
using domain::accounts::Contact;
using domain::accounts::VerifyOutcome;
using std::chrono::minutes;
using storage::testing::BackendTest;

CodeHasher testHasher() {
    std::array<std::uint8_t, kCodeKeyBytes> key{};
    key.fill(7);
    return CodeHasher::fromKey(key).value();
}

class OneTimeCodesTest : public BackendTest {
  protected:
    void SetUp() override {
        BackendTest::SetUp();
        connection = migratedConnection();
        ASSERT_NE(connection, nullptr);
    }

    CodeRequest request(const std::string& email, const std::string& ip = "203.0.113.9") {
        return CodeRequest{Contact{Channel::Email, email}, CodePurpose::Login, ip, {}, {}};
    }

    // The code as it was written into the queued message.
    std::string codeInMessage(std::int64_t messageId) {
        outbox::SqlOutboxRepository messages(*connection);
        auto m = messages.find(messageId);
        EXPECT_TRUE(m.ok());
        std::smatch match;
        const std::string text = m.ok() ? m->content.text : "";
        EXPECT_TRUE(std::regex_search(text, match, std::regex("code is ([0-9]{6})")));
        return match.size() > 1 ? match[1].str() : "";
    }

    std::string wrongCode(const std::string& code) {
        return code == "000000" ? "000001" : "000000";
    }

    common::FakeClock clock;
    CodeHasher hasher = testHasher();
    outbox::Outbox outbox{outbox::OutboxLimits{}, clock};
    OneTimeCodes codes{domain::accounts::CodeLimits{}, hasher, outbox, clock,
                       common::SecureRandom::instance()};
    std::unique_ptr<storage::Connection> connection;
};

TEST_P(OneTimeCodesTest, TheEmailedCodeVerifiesOnce) {
    auto issued = codes.issue(*connection, request("alice@example.com"));
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    EXPECT_EQ(issued->expiresAt, clock.now() + minutes{10});

    std::string error;
    auto server = testing::ServerProcess::start("smtp_server.py", {}, error);
    ASSERT_TRUE(server) << error;
    outbox::SmtpOptions smtp;
    smtp.url = "smtp://127.0.0.1:" + std::to_string(server->port());
    smtp.starttls = false;
    smtp.fromAddress = "noreply@videopro.test";
    outbox::SmtpTransport transport(smtp, clock, common::SecureRandom::instance());
    outbox::OutboxWorker worker([this] { return database().connect(); }, {&transport, nullptr}, {},
                                clock, common::SecureRandom::instance());
    ASSERT_EQ(worker.runOnce().valueOr(0), 1U);
    const auto received = server->waitForRecord(1);
    std::smatch match;
    ASSERT_TRUE(std::regex_search(received, match, std::regex("code is ([0-9]{6})")));
    const std::string code = match[1].str();

    SqlOneTimeCodeRepository repo(*connection);
    auto stored = repo.newest("alice@example.com", CodePurpose::Login);
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ((*stored)->codeHash.size(), 64U);
    EXPECT_EQ((*stored)->codeHash.find(code), std::string::npos) << "only the hash is stored";

    EXPECT_EQ(codes.verify(*connection, "alice@example.com", CodePurpose::Register, code).value(),
              VerifyOutcome::NoCode)
        << "a code for one purpose does not verify another";
    EXPECT_EQ(codes.verify(*connection, "alice@example.com", CodePurpose::Login, code).value(),
              VerifyOutcome::Accepted);
    EXPECT_EQ(codes.verify(*connection, "alice@example.com", CodePurpose::Login, code).value(),
              VerifyOutcome::Used);
}

TEST_P(OneTimeCodesTest, ExpiresAfterTenMinutes) {
    auto issued = codes.issue(*connection, request("bob@example.com"));
    ASSERT_TRUE(issued.ok());
    const auto code = codeInMessage(issued->messageId);
    clock.advance(minutes{10});
    EXPECT_EQ(codes.verify(*connection, "bob@example.com", CodePurpose::Login, code).value(),
              VerifyOutcome::Expired);
}

TEST_P(OneTimeCodesTest, TheSixthAttemptIsRefused) {
    auto issued = codes.issue(*connection, request("carol@example.com"));
    ASSERT_TRUE(issued.ok());
    const auto code = codeInMessage(issued->messageId);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(
            codes.verify(*connection, "carol@example.com", CodePurpose::Login, wrongCode(code))
                .value(),
            VerifyOutcome::Wrong);
    }
    EXPECT_EQ(codes.verify(*connection, "carol@example.com", CodePurpose::Login, code).value(),
              VerifyOutcome::AttemptsExceeded);
    EXPECT_EQ(codes.verify(*connection, "carol@example.com", CodePurpose::Login, "12a").value(),
              VerifyOutcome::AttemptsExceeded);
}

TEST_P(OneTimeCodesTest, OnlyTheNewestCodeCounts) {
    auto first = codes.issue(*connection, request("dave@example.com"));
    clock.advance(std::chrono::seconds{1});
    auto second = codes.issue(*connection, request("dave@example.com"));
    ASSERT_TRUE(first.ok() && second.ok());
    const auto old = codeInMessage(first->messageId);
    const auto current = codeInMessage(second->messageId);
    if (old != current) {
        EXPECT_EQ(codes.verify(*connection, "dave@example.com", CodePurpose::Login, old).value(),
                  VerifyOutcome::Wrong);
    }
    EXPECT_EQ(codes.verify(*connection, "dave@example.com", CodePurpose::Login, current).value(),
              VerifyOutcome::Accepted);
}

TEST_P(OneTimeCodesTest, FivePerTargetPerHour) {
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(
            codes.issue(*connection, request("erin@example.com", "198.51.100." + std::to_string(i)))
                .ok());
    }
    auto sixth = codes.issue(*connection, request("erin@example.com", "198.51.100.77"));
    ASSERT_FALSE(sixth.ok());
    EXPECT_EQ(sixth.error().code, "codes.rate_limited");
    outbox::SqlOutboxRepository messages(*connection);
    EXPECT_EQ(messages.pendingCount().value(), 5) << "nothing is queued for a refused request";
    clock.advance(minutes{61});
    EXPECT_TRUE(codes.issue(*connection, request("erin@example.com")).ok());
}

TEST_P(OneTimeCodesTest, PerIpLimit) {
    domain::accounts::CodeLimits limits;
    limits.maxCodesPerIp = 3;
    OneTimeCodes strict{limits, hasher, outbox, clock, common::SecureRandom::instance()};
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(
            strict.issue(*connection, request("u" + std::to_string(i) + "@example.com")).ok());
    }
    auto refused = strict.issue(*connection, request("u9@example.com"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "codes.rate_limited");
    EXPECT_TRUE(strict.issue(*connection, request("u9@example.com", "192.0.2.1")).ok());
}

TEST_P(OneTimeCodesTest, SmsTargetsGetTheSmsTemplate) {
    CodeRequest r{
        Contact{Channel::Sms, "+447700900123"}, CodePurpose::Register, "192.0.2.2", {}, {}};
    auto issued = codes.issue(*connection, r);
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    outbox::SqlOutboxRepository messages(*connection);
    auto m = messages.find(issued->messageId);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->channel, Channel::Sms);
    EXPECT_EQ(m->content.templateId, "code_sms");
    r.messageTemplate = domain::accounts::TemplateId::CodeEmail;
    auto mismatched = codes.issue(*connection, r);
    ASSERT_FALSE(mismatched.ok());
    EXPECT_EQ(mismatched.error().code, "codes.bad_template");
}

TEST_P(OneTimeCodesTest, PurgeDeletesOldCodes) {
    ASSERT_TRUE(codes.issue(*connection, request("old@example.com")).ok());
    clock.advance(std::chrono::hours{25});
    auto purged = codes.purge(*connection);
    ASSERT_TRUE(purged.ok());
    EXPECT_EQ(*purged, 1);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(OneTimeCodesTest);

TEST(CodeHasher, KeyFileIsCreatedPrivateAndReused) {
    const auto dir = testing::makeTempDir("vp-key-");
    const auto path = dir / "keys" / "code.key";
    auto first = CodeHasher::loadOrCreate(path, common::SecureRandom::instance());
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(std::filesystem::file_size(path), kCodeKeyBytes);
    const auto perms = std::filesystem::status(path).permissions();
    EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none);
    auto again = CodeHasher::loadOrCreate(path, common::SecureRandom::instance());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(first->hash(CodePurpose::Login, "a@example.com", "123456"),
              again->hash(CodePurpose::Login, "a@example.com", "123456"));
    std::filesystem::permissions(path, std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    EXPECT_FALSE(CodeHasher::loadOrCreate(path, common::SecureRandom::instance()).ok());
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vp::services::codes
