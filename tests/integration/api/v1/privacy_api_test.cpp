// The privacy center's API over real HTTP and a real database, on SQLite and
// PostgreSQL: the public policy page data (version in force, history), and the
// consent ledger of the signed-in user (grant, withdraw, material change, CSRF).
#include <boost/json.hpp>

#include "accounts_fixture.hpp"
#include "api/v1/privacy_api.hpp"
#include "services/privacy/consent_ledger.hpp"
#include "services/privacy/policy_store.hpp"

namespace vp::api::v1::testing {
namespace {

using namespace std::chrono_literals;
using services::privacy::ConsentPurpose;

class PrivacyApiTest : public AccountsApiTest {
  protected:
    void SetUp() override {
        AccountsApiTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        // The server is running but idle: no request can race this registration.
        addPrivacyRoutes(router_, *pool_, *accounts_, {policies_, ledger_, gate_, "CN"}, {});
        accounts_->setAcceptanceCheck([this](storage::Connection& c, std::int64_t userId) {
            return gate_.acceptanceRequired(c, userId);
        });
    }

    void publish(const std::string& text, std::chrono::system_clock::time_point effective,
                 bool material) {
        auto c = connect();
        auto v = policies_.publish(*c, {text, effective, material, "operator:test"});
        ASSERT_TRUE(v) << v.error().message;
    }

    using User = SignedUp;
    HttpReply consent(const User& u, const std::string& body) {
        return call("POST", "/api/v1/consents", body, u.call());
    }
    boost::json::object consents(const User& u) {
        auto reply = call("GET", "/api/v1/consents", {}, u.call());
        EXPECT_EQ(reply.status, 200) << reply.body;
        return parse(reply);
    }

    services::privacy::PolicyStore policies_{clock_};
    services::privacy::ConsentLedger ledger_{policies_, clock_};
    services::privacy::ConsentGate gate_{policies_, ledger_};
};

TEST_P(PrivacyApiTest, PolicyPageShowsTheVersionInForceAndTheHistory) {
    auto none = call("GET", "/api/v1/policy");
    EXPECT_EQ(none.status, 404);
    EXPECT_EQ(errorCode(none), "no_policy");

    publish("# Policy one", clock_.now() - 24h, false);
    publish("# Policy two", clock_.now() + 48h, true);

    auto current = call("GET", "/api/v1/policy");
    ASSERT_EQ(current.status, 200) << current.body;
    auto v1 = parse(current);
    EXPECT_EQ(v1.at("version").as_int64(), 1);
    EXPECT_EQ(v1.at("text").as_string(), "# Policy one");
    EXPECT_FALSE(v1.at("material").as_bool());

    auto history = call("GET", "/api/v1/policy/versions");
    ASSERT_EQ(history.status, 200) << history.body;
    const auto list = parse(history);
    const auto& versions = list.at("versions").as_array();
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_TRUE(versions[0].at("inForce").as_bool());
    EXPECT_FALSE(versions[1].at("inForce").as_bool());
    EXPECT_TRUE(versions[1].at("material").as_bool());
    EXPECT_FALSE(versions[1].as_object().contains("text"));

    clock_.advance(72h);
    auto later = parse(call("GET", "/api/v1/policy"));
    EXPECT_EQ(later.at("version").as_int64(), 2);
    EXPECT_EQ(later.at("text").as_string(), "# Policy two");
}

TEST_P(PrivacyApiTest, ConsentsNeedASessionAndTheCsrfToken) {
    publish("# Policy", clock_.now() - 1h, false);
    auto anonymous = call("GET", "/api/v1/consents");
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(errorCode(anonymous), "unauthenticated");

    User u = signUp("consent-csrf@example.com");
    auto noToken = call("POST", "/api/v1/consents", R"({"purpose":"telemetry","granted":true})",
                        Call(u.cookie));
    EXPECT_EQ(noToken.status, 403);
    EXPECT_EQ(errorCode(noToken), "csrf_failed");
    auto crossSite = call("POST", "/api/v1/consents", R"({"purpose":"telemetry","granted":true})",
                          Call(u.cookie, u.csrf, std::string("https://evil.example")));
    EXPECT_EQ(crossSite.status, 403);
    EXPECT_TRUE(consents(u).at("history").as_array().empty());
}

TEST_P(PrivacyApiTest, GrantThenWithdrawStopsTheProcessingAtOnce) {
    publish("# Policy", clock_.now() - 1h, false);
    User u = signUp("consent-withdraw@example.com");
    auto me = parse(call("GET", "/api/v1/me", {}, u.call()));
    const std::int64_t userId = me.at("user").at("id").as_int64();

    auto granted = consent(u, R"({"purpose":"telemetry","granted":true})");
    ASSERT_EQ(granted.status, 201) << granted.body;
    EXPECT_EQ(parse(granted).at("policyVersion").as_int64(), 1);
    EXPECT_EQ(parse(granted).at("method").as_string(), "button");
    EXPECT_EQ(parse(granted).at("jurisdiction").as_string(), "CN");
    {
        auto c = connect();
        auto allowed = gate_.allows(*c, userId, ConsentPurpose::Telemetry);
        ASSERT_TRUE(allowed);
        EXPECT_TRUE(*allowed);
    }

    auto withdrawn = consent(u, R"({"purpose":"telemetry","granted":false,"method":"banner"})");
    ASSERT_EQ(withdrawn.status, 201) << withdrawn.body;
    {
        auto c = connect();
        auto allowed = gate_.allows(*c, userId, ConsentPurpose::Telemetry);
        ASSERT_TRUE(allowed);
        EXPECT_FALSE(*allowed);
    }
    auto state = consents(u);
    EXPECT_FALSE(state.at("current").at("telemetry").at("granted").as_bool());
    EXPECT_EQ(state.at("current").at("telemetry").at("method").as_string(), "banner");
    EXPECT_TRUE(state.at("current").at("profile_extras").is_null());
    const auto& history = state.at("history").as_array();
    ASSERT_GE(history.size(), 2u);
    EXPECT_TRUE(history[history.size() - 2].at("granted").as_bool());
    EXPECT_FALSE(history.back().at("granted").as_bool());
}

TEST_P(PrivacyApiTest, MaterialChangeRequiresAcceptingTheNewVersion) {
    publish("# Policy one", clock_.now() - 1h, false);
    User u = signUp("consent-material@example.com");
    auto accepted = consent(u, R"({"purpose":"policy_acceptance","granted":true})");
    ASSERT_EQ(accepted.status, 201) << accepted.body;
    EXPECT_TRUE(consents(u).at("acceptanceRequired").is_null());

    publish("# Policy two", clock_.now(), true);
    EXPECT_EQ(consents(u).at("acceptanceRequired").as_int64(), 2);
    auto again = consent(u, R"({"purpose":"policy_acceptance","granted":true})");
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(parse(again).at("policyVersion").as_int64(), 2);
    EXPECT_TRUE(consents(u).at("acceptanceRequired").is_null());
}

TEST_P(PrivacyApiTest, BadConsentRequestsAreRefusedAndNothingIsRecorded) {
    User early = signUp("consent-early@example.com");
    auto noPolicy = consent(early, R"({"purpose":"telemetry","granted":true})");
    EXPECT_EQ(noPolicy.status, 409);
    EXPECT_EQ(errorCode(noPolicy), "no_policy");

    publish("# Policy", clock_.now() - 1h, false);
    User u = signUp("consent-bad@example.com");
    for (const char* body :
         {R"({"purpose":"mind_reading","granted":true})", R"({"purpose":"telemetry"})",
          R"({"purpose":"telemetry","granted":"yes"})",
          R"({"purpose":"telemetry","granted":true,"method":"guardian"})", R"([1,2])",
          "not json"}) {
        auto reply = consent(u, body);
        EXPECT_EQ(reply.status, 400) << body << " " << reply.body;
        EXPECT_EQ(errorCode(reply), "bad_request") << body;
    }
    auto withdrawAcceptance = consent(u, R"({"purpose":"policy_acceptance","granted":false})");
    EXPECT_EQ(withdrawAcceptance.status, 400);
    EXPECT_EQ(errorCode(withdrawAcceptance), "invalid_consent");
    EXPECT_TRUE(consents(u).at("history").as_array().empty());
}

TEST_P(PrivacyApiTest, AfterAMaterialChangeEveryOtherSignedInCallWaitsForAcceptance) {
    publish("# Policy one", clock_.now() - 1h, false);
    User u = signUp("gate@example.com");
    ASSERT_EQ(consent(u, R"({"purpose":"policy_acceptance","granted":true})").status, 201);
    EXPECT_EQ(call("GET", "/api/v1/security/sessions", {}, u.call()).status, 200);

    publish("# Policy two", clock_.now(), true);
    auto blocked = call("GET", "/api/v1/security/sessions", {}, u.call());
    EXPECT_EQ(blocked.status, 403);
    EXPECT_EQ(errorCode(blocked), "policy_acceptance_required");
    EXPECT_EQ(parse(blocked).at("error").at("version").as_int64(), 2);
    auto revoke = call("POST", "/api/v1/security/sessions/revoke-all", "{}", u.call());
    EXPECT_EQ(errorCode(revoke), "policy_acceptance_required");
    // Exempt: reading the policy, the user, the consents; accepting.
    EXPECT_EQ(call("GET", "/api/v1/policy", {}, u.call()).status, 200);
    EXPECT_EQ(call("GET", "/api/v1/me", {}, u.call()).status, 200);
    EXPECT_EQ(consents(u).at("acceptanceRequired").as_int64(), 2);
    // Granting an optional consent is not accepting the policy.
    ASSERT_EQ(consent(u, R"({"purpose":"telemetry","granted":true})").status, 201);
    EXPECT_EQ(call("GET", "/api/v1/security/sessions", {}, u.call()).status, 403);

    ASSERT_EQ(consent(u, R"({"purpose":"policy_acceptance","granted":true})").status, 201);
    EXPECT_EQ(call("GET", "/api/v1/security/sessions", {}, u.call()).status, 200);

    // A later non-material version asks for nothing new.
    publish("# Policy three", clock_.now(), false);
    EXPECT_EQ(call("GET", "/api/v1/security/sessions", {}, u.call()).status, 200);
}

TEST_P(PrivacyApiTest, SignOutIsAllowedWhileAcceptanceIsPending) {
    publish("# Policy one", clock_.now() - 1h, true);
    User u = signUp("gate-signout@example.com");
    EXPECT_EQ(call("GET", "/api/v1/security/sessions", {}, u.call()).status, 403);
    auto out = call("POST", "/api/v1/auth/logout", "{}", u.call());
    EXPECT_EQ(out.status, 204) << out.body;
    EXPECT_EQ(call("GET", "/api/v1/me", {}, u.call()).status, 401);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(PrivacyApiTest);

}  // namespace
}  // namespace vp::api::v1::testing
