// The operator console's privacy routes, the user's deletion of one category and the
// "profile extras" consent over real HTTP and a real database, on SQLite and PostgreSQL:
// operators only; requests listed with due dates (overdue first), verified, answered,
// refused only with reasons; a request by email entered for a user, a cancellation
// carried out through the pipeline; incidents, recipients, policy versions; every
// operator read audited; a withdrawal of consent erases the extras at once and refuses
// new ones (R-PRIV-2, 4, 5, 6, 8, 9).
#include <boost/json.hpp>

#include "accounts_fixture.hpp"
#include "api/v1/operator_privacy_api.hpp"
#include "api/v1/privacy_api.hpp"
#include "api/v1/profile_api.hpp"
#include "cancellation_pipeline.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/profile/contact_change.hpp"
#include "services/profile/profiles.hpp"

namespace vp::api::v1::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kOperatorPassword = "operator horse battery";

class OperatorPrivacyApiTest : public AccountsApiTest {
  protected:
    void SetUp() override {
        AccountsApiTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        pipeline_.emplace(audit_);
        gate_.emplace(*policies_, *ledger_);
        incidents_.emplace(domain::privacy::videoproDataMap(),
                           domain::privacy::videoproSubjectPaths(), *outbox_,
                           services::privacy::IncidentsOptions{}, clock_);
        services::privacy::eraseExtrasOnWithdrawal(*ledger_, erasure_);
        profiles_.requireExtrasConsent([this](storage::Connection& c, std::int64_t id) {
            return gate_->allows(c, id, services::privacy::ConsentPurpose::ProfileExtras);
        });
        contacts_.emplace(*codes_, audit_);
        auto c = connect();
        ASSERT_TRUE(
            policies_->publish(*c, {"# Policy", clock_.now() - 24h, false, "operator:test"}));
        ASSERT_TRUE(
            operators_->create(*c, "op@example.com", kOperatorPassword, *passwords_, "test"));
        // The server is running but idle: no request can race these registrations.
        addOperatorPrivacyRoutes(router_, *pool_, *accounts_,
                                 {*operators_, requests_, pipeline_->cancellation, erasure_,
                                  *incidents_, recipients_, *policies_, audit_},
                                 {});
        addPrivacyDeletionRoutes(router_, *pool_, *accounts_, erasure_, {});
        addPrivacyRoutes(router_, *pool_, *accounts_, {*policies_, *ledger_, *gate_, "CN"}, {});
        addProfileRoutes(router_, *pool_, *accounts_, profiles_, *contacts_, {});
    }

    SignedUp signInOperator() {
        SignedUp op;
        op.cookie = login("op@example.com", kOperatorPassword);
        op.csrf = csrfOf(op.cookie);
        return op;
    }

    // Enters a request received by email; returns its id.
    std::string enter(const SignedUp& op, const std::string& body) {
        auto reply = call("POST", "/api/v1/operator/privacy/requests", body, op.call());
        EXPECT_EQ(reply.status, 201) << reply.body;
        auto o = parse(reply);
        return o.contains("id") ? std::string(o.at("id").as_string()) : std::string{};
    }

    std::int64_t count(const std::string& sql, std::vector<storage::SqlValue> params = {}) {
        auto c = connect();
        auto rows = c->query(sql, params);
        return rows && !rows->empty() ? storage::getInt(rows->front(), 0).valueOr(-1) : -1;
    }
    std::int64_t auditEntries(const std::string& action) {
        return count("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
    }

    services::privacy::AuditLog audit_{clock_};
    std::optional<services::privacy::ConsentGate> gate_;  // on the base fixture's ledger
    std::optional<CancellationPipeline> pipeline_;
    services::privacy::PrivacyRequests requests_{{}, clock_, common::SecureRandom::instance()};
    services::privacy::CategoryErasure erasure_{domain::privacy::videoproSubjectPaths(), requests_,
                                                audit_};
    std::optional<services::privacy::Incidents> incidents_;  // on the base fixture's outbox
    services::privacy::RecipientsRegister recipients_{domain::privacy::videoproDataMap(), clock_};
    services::profile::Profiles profiles_{{}, audit_, clock_};
    std::optional<services::profile::ContactChanges> contacts_;
};

TEST_P(OperatorPrivacyApiTest, TheRoutesAreForOperatorsOnlyAndChecked) {
    const auto user = signUp("user-ops@example.com");
    const auto op = signInOperator();
    for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
             {"GET", "/api/v1/operator/privacy/requests"},
             {"POST", "/api/v1/operator/privacy/requests"},
             {"GET", "/api/v1/operator/incidents"},
             {"POST", "/api/v1/operator/recipients"},
             {"DELETE", "/api/v1/operator/recipients/1"},
             {"POST", "/api/v1/operator/policy"}}) {
        EXPECT_EQ(call(method, path).status, 401) << path;
        auto refused = call(method, path, "{}", user.call());
        EXPECT_EQ(refused.status, 403) << path;
        EXPECT_EQ(errorCode(refused), "forbidden") << path;
    }
    // An operator's state-changing call needs the session's CSRF token like any other.
    auto noToken = call("POST", "/api/v1/operator/policy",
                        R"({"text":"# New","effectiveAt":"2030-01-01"})", Call(op.cookie));
    EXPECT_EQ(noToken.status, 403);
    EXPECT_EQ(errorCode(noToken), "csrf_failed");
    EXPECT_EQ(call("GET", "/api/v1/operator/privacy/requests", {}, op.call()).status, 200);
}

TEST_P(OperatorPrivacyApiTest, RequestsAreListedVerifiedAnsweredAndRefusedOnlyWithReasons) {
    const auto ann = signUp("ann-req@example.com");
    auto op = signInOperator();
    const std::string early = enter(
        op,
        R"({"kind":"access","account":"ann-req@example.com","requesterContact":"ann-req@example.com","details":"What do you keep about me?"})");
    clock_.advance(24h * 30);  // the first one is now overdue
    op = signInOperator();     // a new session after a month
    const std::string late = enter(
        op,
        R"({"kind":"explanation","requesterContact":"bob@example.org","details":"Explain your rules"})");

    auto list = parse(call("GET", "/api/v1/operator/privacy/requests", {}, op.call()));
    EXPECT_EQ(list.at("overdue").as_int64(), 1);
    const auto& open = list.at("open").as_array();
    ASSERT_EQ(open.size(), 2u);
    EXPECT_EQ(open[0].at("id").as_string(), early);
    EXPECT_TRUE(open[0].at("overdue").as_bool());
    EXPECT_EQ(open[0].at("userId").as_int64(), ann.id);
    EXPECT_EQ(open[0].at("channel").as_string(), "email");
    EXPECT_FALSE(open[1].at("overdue").as_bool());
    EXPECT_FALSE(open[1].at("dueAt").as_string().empty());
    EXPECT_EQ(auditEntries("operator.personal_data.read"), 1);

    // Identity first; then the answer. A refusal needs reasons.
    const std::string path = "/api/v1/operator/privacy/requests/" + early;
    auto unverified = call("POST", path + "/answer", R"({"text":"Here it is"})", op.call());
    EXPECT_EQ(unverified.status, 409);
    EXPECT_EQ(errorCode(unverified), "identity_not_verified");
    EXPECT_EQ(call("POST", path + "/verify", "{}", op.call()).status, 200);
    for (const std::string body : {"{}", R"({"reason":""})", R"({"reason":"  \n "})"}) {
        auto refused = call("POST", path + "/refuse", body, op.call());
        EXPECT_EQ(refused.status, 400) << body;
        EXPECT_EQ(errorCode(refused), "reason_required") << body;
    }
    auto refused =
        call("POST", path + "/refuse",
             R"({"reason":"We hold no data beyond what your export shows."})", op.call());
    ASSERT_EQ(refused.status, 200) << refused.body;
    auto shown = parse(call("GET", path, {}, op.call()));
    EXPECT_EQ(shown.at("status").as_string(), "refused");
    EXPECT_EQ(shown.at("answer").as_string(), "We hold no data beyond what your export shows.");
    const auto& history = shown.at("history").as_array();
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[1].at("status").as_string(), "in_progress");
    EXPECT_EQ(history[2].at("status").as_string(), "refused");
    EXPECT_TRUE(history[2].at("actor").as_string().starts_with("operator:user:"));
    EXPECT_EQ(call("POST", path + "/answer", R"({"text":"again"})", op.call()).status, 409);
    // Reading one request of Ann's is audited with her as the subject.
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'operator.personal_data.read' "
                    "AND subject = ?",
                    {"user:" + std::to_string(ann.id)}),
              1);
    EXPECT_EQ(auditEntries("privacy.request.refused"), 1);

    // A forged or malformed id, bad input.
    EXPECT_EQ(call("GET", "/api/v1/operator/privacy/requests/0123456789abcdef0123456789abcdef", {},
                   op.call())
                  .status,
              404);
    EXPECT_EQ(call("POST", "/api/v1/operator/privacy/requests/x/verify", "{}", op.call()).status,
              404);
    EXPECT_EQ(
        errorCode(call("POST", "/api/v1/operator/privacy/requests",
                       R"({"kind":"gossip","requesterContact":"a@b.c","details":"x"})", op.call())),
        "bad_request");
    EXPECT_EQ(call("POST", "/api/v1/operator/privacy/requests",
                   R"({"kind":"cancellation","requesterContact":"a@b.c","details":"close it"})",
                   op.call())
                  .status,
              400);
    EXPECT_EQ(
        call(
            "POST", "/api/v1/operator/privacy/requests",
            R"({"kind":"access","account":"nobody@example.com","requesterContact":"a@b.c","details":"x"})",
            op.call())
            .status,
        404);
    EXPECT_EQ(call("POST", "/api/v1/operator/privacy/requests/" + late + "/answer",
                   R"({"text":")" + std::string(4001, 'x') + R"("})", op.call())
                  .status,
              400);
}

TEST_P(OperatorPrivacyApiTest, AnEmailedCancellationIsCarriedOutThroughThePipeline) {
    const auto cid = signUp("cid-cancel@example.com");
    const auto op = signInOperator();
    const std::string id = enter(
        op,
        R"({"kind":"cancellation","account":"cid-cancel@example.com","requesterContact":"cid-cancel@example.com","details":"I no longer use VideoPro; cancel my account."})");
    const std::string path = "/api/v1/operator/privacy/requests/" + id;
    EXPECT_EQ(errorCode(call("POST", path + "/answer", "{}", op.call())), "identity_not_verified");
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE id = ?", {cid.id}), 1);
    ASSERT_EQ(call("POST", path + "/verify", "{}", op.call()).status, 200);
    auto done =
        call("POST", path + "/answer", R"({"text":"Your account is cancelled."})", op.call());
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(parse(done).at("status").as_string(), "answered");
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE id = ?", {cid.id}), 0);
    EXPECT_EQ(call("GET", "/api/v1/me", {}, cid.call()).status, 401);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.account.cancelled' "
                    "AND actor LIKE 'operator:%'"),
              1);
}

TEST_P(OperatorPrivacyApiTest, IncidentsRecipientsAndPolicyVersionsAreKeptByOperators) {
    signUp("dee-incident@example.com");  // has sessions: "session" data
    const auto op = signInOperator();
    auto bad = call(
        "POST", "/api/v1/operator/incidents",
        R"({"summary":"x","categories":[],"startedAt":"2026-01-01","endedAt":"2026-01-02","measures":"m","advice":"a"})",
        op.call());
    EXPECT_EQ(bad.status, 400);
    auto backwards = call(
        "POST", "/api/v1/operator/incidents",
        R"({"summary":"x","categories":["session data"],"startedAt":"2026-01-03","endedAt":"2026-01-02","measures":"m","advice":"a"})",
        op.call());
    EXPECT_EQ(backwards.status, 400);
    EXPECT_EQ(errorCode(backwards), "invalid_incident");
    const auto before = count("SELECT COUNT(*) FROM outbox_messages");
    auto recorded = call(
        "POST", "/api/v1/operator/incidents",
        R"({"summary":"A session table was readable","categories":["session data"],"startedAt":"2020-01-01","endedAt":"2030-01-01","measures":"Fixed","advice":"Sign in again","published":false})",
        op.call());
    ASSERT_EQ(recorded.status, 201) << recorded.body;
    EXPECT_GE(parse(recorded).at("notified").as_int64(), 1);
    EXPECT_GT(count("SELECT COUNT(*) FROM outbox_messages"), before);
    auto all = parse(call("GET", "/api/v1/operator/incidents", {}, op.call()));
    ASSERT_EQ(all.at("incidents").as_array().size(), 1u);
    EXPECT_FALSE(all.at("incidents").as_array()[0].at("published").as_bool());

    auto added = call(
        "POST", "/api/v1/operator/recipients",
        R"({"name":"Mail Co","contact":"dpo@mail.example","purpose":"send email","categories":["account identifier"],"legalBasis":"contract"})",
        op.call());
    ASSERT_EQ(added.status, 201) << added.body;
    const auto rid = std::to_string(parse(added).at("id").as_int64());
    EXPECT_EQ(
        errorCode(call(
            "POST", "/api/v1/operator/recipients",
            R"({"name":"X","contact":"x","purpose":"p","categories":["no such"],"legalBasis":"l"})",
            op.call())),
        "invalid_recipient");
    EXPECT_EQ(call("DELETE", "/api/v1/operator/recipients/" + rid, {}, op.call()).status, 200);
    EXPECT_EQ(call("DELETE", "/api/v1/operator/recipients/" + rid, {}, op.call()).status, 404);
    EXPECT_EQ(call("DELETE", "/api/v1/operator/recipients/abc", {}, op.call()).status, 404);

    auto published =
        call("POST", "/api/v1/operator/policy",
             R"({"text":"# Policy 2","effectiveAt":"2030-01-01","material":true})", op.call());
    ASSERT_EQ(published.status, 201) << published.body;
    EXPECT_EQ(parse(published).at("version").as_int64(), 2);
    EXPECT_EQ(call("POST", "/api/v1/operator/policy",
                   R"({"text":"# Policy 3","effectiveAt":"next week"})", op.call())
                  .status,
              400);
    for (const auto* action : {"privacy.incident.recorded", "privacy.recipient.added",
                               "privacy.recipient.removed", "privacy.policy.published"}) {
        EXPECT_EQ(auditEntries(action), 1) << action;
    }
}

TEST_P(OperatorPrivacyApiTest, ACategoryIsDeletedAtOnceOrByTheOperatorsDecision) {
    const auto eve = signUp("eve-delete@example.com");
    const auto op = signInOperator();
    auto c = connect();
    const auto consent = R"({"purpose":"profile_extras","granted":true})";
    ASSERT_EQ(call("POST", "/api/v1/consents", consent, eve.call()).status, 201);
    ASSERT_EQ(call("PATCH", "/api/v1/profile", R"({"company":"Acme","position":"CTO"})", eve.call())
                  .status,
              200);
    const std::string extras = "SELECT COUNT(*) FROM user_profiles WHERE user_id = ?";
    ASSERT_EQ(count(extras, {eve.id}), 1);

    // Bad input.
    for (const std::string body :
         {R"({"category":"everything","ground":"consent_withdrawn","reason":"x"})",
          R"({"category":"avatar","ground":"because","reason":"x"})",
          R"({"category":"avatar","ground":"consent_withdrawn","reason":"  "})",
          R"({"category":"avatar","ground":"consent_withdrawn"})"}) {
        auto refused = call("POST", "/api/v1/privacy/deletions", body, eve.call());
        EXPECT_EQ(refused.status, 400) << body;
        EXPECT_EQ(errorCode(refused), "bad_request") << body;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_requests"), 0);

    // §6.4(4): the operator must assess the claim; nothing is deleted yet.
    auto waiting = call(
        "POST", "/api/v1/privacy/deletions",
        R"({"category":"profile_extras","ground":"unlawful_processing","reason":"I never agreed to this"})",
        eve.call());
    ASSERT_EQ(waiting.status, 202) << waiting.body;
    EXPECT_FALSE(parse(waiting).at("carriedOut").as_bool());
    EXPECT_EQ(parse(waiting).at("ground").as_string(), "unlawful_processing");
    EXPECT_EQ(count(extras, {eve.id}), 1);
    const std::string id(parse(waiting).at("id").as_string());
    auto decided = call("POST", "/api/v1/operator/privacy/requests/" + id + "/answer",
                        R"({"text":"Deleted as you asked."})", op.call());
    ASSERT_EQ(decided.status, 200) << decided.body;
    EXPECT_EQ(count(extras, {eve.id}), 0);

    // §6.4(3)/(1): carried out at once, recorded and answered.
    ASSERT_EQ(call("PATCH", "/api/v1/profile", R"({"company":"Acme"})", eve.call()).status, 200);
    auto atOnce =
        call("POST", "/api/v1/privacy/deletions",
             R"({"category":"profile_extras","ground":"purpose_achieved","reason":"I left Acme"})",
             eve.call());
    ASSERT_EQ(atOnce.status, 201) << atOnce.body;
    EXPECT_TRUE(parse(atOnce).at("carriedOut").as_bool());
    EXPECT_EQ(parse(atOnce).at("status").as_string(), "answered");
    EXPECT_EQ(count(extras, {eve.id}), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.category.deleted' "
                    "AND subject = ?",
                    {"user:" + std::to_string(eve.id)}),
              2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_requests WHERE erase_category = "
                    "'profile_extras' AND status = 'answered'"),
              2);
}

TEST_P(OperatorPrivacyApiTest, WithdrawingProfileExtrasErasesThemAtOnceAndRefusesNewOnes) {
    const auto fay = signUp("fay-extras@example.com");
    // Without consent: extras refused with a clear error, the name is fine.
    auto refused = call("PATCH", "/api/v1/profile", R"({"gender":"female"})", fay.call());
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(errorCode(refused), "consent_required");
    EXPECT_EQ(call("PATCH", "/api/v1/profile", R"({"name":"Fay"})", fay.call()).status, 200);

    ASSERT_EQ(call("POST", "/api/v1/consents", R"({"purpose":"profile_extras","granted":true})",
                   fay.call())
                  .status,
              201);
    ASSERT_EQ(call("PATCH", "/api/v1/profile",
                   R"({"gender":"female","address":"1 High St","department":"Sales"})", fay.call())
                  .status,
              200);
    const std::string stored =
        "SELECT COUNT(*) FROM user_profiles WHERE user_id = ? AND (gender IS NOT NULL OR "
        "address IS NOT NULL OR department IS NOT NULL)";
    ASSERT_EQ(count(stored, {fay.id}), 1);

    ASSERT_EQ(call("POST", "/api/v1/consents", R"({"purpose":"profile_extras","granted":false})",
                   fay.call())
                  .status,
              201);
    // The processing stopped at once: the data is gone and a new write is refused.
    EXPECT_EQ(count(stored, {fay.id}), 0);
    auto profile = parse(call("GET", "/api/v1/profile", {}, fay.call()));
    EXPECT_TRUE(profile.at("profile").at("gender").is_null());
    EXPECT_EQ(profile.at("profile").at("name").as_string(), "Fay");
    auto again = call("PATCH", "/api/v1/profile", R"({"company":"Acme"})", fay.call());
    EXPECT_EQ(again.status, 403);
    EXPECT_EQ(errorCode(again), "consent_required");
    EXPECT_EQ(count(stored, {fay.id}), 0);
    // Clearing fields needs no consent.
    EXPECT_EQ(call("PATCH", "/api/v1/profile", R"({"company":null})", fay.call()).status, 200);
}

// R-PRIV-6, policy §6.7(2): a relative's request needs the relationship and the proof of it;
// where the deceased arranged otherwise it cannot be answered, only refused with reasons.
TEST_P(OperatorPrivacyApiTest, DeceasedRelativesNeedProofAndTheDeceasedsArrangementIsKept) {
    const auto gus = signUp("gus-deceased@example.com");
    const auto hal = signUp("hal-deceased@example.com");
    const auto op = signInOperator();
    const std::string head =
        R"({"kind":"deceased_relative","requesterContact":"son@example.org","details":"His data please")";
    const std::vector<std::string> tails{
        R"(,"account":"gus-deceased@example.com"})",
        R"(,"account":"gus-deceased@example.com","relationship":"son"})",
        R"(,"account":"gus-deceased@example.com","relationship":" ","proofOfRelationship":"birth certificate"})",
        R"(,"account":"gus-deceased@example.com","relationship":"son","proofOfRelationship":"  "})",
        R"(,"account":"gus-deceased@example.com","relationship":"son","proofOfRelationship":")" +
            std::string(1001, 'x') + R"("})"};
    for (const std::string& tail : tails) {
        auto refused = call("POST", "/api/v1/operator/privacy/requests", head + tail, op.call());
        EXPECT_EQ(refused.status, 400) << tail;
        EXPECT_EQ(errorCode(refused), "bad_request") << tail;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM privacy_requests WHERE kind = 'deceased_relative'"), 0);

    // Gus arranges that his relatives may not; he changes his mind twice. Hal says nothing.
    for (const bool granted : {false, true, false}) {
        ASSERT_EQ(call("POST", "/api/v1/consents",
                       std::string(R"({"purpose":"posthumous_access","granted":)") +
                           (granted ? "true}" : "false}"),
                       gus.call())
                      .status,
                  201);
    }
    auto state = parse(call("GET", "/api/v1/consents", {}, gus.call()));
    EXPECT_FALSE(state.at("current").at("posthumous_access").at("granted").as_bool());
    const std::string proof =
        R"(,"relationship":"son","proofOfRelationship":"Birth certificate no. 42, copy received"})";
    const std::string forGus = enter(
        op, head + R"(,"identityVerified":true,"account":"gus-deceased@example.com")" + proof);
    const std::string forHal = enter(
        op, head + R"(,"identityVerified":true,"account":"hal-deceased@example.com")" + proof);
    const std::string gusPath = "/api/v1/operator/privacy/requests/" + forGus;
    auto shown = parse(call("GET", gusPath, {}, op.call()));
    EXPECT_NE(shown.at("details").as_string().find(
                  "Proof of relationship: Birth certificate no. 42, copy received"),
              std::string::npos);
    EXPECT_NE(shown.at("details").as_string().find("Relationship: son"), std::string::npos);

    auto answered = call("POST", gusPath + "/answer", R"({"text":"Here is his data"})", op.call());
    EXPECT_EQ(answered.status, 409) << answered.body;
    EXPECT_EQ(errorCode(answered), "deceased_arranged_otherwise");
    EXPECT_EQ(call("POST", gusPath + "/refuse", "{}", op.call()).status, 400);
    auto refused =
        call("POST", gusPath + "/refuse",
             R"({"reason":"Your father asked that his data not be handed on."})", op.call());
    ASSERT_EQ(refused.status, 200) << refused.body;
    EXPECT_EQ(parse(refused).at("status").as_string(), "refused");

    // Without an arrangement the answer works.
    auto halAnswered = call("POST", "/api/v1/operator/privacy/requests/" + forHal + "/answer",
                            R"({"text":"His data is attached"})", op.call());
    ASSERT_EQ(halAnswered.status, 200) << halAnswered.body;
    EXPECT_EQ(parse(halAnswered).at("status").as_string(), "answered");
    EXPECT_GT(hal.id, 0);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(OperatorPrivacyApiTest);

}  // namespace
}  // namespace vp::api::v1::testing
