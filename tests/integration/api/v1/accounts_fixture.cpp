#include "accounts_fixture.hpp"

#include <array>
#include <boost/json.hpp>
#include <regex>

#include "api/v1/accounts_api.hpp"
#include "api/v1/minors_operator_api.hpp"
#include "common/random.hpp"

namespace vp::api::v1::testing {

boost::json::object parse(const HttpReply& reply) {
    boost::system::error_code ec;
    auto v = boost::json::parse(reply.body, ec);
    return !ec && v.is_object() ? v.as_object() : boost::json::object{};
}

std::string errorCode(const HttpReply& reply) {
    auto o = parse(reply);
    const auto* e = o.if_contains("error");
    return e ? std::string(e->at("code").as_string()) : std::string{};
}

void AccountsApiTest::SetUp() {
    BackendTest::SetUp();
    ASSERT_TRUE(database().migrate(clock_));
    pool_ = std::make_unique<storage::DbPool>(database(), storage::DbPool::Options{2, 256});
    std::array<std::uint8_t, 32> key{};
    key.fill(7);
    auto hasher = services::codes::CodeHasher::fromKey(key);
    ASSERT_TRUE(hasher);
    hasher_.emplace(std::move(*hasher));
    outbox_ = std::make_unique<services::outbox::Outbox>(services::outbox::OutboxLimits{}, clock_);
    codes_ = std::make_unique<services::codes::OneTimeCodes>(domain::accounts::CodeLimits{},
                                                             *hasher_, *outbox_, clock_,
                                                             common::SecureRandom::instance());
    auto passwords = services::accounts::PasswordHasher::create();
    ASSERT_TRUE(passwords);
    passwords_.emplace(std::move(*passwords));
    services::accounts::AccountsOptions options;
    options.loginPerTarget = {3, std::chrono::minutes{15}};
    options.loginPerIp = {30, std::chrono::minutes{15}};
    options.codeFailuresPerIp = {5, std::chrono::minutes{15}};
    accounts_ = std::make_unique<services::accounts::Accounts>(
        options, *codes_, *passwords_, clock_, common::SecureRandom::instance());
    policies_ = std::make_unique<services::privacy::PolicyStore>(clock_);
    ledger_ = std::make_unique<services::privacy::ConsentLedger>(*policies_, clock_);
    services::accounts::GuardianOptions guardianOptions;
    guardianOptions.codeFailuresPerIp = options.codeFailuresPerIp;
    guardians_ = std::make_unique<services::accounts::GuardianConsents>(
        guardianOptions, *codes_, *policies_, *ledger_, clock_, common::SecureRandom::instance());
    accounts_->attachGuardianConsents(*guardians_);
    operators_ = std::make_unique<services::accounts::Operators>(clock_);
    devOutbox_ = std::filesystem::temp_directory_path() /
                 ("vp-dev-outbox-" + common::SecureRandom::instance().hexToken(8));
    AccountsApiOptions apiOptions;
    apiOptions.publicUrl = publicUrl_;
    addAccountsRoutes(router_, *pool_, *accounts_, apiOptions);
    addGuardianRoutes(router_, *pool_, *accounts_, *guardians_, apiOptions);
    addOperatorRoutes(router_, *pool_, *accounts_, *operators_, {devOutbox_}, apiOptions);
    addMoreRoutes(router_);
    ServerOptions serverOptions;
    serverOptions.port = 0;
    serverOptions.clock = &clock_;
    server_ = std::make_unique<HttpServer>(serverOptions, router_);
    ASSERT_TRUE(server_->start());
    port_ = server_->port();
}

void AccountsApiTest::TearDown() {
    if (server_) {
        server_->stop();
        server_->wait();
    }
    if (pool_) {
        pool_->stop();
    }
    std::error_code ec;
    std::filesystem::remove_all(devOutbox_, ec);
}

HttpReply AccountsApiTest::call(std::string_view method, std::string_view path,
                                std::string_view body, const Call& how) {
    std::string headers = "User-Agent: " + how.userAgent + "\r\n";
    if (how.origin) {
        headers += "Origin: " + *how.origin + "\r\n";
    }
    if (!how.cookie.empty()) {
        headers += "Cookie: theme=dark; vp_session=" + how.cookie + "\r\n";
    }
    if (!how.csrf.empty()) {
        headers += "X-CSRF-Token: " + how.csrf + "\r\n";
    }
    if (!body.empty()) {
        headers += "Content-Type: application/json\r\n";
    }
    auto reply = api::testing::httpRequest(port_, method, path, headers, body);
    EXPECT_TRUE(reply) << method << " " << path << " got no answer";
    return reply ? *reply : HttpReply{};
}

std::string AccountsApiTest::latestCode(const std::string& target) {
    auto c = connect();
    auto rows = c->query(
        "SELECT body_text FROM outbox_messages WHERE recipient = ? ORDER BY id DESC LIMIT 1",
        {storage::SqlValue{target}});
    EXPECT_TRUE(rows && !rows->empty()) << "no message to " << target;
    if (!rows || rows->empty()) {
        return {};
    }
    const auto text = storage::getText(rows->front(), 0).valueOr("");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(text, m, std::regex("[0-9]{6}"))) << text;
    return m.empty() ? std::string{} : m.str(0);
}

std::int64_t AccountsApiTest::messagesTo(const std::string& target) {
    auto c = connect();
    auto rows = c->query("SELECT COUNT(*) FROM outbox_messages WHERE recipient = ?",
                         {storage::SqlValue{target}});
    return rows && !rows->empty() ? storage::getInt(rows->front(), 0).valueOr(-1) : -1;
}

std::string AccountsApiTest::registerUser(const std::string& email, const std::string& password,
                                          int birthYear) {
    auto sent = post("/api/v1/auth/code", R"({"target":")" + email + R"(","purpose":"register"})");
    EXPECT_EQ(sent.status, 202) << sent.body;
    std::string body = R"({"target":")" + email + R"(","code":")" + latestCode(email) +
                       R"(","displayName":"Test User","birthYear":)" + std::to_string(birthYear) +
                       R"(,"birthMonth":1)";
    if (!password.empty()) {
        body += R"(,"password":")" + password + "\"";
    }
    body += "}";
    auto done = post("/api/v1/auth/register", body);
    EXPECT_TRUE(done.status == 201 || done.status == 202) << done.body;
    return cookieValue(done);
}

std::string AccountsApiTest::login(const std::string& email, const std::string& password) {
    auto reply = post("/api/v1/auth/login",
                      R"({"target":")" + email + R"(","password":")" + password + R"("})");
    return reply.status == 200 ? cookieValue(reply) : std::string{};
}

std::string AccountsApiTest::csrfOf(const std::string& cookie) {
    auto me = call("GET", "/api/v1/me", {}, {cookie});
    EXPECT_EQ(me.status, 200) << me.body;
    if (me.status != 200) {
        return {};
    }
    return std::string(boost::json::parse(me.body).at("csrfToken").as_string());
}

AccountsApiTest::SignedUp AccountsApiTest::signUp(const std::string& email,
                                                  const std::string& password) {
    SignedUp u{email, registerUser(email, password), {}, 0};
    auto me = call("GET", "/api/v1/me", {}, {u.cookie});
    EXPECT_EQ(me.status, 200) << me.body;
    if (me.status == 200) {
        const auto body = boost::json::parse(me.body);
        u.csrf = std::string(body.at("csrfToken").as_string());
        u.id = body.at("user").at("id").as_int64();
    }
    return u;
}

std::string AccountsApiTest::cookieValue(const HttpReply& reply) {
    const std::string setCookie = reply.header("set-cookie");
    const std::string prefix = "vp_session=";
    if (!setCookie.starts_with(prefix)) {
        return {};
    }
    return setCookie.substr(prefix.size(), setCookie.find(';') - prefix.size());
}

}  // namespace vp::api::v1::testing
