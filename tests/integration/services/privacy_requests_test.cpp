// Privacy requests on both backends (R-PRIV-6): the due date of 15 working days over
// weekends and the configured holidays, identity verification before an answer, a
// reasoned answer for every refusal, the status history, the overdue count.
#include "services/privacy/privacy_requests.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/privacy/policy.hpp"
#include "test_database.hpp"

namespace vp::services::privacy {
namespace {

using domain::privacy::parseDate;
using storage::testing::BackendTest;

class PrivacyRequestsTest : public BackendTest {
  protected:
    void SetUp() override {
        BackendTest::SetUp();
        c = migratedConnection();
        ASSERT_NE(c, nullptr);
    }

    PrivacyRequest fileOne(std::string kind = "access", bool verified = false) {
        auto r = requests.file(*c, {std::nullopt, std::move(kind), "email", "kim@example.com",
                                    "Please send me a copy of my data.", verified, "operator:op"});
        EXPECT_TRUE(r) << r.error().message;
        return r ? *r : PrivacyRequest{};
    }

    // Wednesday 2026-09-30, 10:00 UTC; 2026-10-01, -02 and -05 are holidays.
    common::FakeClock clock{parseDate("2026-09-30").value() + std::chrono::hours{10}};
    PrivacyRequests requests{
        domain::privacy::HolidayCalendar::parse("2026-10-01,2026-10-02,2026-10-05").value(), clock,
        common::SecureRandom::instance()};
    std::unique_ptr<storage::Connection> c;
};

TEST_P(PrivacyRequestsTest, IsDueFifteenWorkingDaysLaterAndFlaggedWhenOverdue) {
    const auto r = fileOne();
    EXPECT_EQ(r.status, "received");
    EXPECT_EQ(r.dueAt, parseDate("2026-10-27").value());  // end of Monday 2026-10-26
    EXPECT_EQ(r.publicId.size(), 32U);
    EXPECT_EQ(requests.overdueCount(*c).value(), 0);
    clock.advance(std::chrono::days{26});  // 2026-10-26 10:00: due today, not yet overdue
    EXPECT_EQ(requests.overdueCount(*c).value(), 0);
    clock.advance(std::chrono::days{1});
    EXPECT_EQ(requests.overdueCount(*c).value(), 1);
    ASSERT_TRUE(requests.verifyIdentity(*c, r.publicId, "operator:op"));
    ASSERT_TRUE(requests.answer(*c, r.publicId, false, "Sent by email.", "operator:op"));
    EXPECT_EQ(requests.overdueCount(*c).value(), 0);
}

TEST_P(PrivacyRequestsTest, AnswersNeedAVerifiedIdentityAndRefusalsAReason) {
    const auto r = fileOne("deletion");
    EXPECT_EQ(requests.answer(*c, r.publicId, false, "Done.", "operator:op").error().code,
              "identity_not_verified");
    EXPECT_EQ(requests.answer(*c, r.publicId, true, "  \n", "operator:op").error().code,
              "reason_required");
    auto refused = requests.answer(
        *c, r.publicId, true, "We must keep invoices for 3 years (policy 6.4).", "operator:op");
    ASSERT_TRUE(refused) << refused.error().message;
    EXPECT_EQ(refused->status, "refused");
    EXPECT_EQ(refused->answer.value(), "We must keep invoices for 3 years (policy 6.4).");
    EXPECT_EQ(requests.answer(*c, r.publicId, true, "again", "operator:op").error().code,
              "request_closed");
    const auto history = boost::json::parse(refused->historyJson).as_array();
    ASSERT_EQ(history.size(), 2U);
    EXPECT_EQ(history[0].at("status").as_string(), "received");
    EXPECT_EQ(history[1].at("status").as_string(), "refused");
    EXPECT_EQ(history[1].at("actor").as_string(), "operator:op");
}

TEST_P(PrivacyRequestsTest, BadInputAndForgedIdsAreRefused) {
    EXPECT_EQ(requests.find(*c, "0123456789abcdef0123456789abcdef").error().code, "not_found");
    EXPECT_EQ(requests.answer(*c, "nope", true, "why", "operator:op").error().code, "not_found");
    EXPECT_EQ(requests.file(*c, {std::nullopt, "mind_reading", "email", "a@b.c", "x", false, "op"})
                  .error()
                  .code,
              "bad_request");
    EXPECT_EQ(
        requests.file(*c, {std::nullopt, "access", "email", "a@b.c", "", false, "op"}).error().code,
        "bad_request");
    EXPECT_EQ(requests
                  .file(*c, {std::nullopt, "access", "email", "a@b.c", std::string(4001, 'x'),
                             false, "op"})
                  .error()
                  .code,
              "bad_request");
    const auto relative = fileOne("deceased_relative");
    EXPECT_EQ(relative.kind, "deceased_relative");
    EXPECT_FALSE(relative.identityVerified);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(PrivacyRequestsTest);

}  // namespace
}  // namespace vp::services::privacy
