// R-COOKIE-1: without consent the server sets only the strictly necessary session
// cookie (the CSRF token travels in a header, not a cookie). Every /api route of
// every family — accounts, guardians, operator, meetings, privacy, enterprises — is called
// anonymously and signed in; every Set-Cookie must be vp_session.
#include <array>
#include <optional>
#include <sstream>

#include "accounts_fixture.hpp"
#include "api/v1/enterprises_api.hpp"
#include "api/v1/meetings_api.hpp"
#include "api/v1/openapi.hpp"
#include "api/v1/privacy_api.hpp"
#include "common/random.hpp"

namespace vp::api::v1::testing {
namespace {

class CookiesApiTest : public AccountsApiTest {
  protected:
    void addMoreRoutes(Router& router) override {
        std::array<std::uint8_t, 32> key{};
        key.fill(3);
        auto passcodes = services::meetings::PasscodeHasher::fromMasterKey(key);
        auto tokens = services::meetings::JoinTokenSigner::fromMasterKey(key);
        ASSERT_TRUE(passcodes && tokens);
        meetings_.emplace(services::meetings::MeetingsOptions{}, *passcodes, *tokens, clock_,
                          common::SecureRandom::instance());
        addMeetingsRoutes(router, *pool_, *accounts_, *meetings_, {});
        gate_.emplace(*policies_, *ledger_);
        addPrivacyRoutes(router, *pool_, *accounts_, {*policies_, *ledger_, *gate_, "CN"}, {});
        enterprises_.emplace(services::enterprises::EnterprisesOptions{}, *codes_, *outbox_,
                             *accounts_, clock_);
        addEnterprisesRoutes(router, *pool_, *accounts_, *enterprises_, {});
        addOpenApiRoute(router);
    }

    std::optional<services::meetings::Meetings> meetings_;
    std::optional<services::privacy::ConsentGate> gate_;
    std::optional<services::enterprises::Enterprises> enterprises_;
};

// The cookie names of a reply's Set-Cookie lines.
std::vector<std::string> cookieNames(const HttpReply& reply) {
    std::vector<std::string> names;
    std::istringstream lines(reply.header("set-cookie"));
    for (std::string line; std::getline(lines, line);) {
        names.push_back(line.substr(0, line.find('=')));
    }
    return names;
}

TEST_P(CookiesApiTest, EveryRouteSetsOnlyTheSessionCookie) {
    const auto cookie = registerUser("cookie@example.com", "correct horse");
    const auto csrf = csrfOf(cookie);
    std::set<std::string> families;
    int calls = 0;
    for (const auto& route : router_.routes()) {
        if (!route.pattern.starts_with("/api/") || route.pattern == "/api/v1/auth/logout") {
            continue;  // sign-out is called last, below
        }
        std::string path = route.pattern;
        for (auto open = path.find('{'); open != std::string::npos; open = path.find('{')) {
            path.replace(open, path.find('}', open) - open + 1, "1");
        }
        families.insert(path.substr(0, path.find('/', 8)));
        const std::string body = route.method == "GET" ? "" : "{}";
        for (const auto& how : {Call(), Call(cookie, csrf)}) {
            const auto reply = call(route.method, path, body, how);
            ++calls;
            for (const auto& name : cookieNames(reply)) {
                EXPECT_EQ(name, "vp_session") << route.method << " " << route.pattern;
            }
        }
    }
    // The sign-in and sign-out answers do set it; nothing else appears.
    auto login =
        post("/api/v1/auth/login", R"({"target":"cookie@example.com","password":"correct horse"})");
    EXPECT_EQ(cookieNames(login), std::vector<std::string>{"vp_session"});
    auto logout = post("/api/v1/auth/logout", "", {cookieValue(login), csrfOf(cookieValue(login))});
    EXPECT_EQ(cookieNames(logout), std::vector<std::string>{"vp_session"});
    EXPECT_GE(families.size(), 6u);  // auth, me, security, guardian, operator, meetings, …
    EXPECT_GE(calls, 40);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(CookiesApiTest);

}  // namespace
}  // namespace vp::api::v1::testing
