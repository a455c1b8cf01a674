// The hand-over of an enterprise member's cancellation to the privacy pipeline
// (R-PRIV-5), on SQLite and PostgreSQL: the administrator's approval files a privacy
// request in its transaction, and the run that follows closes the member's account.
#include "services/privacy/enterprise_handover.hpp"
#include "cancellation_pipeline.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "enterprises_fixture.hpp"

namespace vp::api::v1::testing {
namespace {

class EnterpriseHandoverTest : public EnterprisesApiTest {
  protected:
    void SetUp() override {
        EnterprisesApiTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        pipeline_.emplace(audit_);
        handover_.emplace(requests_, pipeline_->cancellation);
        // The hook as the privacy runtime installs it; the server is idle meanwhile.
        enterprises_->setCancellationApprovedHook(
            [this](storage::Connection& c, const domain::enterprises::CancellationRequest& r) {
                return handover_->fileApproved(c, r.userId, r.enterpriseId);
            });
    }

    std::int64_t rows(const std::string& sql, std::int64_t id) {
        auto c = connect();
        auto result = c->query(sql, {id});
        return result && !result->empty() ? storage::getInt(result->front(), 0).valueOr(-1) : -1;
    }

    services::privacy::AuditLog audit_{clock_};
    std::optional<CancellationPipeline> pipeline_;
    services::privacy::PrivacyRequests requests_{{}, clock_, common::SecureRandom::instance()};
    std::optional<services::privacy::EnterpriseHandover> handover_;
};

TEST_P(EnterpriseHandoverTest, AnApprovedMemberCancellationClosesTheAccountThroughThePipeline) {
    const auto a =
        enterpriseWithMember("ada@handover.example", "Alpha", "amy@handover.example", "Amy");
    const auto other =
        enterpriseWithMember("ben@handover.example", "Beta", "bea@handover.example", "Bea");
    const std::string requests = a.admin.path("/cancellation-requests");
    auto asked = call("POST", requests, R"({"note":"leaving"})", a.member.call());
    ASSERT_EQ(asked.status, 201) << asked.body;
    const auto id = parse(asked).at("id").as_int64();
    auto c = connect();

    // Nothing happens before the approval.
    ASSERT_TRUE(handover_->runApproved(*c));
    EXPECT_EQ(rows("SELECT COUNT(*) FROM users WHERE id = ?", a.member.id), 1);
    EXPECT_EQ(rows("SELECT COUNT(*) FROM privacy_requests WHERE user_id = ?", a.member.id), 0);

    auto approved =
        call("POST", requests + "/" + std::to_string(id) + "/approve", "{}", a.admin.call());
    ASSERT_EQ(approved.status, 200) << approved.body;
    // The approval's transaction filed the privacy request…
    EXPECT_EQ(rows("SELECT COUNT(*) FROM privacy_requests WHERE user_id = ? AND kind = "
                   "'cancellation' AND channel = 'enterprise' AND status = 'received'",
                   a.member.id),
              1);
    // …and the run closes exactly that account, once.
    auto closed = handover_->runApproved(*c);
    ASSERT_TRUE(closed);
    EXPECT_EQ(*closed, 1);
    EXPECT_EQ(rows("SELECT COUNT(*) FROM users WHERE id = ?", a.member.id), 0);
    EXPECT_EQ(call("GET", "/api/v1/me", {}, a.member.call()).status, 401);
    auto c2 = connect();
    auto audited = c2->query(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.account.cancelled' AND subject = ?",
        {services::privacy::userRef(a.member.id)});
    ASSERT_TRUE(audited);
    EXPECT_EQ(storage::getInt(audited->front(), 0).valueOr(-1), 1);
    for (const auto userId : {a.admin.user.id, other.member.id, other.admin.user.id}) {
        EXPECT_EQ(rows("SELECT COUNT(*) FROM users WHERE id = ?", userId), 1);
    }
    auto again = handover_->runApproved(*c);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, 0);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(EnterpriseHandoverTest);

}  // namespace
}  // namespace vp::api::v1::testing
