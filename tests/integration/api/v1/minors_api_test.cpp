// Children under 14 and their guardians (R-MINOR-1), the persistent sign-in and
// code limits, and the operator console, over real HTTP on SQLite and PostgreSQL.
#include <boost/json.hpp>

#include <regex>

#include "accounts_fixture.hpp"
#include "common/random.hpp"
#include "services/outbox/dev_file_transport.hpp"

namespace vp::api::v1::testing {
namespace {

using namespace std::chrono_literals;

class MinorsApiTest : public AccountsApiTest {
  protected:
    int childYear() {
        const std::chrono::year_month_day today{
            std::chrono::floor<std::chrono::days>(clock_.now())};
        return static_cast<int>(today.year()) - 10;
    }

    void publishPolicy() {
        auto c = connect();
        ASSERT_TRUE(
            policies_->publish(*c, {"# Policy", clock_.now() - 24h, false, "operator:test"}));
    }

    // Registers a child with a guardian; returns the reply.
    HttpReply registerChild(const std::string& child, const std::string& guardian) {
        EXPECT_EQ(post("/api/v1/auth/code", R"({"target":")" + child + R"(","purpose":"register"})")
                      .status,
                  202);
        std::string body = R"({"target":")" + child + R"(","code":")" + latestCode(child) +
                           R"(","displayName":"Kim","birthYear":)" + std::to_string(childYear()) +
                           R"(,"birthMonth":1)";
        if (!guardian.empty()) {
            body += R"(,"guardian":")" + guardian + "\"";
        }
        return post("/api/v1/auth/register", body + "}");
    }

    // The request token in the newest message to the guardian (from its link).
    std::string requestToken(const std::string& guardian) {
        auto c = connect();
        auto rows = c->query(
            "SELECT body_text FROM outbox_messages WHERE recipient = ? ORDER BY id DESC LIMIT 1",
            {storage::SqlValue{guardian}});
        if (!rows || rows->empty()) {
            ADD_FAILURE() << "no message to " << guardian;
            return {};
        }
        const auto text = storage::getText(rows->front(), 0).valueOr("");
        const auto at = text.find("/guardian?request=");
        EXPECT_NE(at, std::string::npos) << text;
        return at == std::string::npos ? std::string{} : text.substr(at + 18, 32);
    }

    // The code in the newest message to the guardian (the link before it holds hex).
    std::string guardianCode(const std::string& guardian) {
        auto c = connect();
        auto rows = c->query(
            "SELECT body_text FROM outbox_messages WHERE recipient = ? ORDER BY id DESC LIMIT 1",
            {storage::SqlValue{guardian}});
        const auto text =
            rows && !rows->empty() ? storage::getText(rows->front(), 0).valueOr("") : "";
        std::smatch m;
        EXPECT_TRUE(std::regex_search(text, m, std::regex("\\b([0-9]{6})\\b"))) << text;
        return m.empty() ? std::string{} : m.str(1);
    }

    HttpReply confirm(const std::string& token, const std::string& code) {
        return post("/api/v1/guardian/confirm",
                    R"({"request":")" + token + R"(","code":")" + code + R"("})");
    }

    HttpReply loginByCode(const std::string& target) {
        EXPECT_EQ(
            post("/api/v1/auth/code", R"({"target":")" + target + R"(","purpose":"login"})").status,
            202);
        return post("/api/v1/auth/login",
                    R"({"target":")" + target + R"(","code":")" + latestCode(target) + R"("})");
    }

    std::int64_t count(const std::string& sql, storage::SqlValue key) {
        auto c = connect();
        auto rows = c->query(sql, {std::move(key)});
        return rows && !rows->empty() ? storage::getInt(rows->front(), 0).valueOr(-1) : -1;
    }
};

TEST_P(MinorsApiTest, GuardianConfirmsWithTheCodeAndTheChildSignsIn) {
    publishPolicy();
    auto registered = registerChild("kid@example.com", "mum@example.com");
    ASSERT_EQ(registered.status, 202) << registered.body;
    EXPECT_TRUE(cookieValue(registered).empty());
    EXPECT_EQ(parse(registered).at("guardian").as_string(), "m***@e***.com");
    auto c = connect();
    auto rows = c->query(
        "SELECT status, display_name, password_hash IS NULL, id FROM users "
        "WHERE email = ?",
        {std::string("kid@example.com")});
    ASSERT_TRUE(rows && rows->size() == 1);
    EXPECT_EQ(storage::getText(rows->front(), 0).valueOr(""), "pending_guardian");
    EXPECT_EQ(storage::getText(rows->front(), 1).valueOr("?"), "");  // nothing beyond the request
    EXPECT_EQ(storage::getInt(rows->front(), 2).valueOr(0), 1);
    const auto childId = storage::getInt(rows->front(), 3).valueOr(0);

    // The guardian got a code and a link (text and HTML), in English.
    auto mail =
        c->query("SELECT template, subject, body_html FROM outbox_messages WHERE recipient = ?",
                 {std::string("mum@example.com")});
    ASSERT_TRUE(mail && mail->size() == 1);
    EXPECT_EQ(storage::getText(mail->front(), 0).valueOr(""), "guardian_consent_email");
    EXPECT_NE(storage::getText(mail->front(), 1).valueOr("").find("consent"), std::string::npos);
    EXPECT_NE(storage::getText(mail->front(), 2).valueOr("").find("<strong>"), std::string::npos);

    // Until the guardian confirms, the child cannot sign in, and is told why.
    auto refused = loginByCode("kid@example.com");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(errorCode(refused), "guardian_consent_pending");
    EXPECT_NE(refused.body.find("guardian"), std::string::npos);

    const auto token = requestToken("mum@example.com");
    const auto code = guardianCode("mum@example.com");
    const std::string wrongCode = code == "000000" ? "111111" : "000000";
    auto wrong = confirm(token, wrongCode);
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(errorCode(wrong), "invalid_code");
    auto done = confirm(token, code);
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(confirm(token, code).status, 404);  // the request is closed

    // The consent is in the ledger, the guardian's contact only masked and hashed.
    auto consent =
        c->query("SELECT purpose, granted, method FROM consents WHERE user_id = ?", {childId});
    ASSERT_TRUE(consent && consent->size() == 1);
    EXPECT_EQ(storage::getText(consent->front(), 0).valueOr(""), "policy_acceptance");
    EXPECT_EQ(storage::getInt(consent->front(), 1).valueOr(0), 1);
    EXPECT_EQ(storage::getText(consent->front(), 2).valueOr(""), "guardian");
    auto proof = c->query(
        "SELECT guardian_masked, guardian_hash FROM guardian_consents WHERE "
        "user_id = ?",
        {childId});
    ASSERT_TRUE(proof && proof->size() == 1);
    EXPECT_EQ(storage::getText(proof->front(), 0).valueOr(""), "m***@e***.com");
    EXPECT_EQ(storage::getText(proof->front(), 1).valueOr("").size(), 64u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM guardian_requests WHERE user_id = ?", childId), 0);

    auto signedIn = loginByCode("kid@example.com");
    EXPECT_EQ(signedIn.status, 200) << signedIn.body;
    EXPECT_FALSE(cookieValue(signedIn).empty());
}

TEST_P(MinorsApiTest, ChildRegistrationNeedsAnotherPersonsContact) {
    publishPolicy();
    auto missing = registerChild("kid2@example.com", "");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(errorCode(missing), "guardian_required");
    auto own = registerChild("kid2@example.com", "kid2@example.com");
    EXPECT_EQ(own.status, 400);
    EXPECT_EQ(errorCode(own), "invalid_guardian");
    auto malformed = registerChild("kid2@example.com", "not a contact");
    EXPECT_EQ(errorCode(malformed), "invalid_guardian");
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = ?", std::string("kid2@example.com")),
              0);
    // By SMS: the code goes to the guardian's phone.
    auto bySms = registerChild("kid2@example.com", "+44 20 7946 0958");
    ASSERT_EQ(bySms.status, 202) << bySms.body;
    EXPECT_EQ(messagesTo("+442079460958"), 1);
}

TEST_P(MinorsApiTest, ExpiredCodeIsRefusedAndANewOneWorks) {
    publishPolicy();
    ASSERT_EQ(registerChild("kid3@example.com", "dad@example.com").status, 202);
    const auto token = requestToken("dad@example.com");
    const auto old = guardianCode("dad@example.com");
    clock_.advance(11min);
    auto expired = confirm(token, old);
    EXPECT_EQ(expired.status, 400);
    EXPECT_EQ(errorCode(expired), "invalid_code");
    EXPECT_NE(expired.body.find("expired"), std::string::npos);
    ASSERT_EQ(post("/api/v1/guardian/resend", R"({"request":")" + token + R"("})").status, 202);
    EXPECT_EQ(confirm(token, guardianCode("dad@example.com")).status, 200);
}

TEST_P(MinorsApiTest, UnknownRequestsAndMissingPolicyAreRefused) {
    auto unknown = confirm(std::string(32, 'a'), "123456");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(errorCode(unknown), "not_found");
    EXPECT_EQ(confirm("../../etc", "123456").status, 404);
    EXPECT_EQ(post("/api/v1/guardian/confirm", R"({"request":1})").status, 400);
    EXPECT_EQ(post("/api/v1/guardian/resend", "[]").status, 400);
    // No policy published: nothing to consent to, and the code is not spent.
    ASSERT_EQ(registerChild("kid4@example.com", "gran@example.com").status, 202);
    const auto token = requestToken("gran@example.com");
    const auto code = guardianCode("gran@example.com");
    auto noPolicy = confirm(token, code);
    EXPECT_EQ(noPolicy.status, 409);
    EXPECT_EQ(errorCode(noPolicy), "no_policy");
    publishPolicy();
    EXPECT_EQ(confirm(token, code).status, 200);
}

TEST_P(MinorsApiTest, UnconfirmedAccountsAreDeletedAfterSevenDaysWithTheirData) {
    publishPolicy();
    ASSERT_EQ(registerChild("old@example.com", "g1@example.com").status, 202);
    ASSERT_EQ(registerChild("done@example.com", "g2@example.com").status, 202);
    ASSERT_EQ(confirm(requestToken("g2@example.com"), guardianCode("g2@example.com")).status, 200);
    clock_.advance(6 * 24h);
    ASSERT_EQ(registerChild("young@example.com", "g3@example.com").status, 202);
    auto c = connect();
    EXPECT_EQ(*guardians_->purgeUnconfirmed(*c), 0);  // 6 days: not yet
    clock_.advance(24h + 1min);
    auto purged = guardians_->purgeUnconfirmed(*c);
    ASSERT_TRUE(purged) << purged.error().message;
    EXPECT_EQ(*purged, 1);
    EXPECT_EQ(*guardians_->purgeUnconfirmed(*c), 0);  // idempotent
    for (const char* sql : {"SELECT COUNT(*) FROM users WHERE email = ?",
                            "SELECT COUNT(*) FROM one_time_codes WHERE target = ?",
                            "SELECT COUNT(*) FROM outbox_messages WHERE recipient = ?"}) {
        EXPECT_EQ(count(sql, std::string("old@example.com")), 0) << sql;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_messages WHERE recipient = ?",
                    std::string("g1@example.com")),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM one_time_codes WHERE target = ?",
                    std::string("g1@example.com")),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM guardian_requests WHERE guardian_contact = ?",
                    std::string("g1@example.com")),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = ?", std::string("done@example.com")),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = ?", std::string("young@example.com")),
              1);
}

TEST_P(MinorsApiTest, SignInLimitsHoldAcrossRestartsAndProcesses) {
    registerUser("max@example.com", "correct horse");
    services::accounts::AccountsOptions options;
    options.loginPerTarget = {5, 15min};
    options.loginPerIp = {100, 15min};
    auto c = connect();
    auto& random = common::SecureRandom::instance();
    for (int i = 0; i < 5; ++i) {
        // A new Accounts each time: a restarted or another server process.
        services::accounts::Accounts process(options, *codes_, *passwords_, clock_, random);
        auto failed = process.loginWithPassword(*c, "max@example.com", "wrong horse",
                                                {"10.0.0." + std::to_string(i), "test"});
        ASSERT_FALSE(failed);
        EXPECT_EQ(failed.error().code, "login_failed");
    }
    services::accounts::Accounts restarted(options, *codes_, *passwords_, clock_, random);
    auto sixth =
        restarted.loginWithPassword(*c, "max@example.com", "correct horse", {"10.0.1.1", "test"});
    ASSERT_FALSE(sixth);
    EXPECT_EQ(sixth.error().code, "rate_limited");
    clock_.advance(15min);
    EXPECT_TRUE(
        restarted.loginWithPassword(*c, "max@example.com", "correct horse", {"10.0.1.1", "t"}));
}

TEST_P(MinorsApiTest, WrongCodesArePerIpLimitedWhateverTheTarget) {
    // Five wrong codes for five targets from one address (the fixture allows 5)...
    for (int i = 0; i < 5; ++i) {
        const std::string target = "spray" + std::to_string(i) + "@example.com";
        ASSERT_EQ(
            post("/api/v1/auth/code", R"({"target":")" + target + R"(","purpose":"login"})").status,
            202);
        const auto code = latestCode(target);
        auto wrong =
            post("/api/v1/auth/login", R"({"target":")" + target + R"(","code":")" +
                                           (code == "000000" ? "111111" : "000000") + R"("})");
        EXPECT_EQ(wrong.status, 401);
    }
    // ...and the 6th is refused even with the right code.
    ASSERT_EQ(
        post("/api/v1/auth/code", R"({"target":"spray9@example.com","purpose":"register"})").status,
        202);
    auto sixth = post("/api/v1/auth/register", R"({"target":"spray9@example.com","code":")" +
                                                   latestCode("spray9@example.com") +
                                                   R"(","birthYear":1990,"birthMonth":1})");
    EXPECT_EQ(sixth.status, 429);
    EXPECT_EQ(errorCode(sixth), "rate_limited");
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM users WHERE email = ?", std::string("spray9@example.com")), 0);
    EXPECT_EQ(confirm(std::string(32, 'b'), "123456").status, 429);  // guardians' too
}

TEST_P(MinorsApiTest, OperatorConsoleIsForOperatorsOnly) {
    // Two messages of the development transport, the newer one with a code.
    services::outbox::DevFileTransport transport(devOutbox_, clock_,
                                                 common::SecureRandom::instance());
    domain::accounts::OutboundMessage older;
    older.id = 1;
    older.recipient = "a@example.com";
    older.content = {"code_email", "Your VideoPro verification code",
                     "Open http://h:8080/guardian?request=ab234567cd and enter the code 123456.",
                     ""};
    older.createdAt = clock_.now();
    ASSERT_TRUE(transport.send(older));
    auto newer = older;
    newer.id = 2;
    newer.channel = domain::accounts::Channel::Sms;
    newer.recipient = "+442079460958";
    newer.content = {"code_sms", "", "VideoPro code: 654321.", ""};
    newer.createdAt = clock_.now() + 1s;
    ASSERT_TRUE(transport.send(newer));

    EXPECT_EQ(call("GET", "/api/v1/operator/outbox").status, 401);
    const auto user = registerUser("user@example.com", "correct horse");
    auto notOperator = call("GET", "/api/v1/operator/outbox", {}, {user});
    EXPECT_EQ(notOperator.status, 403);
    EXPECT_EQ(errorCode(notOperator), "forbidden");

    auto c = connect();
    ASSERT_TRUE(operators_->create(*c, "op@example.com", "operator horse", *passwords_, "test"));
    EXPECT_EQ(errorCode(post("/api/v1/auth/login", "{}")), "bad_request");
    const auto op = login("op@example.com", "operator horse");  // the normal sign-in
    ASSERT_FALSE(op.empty());
    auto list = call("GET", "/api/v1/operator/outbox", {}, {op});
    ASSERT_EQ(list.status, 200) << list.body;
    const auto messages = parse(list).at("messages").as_array();
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0].at("code").as_string(), "654321");  // newest first
    EXPECT_EQ(messages[0].at("channel").as_string(), "sms");
    EXPECT_EQ(messages[1].at("code").as_string(), "123456");
    EXPECT_EQ(messages[1].at("to").as_string(), "a@example.com");
    EXPECT_EQ(messages[1].at("subject").as_string(), "Your VideoPro verification code");
    auto one = call("GET", "/api/v1/operator/outbox?limit=1", {}, {op});
    EXPECT_EQ(parse(one).at("messages").as_array().size(), 1u);
    EXPECT_EQ(call("GET", "/api/v1/operator/outbox?limit=100000", {}, {op}).status, 400);
    EXPECT_EQ(call("GET", "/api/v1/operator/outbox?limit=x", {}, {op}).status, 400);
    // The same email cannot become a second account.
    auto again = operators_->create(*c, "op@example.com", "operator horse", *passwords_, "test");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "account_exists");
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(MinorsApiTest);

}  // namespace
}  // namespace vp::api::v1::testing
