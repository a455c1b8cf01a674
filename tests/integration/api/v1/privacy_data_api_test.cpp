// "Download my data", account cancellation and privacy requests over real HTTP and a
// real database, on SQLite and PostgreSQL: the owner-only download link, the
// re-verification before cancellation, the account gone at once, bad input refused.
#include <boost/json.hpp>

#include "accounts_fixture.hpp"
#include "api/v1/privacy_api.hpp"
#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/videopro_data_map.hpp"

namespace vp::api::v1::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPassword = "correct horse battery";

class PrivacyDataApiTest : public AccountsApiTest {
  protected:
    void SetUp() override {
        AccountsApiTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        std::array<std::uint8_t, 32> key{};
        key.fill(9);
        pseudonyms_.emplace(services::privacy::Pseudonymiser::fromKey(key).value());
        exports_ = std::make_unique<services::privacy::DataExports>(
            *pool_, domain::privacy::videoproDataMap(), domain::privacy::videoproSubjectPaths(),
            audit_, clock_, common::SecureRandom::instance(),
            services::privacy::DataExportOptions{});
        cancellation_ = std::make_unique<services::privacy::AccountCancellation>(
            domain::privacy::videoproDataMap(), domain::privacy::videoproSubjectPaths(),
            domain::privacy::videoproCancellationRules(), *pseudonyms_, audit_);
        addPrivacyDataRoutes(router_, *pool_, *accounts_, {*exports_, *cancellation_, requests_},
                             {});
    }

    using User = SignedUp;

    // Requests an export and waits until it is ready; returns its id.
    std::string readyExport(const User& u) {
        auto started = call("POST", "/api/v1/privacy/exports", "", u.call());
        EXPECT_EQ(started.status, 202) << started.body;
        const std::string id(parse(started).at("id").as_string());
        EXPECT_TRUE(storage::testing::waitUntil([&] {
            auto status = call("GET", "/api/v1/privacy/exports/" + id, {}, u.call());
            return parse(status).at("status").as_string() == "ready";
        }));
        return id;
    }

    services::privacy::AuditLog audit_{clock_};
    std::optional<services::privacy::Pseudonymiser> pseudonyms_;
    std::unique_ptr<services::privacy::DataExports> exports_;
    std::unique_ptr<services::privacy::AccountCancellation> cancellation_;
    services::privacy::PrivacyRequests requests_{{}, clock_, common::SecureRandom::instance()};
};

TEST_P(PrivacyDataApiTest, TheOwnerDownloadsHisArchiveAndNobodyElseCan) {
    User ann = signUp("ann-export@example.com");
    User eve = signUp("eve-export@example.com");
    const std::string id = readyExport(ann);
    const std::string archive = "/api/v1/privacy/exports/" + id + "/archive";

    auto status = parse(call("GET", "/api/v1/privacy/exports/" + id, {}, ann.call()));
    EXPECT_EQ(status.at("progress").as_int64(), 100);
    EXPECT_EQ(status.at("downloadUrl").as_string(), archive);
    auto download = call("GET", archive, {}, ann.call());
    ASSERT_EQ(download.status, 200);
    EXPECT_EQ(download.header("content-type"), "application/zip");
    EXPECT_EQ(download.header("cache-control"), "no-store");
    EXPECT_EQ(download.body.substr(0, 2), "PK");
    EXPECT_NE(download.body.find("index.html"), std::string::npos);

    // Another user, a visitor, a malformed or forged id: nothing.
    EXPECT_EQ(call("GET", archive, {}, eve.call()).status, 404);
    EXPECT_EQ(call("GET", "/api/v1/privacy/exports/" + id, {}, eve.call()).status, 404);
    EXPECT_EQ(call("GET", archive).status, 401);
    EXPECT_EQ(call("GET", "/api/v1/privacy/exports/1/archive", {}, ann.call()).status, 404);
    std::string forged = id;
    forged[0] = forged[0] == 'a' ? 'b' : 'a';
    EXPECT_EQ(call("GET", "/api/v1/privacy/exports/" + forged + "/archive", {}, ann.call()).status,
              404);
    // Without the CSRF token no export starts.
    EXPECT_EQ(call("POST", "/api/v1/privacy/exports", "", Call(ann.cookie)).status, 403);

    // Five days later the link is dead (for a new session: the old one has ended).
    clock_.advance(std::chrono::hours{5 * 24});
    ann.cookie = login(ann.email, kPassword);
    ann.csrf = csrfOf(ann.cookie);
    EXPECT_EQ(call("GET", archive, {}, ann.call()).status, 404);
    auto list = parse(call("GET", "/api/v1/privacy/exports", {}, ann.call()));
    EXPECT_EQ(list.at("exports").as_array().size(), 1U);
}

TEST_P(PrivacyDataApiTest, CancellationNeedsConfirmationAndAFreshCode) {
    User ann = signUp("ann-cancel@example.com");
    const std::int64_t annId =
        parse(call("GET", "/api/v1/me", {}, ann.call())).at("user").at("id").as_int64();
    auto noCode = call("POST", "/api/v1/privacy/cancellation", R"({"confirm":true})", ann.call());
    EXPECT_EQ(noCode.status, 400);
    EXPECT_EQ(errorCode(noCode), "bad_request");
    auto wrong = call("POST", "/api/v1/privacy/cancellation", R"({"code":"000000","confirm":true})",
                      ann.call());
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(errorCode(wrong), "reauthentication_failed");

    auto sent = call("POST", "/api/v1/privacy/cancellation/code", "", ann.call());
    ASSERT_EQ(sent.status, 202) << sent.body;
    const std::string code = latestCode(ann.email);
    auto unconfirmed = call("POST", "/api/v1/privacy/cancellation",
                            R"({"code":")" + code + R"(","confirm":false})", ann.call());
    EXPECT_EQ(unconfirmed.status, 400);
    auto crossSite =
        call("POST", "/api/v1/privacy/cancellation", R"({"code":")" + code + R"(","confirm":true})",
             Call(ann.cookie, ann.csrf, std::string("https://evil.example")));
    EXPECT_EQ(crossSite.status, 403);
    EXPECT_EQ(errorCode(crossSite), "csrf_failed");
    EXPECT_EQ(call("GET", "/api/v1/me", {}, ann.call()).status, 200);

    auto done = call("POST", "/api/v1/privacy/cancellation",
                     R"({"code":")" + code + R"(","confirm":true})", ann.call());
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_NE(done.header("set-cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(call("GET", "/api/v1/me", {}, ann.call()).status, 401);
    auto c = connect();
    auto left = cancellation_->remaining(*c, annId);
    ASSERT_TRUE(left);
    for (const auto& o : *left) {
        if (o.action != domain::privacy::OnCancellation::Keep) {
            EXPECT_EQ(o.remaining, 0) << o.table;
        }
    }
    EXPECT_EQ(messagesTo(ann.email), 0);  // the codes sent to her went with the account
    EXPECT_EQ(audit_.entries(*c).value().back().action, "privacy.account.cancelled");
}

TEST_P(PrivacyDataApiTest, RequestsAreFiledWithTheirDueDate) {
    User ann = signUp("ann-request@example.com");
    auto filed =
        call("POST", "/api/v1/privacy/requests",
             R"({"kind":"explanation","details":"How do you use my attendance?"})", ann.call());
    ASSERT_EQ(filed.status, 201) << filed.body;
    auto r = parse(filed);
    EXPECT_EQ(r.at("status").as_string(), "received");
    EXPECT_TRUE(r.at("identityVerified").as_bool());
    EXPECT_EQ(r.at("history").as_array().size(), 1U);
    EXPECT_GT(r.at("dueAt").as_string(), r.at("receivedAt").as_string());
    for (const char* body :
         {R"({"kind":"deceased_relative","details":"x"})",
          R"({"kind":"mind_reading","details":"x"})", R"({"kind":"access","details":""})",
          R"({"kind":"access"})", "not json"}) {
        auto bad = call("POST", "/api/v1/privacy/requests", body, ann.call());
        EXPECT_EQ(bad.status, 400) << body << " " << bad.body;
    }
    auto mine = parse(call("GET", "/api/v1/privacy/requests", {}, ann.call()));
    EXPECT_EQ(mine.at("requests").as_array().size(), 1U);
    User eve = signUp("eve-request@example.com");
    EXPECT_TRUE(parse(call("GET", "/api/v1/privacy/requests", {}, eve.call()))
                    .at("requests")
                    .as_array()
                    .empty());
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(PrivacyDataApiTest);

}  // namespace
}  // namespace vp::api::v1::testing
