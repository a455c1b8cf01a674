// The outbox on both backends: claims and leases in the repository, and the worker
// retrying through a real SMTP server that is down and then up, and surviving a
// restart (a new worker on the same database takes over queued and stale messages).
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "server_process.hpp"
#include "services/outbox/outbox.hpp"
#include "services/outbox/outbox_worker.hpp"
#include "services/outbox/smtp_transport.hpp"
#include "services/outbox/sql_outbox_repository.hpp"
#include "test_database.hpp"

namespace vp::services::outbox {
namespace {

using domain::accounts::Channel;
using domain::accounts::MessageStatus;
using domain::accounts::TemplateId;
using std::chrono::minutes;
using std::chrono::seconds;
using storage::testing::BackendTest;

class OutboxTest : public BackendTest {
  protected:
    void SetUp() override {
        BackendTest::SetUp();
        connection = migratedConnection();
        ASSERT_NE(connection, nullptr);
        repo = std::make_unique<SqlOutboxRepository>(*connection);
    }

    std::int64_t enqueueCode(const std::string& to, const std::string& code = "123456") {
        auto id = outbox.enqueueTemplate(*repo, TemplateId::CodeEmail, to,
                                         {{"code", code}, {"minutes", "10"}});
        EXPECT_TRUE(id.ok()) << id.error().message;
        return id.valueOr(0);
    }

    MessageStatus statusOf(std::int64_t id) {
        auto m = repo->find(id);
        EXPECT_TRUE(m.ok());
        return m.ok() ? m->status : MessageStatus::Failed;
    }

    OutboxWorkerOptions workerOptions() {
        OutboxWorkerOptions o;
        o.batchSize = 10;
        o.lease = minutes{5};
        o.retry = {seconds{30}, minutes{10}, 4};
        return o;
    }

    OutboxWorker::ConnectionFactory factory() {
        return [this] { return database().connect(); };
    }

    common::FakeClock clock;
    Outbox outbox{OutboxLimits{64 * 1024, 5}, clock};
    std::unique_ptr<storage::Connection> connection;
    std::unique_ptr<SqlOutboxRepository> repo;
};

SmtpOptions smtpTo(int port) {
    SmtpOptions o;
    o.url = "smtp://127.0.0.1:" + std::to_string(port);
    o.starttls = false;
    o.fromAddress = "noreply@videopro.test";
    o.limits.connectTimeout = seconds{5};
    o.limits.totalTimeout = seconds{10};
    return o;
}

TEST_P(OutboxTest, EnqueueChecksRecipientSizeAndDepth) {
    auto bad = outbox.enqueueTemplate(*repo, TemplateId::CodeEmail, "Alice@Example.com",
                                      {{"code", "1"}, {"minutes", "10"}});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "outbox.invalid_recipient");
    domain::accounts::RenderedMessage huge{"code_email", "s", std::string(70 * 1024, 'x'), ""};
    auto big = outbox.enqueue(*repo, Channel::Email, "a@example.com", huge);
    ASSERT_FALSE(big.ok());
    EXPECT_EQ(big.error().code, "outbox.too_large");
    for (int i = 0; i < 5; ++i) {
        enqueueCode("user" + std::to_string(i) + "@example.com");
    }
    auto full = outbox.enqueueTemplate(*repo, TemplateId::CodeEmail, "late@example.com",
                                       {{"code", "1"}, {"minutes", "10"}});
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(full.error().code, "outbox.full");
}

TEST_P(OutboxTest, ClaimsAreExclusiveAndExpire) {
    const auto a = enqueueCode("a@example.com");
    const auto b = enqueueCode("b@example.com");
    const auto now = clock.now();
    auto first = repo->claimDue(10, 4, now, now + minutes{5});
    ASSERT_TRUE(first.ok()) << first.error().message;
    ASSERT_EQ(first->size(), 2U);
    EXPECT_EQ((*first)[0].id, a);
    EXPECT_EQ((*first)[0].attempts, 1);
    EXPECT_EQ((*first)[0].status, MessageStatus::Sending);
    EXPECT_EQ((*first)[0].content.templateId, "code_email");

    auto other = database().connect();
    ASSERT_TRUE(other.ok());
    SqlOutboxRepository otherRepo(**other);
    auto second = otherRepo.claimDue(10, 4, now + minutes{4}, now + minutes{9});
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second->empty()) << "a leased message is not claimed twice";

    ASSERT_TRUE(repo->markSent(a, 1, now).valueOr(false));
    auto afterLease = otherRepo.claimDue(10, 4, now + minutes{6}, now + minutes{11});
    ASSERT_TRUE(afterLease.ok());
    ASSERT_EQ(afterLease->size(), 1U);
    EXPECT_EQ((*afterLease)[0].id, b);
    EXPECT_EQ((*afterLease)[0].attempts, 2);
    EXPECT_FALSE(repo->markSent(b, 1, now).valueOr(true)) << "the stale claim lost the message";
    EXPECT_TRUE(otherRepo.markSent(b, 2, now).valueOr(false));
    EXPECT_EQ(statusOf(b), MessageStatus::Sent);
}

TEST_P(OutboxTest, RetriesWhileTheServerIsDownThenDelivers) {
    const auto id = enqueueCode("bob@example.com", "654321");
    SmtpTransport down(smtpTo(testing::closedPort()), clock, common::SecureRandom::instance());
    OutboxWorker worker(factory(), {&down, nullptr}, workerOptions(), clock,
                        common::SecureRandom::instance());
    ASSERT_EQ(worker.runOnce().valueOr(99), 1U);
    auto m = repo->find(id);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->status, MessageStatus::Queued);
    EXPECT_EQ(m->attempts, 1);
    EXPECT_FALSE(m->lastError.empty());
    EXPECT_GE(m->nextAttemptAt, clock.now() + seconds{15});
    EXPECT_LE(m->nextAttemptAt, clock.now() + seconds{30});
    EXPECT_EQ(worker.runOnce().valueOr(99), 0U) << "not due before its back-off";

    std::string error;
    auto server = testing::ServerProcess::start("smtp_server.py", {}, error);
    ASSERT_TRUE(server) << error;
    SmtpTransport up(smtpTo(server->port()), clock, common::SecureRandom::instance());
    OutboxWorker restarted(factory(), {&up, nullptr}, workerOptions(), clock,
                           common::SecureRandom::instance());
    clock.advance(seconds{31});
    ASSERT_EQ(restarted.runOnce().valueOr(99), 1U);
    EXPECT_EQ(statusOf(id), MessageStatus::Sent);
    EXPECT_NE(server->waitForRecord(1).find("654321"), std::string::npos);
    EXPECT_EQ(restarted.stats().sent, 1U);
}

TEST_P(OutboxTest, FailsAfterTheLastAttempt) {
    const auto id = enqueueCode("carol@example.com");
    SmtpTransport down(smtpTo(testing::closedPort()), clock, common::SecureRandom::instance());
    OutboxWorker worker(factory(), {&down, nullptr}, workerOptions(), clock,
                        common::SecureRandom::instance());
    for (int attempt = 1; attempt <= 4; ++attempt) {
        ASSERT_EQ(worker.runOnce().valueOr(99), 1U) << attempt;
        clock.advance(minutes{11});
    }
    auto m = repo->find(id);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->status, MessageStatus::Failed);
    EXPECT_EQ(m->attempts, 4);
    EXPECT_EQ(worker.runOnce().valueOr(99), 0U);
}

TEST_P(OutboxTest, ANewWorkerTakesOverStaleClaimsAfterARestart) {
    const auto claimedBeforeCrash = enqueueCode("dave@example.com", "111111");
    const auto waiting = enqueueCode("erin@example.com", "222222");
    // A worker that claimed the first message and died before recording the outcome.
    auto crashed = repo->claimDue(1, 4, clock.now(), clock.now() + minutes{5});
    ASSERT_TRUE(crashed.ok());
    ASSERT_EQ(crashed->size(), 1U);
    ASSERT_EQ((*crashed)[0].id, claimedBeforeCrash);
    connection.reset();  // the old process is gone

    std::string error;
    auto server = testing::ServerProcess::start("smtp_server.py", {}, error);
    ASSERT_TRUE(server) << error;
    SmtpTransport smtp(smtpTo(server->port()), clock, common::SecureRandom::instance());
    OutboxWorker worker(factory(), {&smtp, nullptr}, workerOptions(), clock,
                        common::SecureRandom::instance());
    ASSERT_EQ(worker.runOnce().valueOr(99), 1U) << "only the unclaimed message is due";
    clock.advance(minutes{5});
    ASSERT_EQ(worker.runOnce().valueOr(99), 1U) << "the expired claim is taken over";
    connection = connect();
    repo = std::make_unique<SqlOutboxRepository>(*connection);
    EXPECT_EQ(statusOf(claimedBeforeCrash), MessageStatus::Sent);
    EXPECT_EQ(statusOf(waiting), MessageStatus::Sent);
    EXPECT_EQ(repo->find(claimedBeforeCrash)->attempts, 2);
    EXPECT_EQ(server->records(), 2);
}

TEST_P(OutboxTest, TheThreadDeliversWhenWoken) {
    std::string error;
    auto server = testing::ServerProcess::start("smtp_server.py", {}, error);
    ASSERT_TRUE(server) << error;
    SmtpTransport smtp(smtpTo(server->port()), common::SystemClock::instance(),
                       common::SecureRandom::instance());
    auto options = workerOptions();
    options.pollInterval = minutes{10};  // only wake() makes it look again
    OutboxWorker worker(factory(), {&smtp, nullptr}, options, common::SystemClock::instance(),
                        common::SecureRandom::instance());
    worker.start();
    ASSERT_TRUE(storage::testing::waitUntil([&] { return worker.stats().passes >= 1; }));
    Outbox live{OutboxLimits{}, common::SystemClock::instance()};
    auto id = live.enqueueTemplate(*repo, TemplateId::CodeEmail, "frank@example.com",
                                   {{"code", "333333"}, {"minutes", "10"}});
    ASSERT_TRUE(id.ok());
    worker.wake();
    EXPECT_NE(server->waitForRecord(1).find("333333"), std::string::npos);
    worker.stop();
    EXPECT_EQ(statusOf(*id), MessageStatus::Sent);
}

TEST_P(OutboxTest, RetentionDeletesOldMessages) {
    const auto old = enqueueCode("old@example.com");
    clock.advance(std::chrono::hours{24 * 31});
    const auto recent = enqueueCode("new@example.com");
    auto deleted = repo->deleteCreatedBefore(clock.now() - std::chrono::hours{24 * 30});
    ASSERT_TRUE(deleted.ok());
    EXPECT_EQ(*deleted, 1);
    EXPECT_FALSE(repo->find(old).ok());
    EXPECT_TRUE(repo->find(recent).ok());
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(OutboxTest);

}  // namespace
}  // namespace vp::services::outbox
