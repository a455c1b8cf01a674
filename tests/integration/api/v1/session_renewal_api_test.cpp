// "New token on privilege change" (R-ACC-3) over real HTTP and a real database, on
// SQLite and PostgreSQL: joining an enterprise renews the joiner's token in the
// answer; a promotion, demotion, disabling or removal renews the member's token on
// his next request (same session, new cookie and CSRF token); the replaced token
// serves for the grace only. Also a fellow member's avatar (R-ACC-5).
#include <boost/json.hpp>

#include <chrono>
#include <string>

#include "enterprises_fixture.hpp"
#include "services/profile/sql_profile_repository.hpp"

namespace vp::api::v1::testing {
namespace {

class SessionRenewalApiTest : public EnterprisesApiTest {
  protected:
    // Ada's enterprise with Bob as a member (he accepted an invitation).
    struct Team {
        Admin ada;
        User bob;  // Bob's session after joining (the accept answer's cookie)
    };
    Team team() {
        Team t{registerEnterprise("ada@acme.example", "Acme Widgets"), {}};
        const auto id = invite(t.ada, "bob@example.com");
        t.bob = signUp("bob@example.com", "Bob");
        auto accepted = call("POST", "/api/v1/invitations/" + std::to_string(id) + "/accept", "{}",
                             t.bob.call());
        EXPECT_EQ(accepted.status, 200) << accepted.body;
        expectRenewed(accepted, t.bob);
        t.bob = renewedFrom(accepted, t.bob);
        return t;
    }

    // The session id the Security Center shows as current.
    std::int64_t sessionId(const User& u) {
        auto me = call("GET", "/api/v1/me", {}, u.call());
        EXPECT_EQ(me.status, 200) << me.body;
        auto body = parse(me);
        return body.contains("session") ? body.at("session").at("id").as_int64() : 0;
    }

    // The answer replaced the session's token: a new cookie with the right
    // attributes and the matching CSRF token in X-CSRF-Token.
    void expectRenewed(const HttpReply& reply, const User& before) {
        const std::string setCookie = reply.header("set-cookie");
        EXPECT_TRUE(setCookie.starts_with("vp_session=")) << setCookie;
        EXPECT_NE(cookieValue(reply), before.cookie);
        EXPECT_NE(setCookie.find("; Path=/"), std::string::npos) << setCookie;
        EXPECT_NE(setCookie.find("; HttpOnly"), std::string::npos) << setCookie;
        EXPECT_NE(setCookie.find("; SameSite=Lax"), std::string::npos) << setCookie;
        EXPECT_NE(setCookie.find("; Max-Age="), std::string::npos) << setCookie;
        EXPECT_EQ(setCookie.find("Secure"), std::string::npos) << setCookie;  // plain HTTP
        EXPECT_FALSE(reply.header("x-csrf-token").empty());
        EXPECT_NE(reply.header("x-csrf-token"), before.csrf);
        EXPECT_EQ(reply.header("cache-control"), "no-store");
    }
    static User renewedFrom(const HttpReply& reply, const User& before) {
        return User{cookieValue(reply), reply.header("x-csrf-token"), before.id};
    }

    void afterTheGrace() { clock_.advance(std::chrono::seconds{31}); }
};

TEST_P(SessionRenewalApiTest, APromotionRenewsTheMembersTokenOnHisNextRequest) {
    const auto [ada, joined] = team();
    const std::int64_t session = sessionId(joined);
    ASSERT_GT(session, 0);
    ASSERT_EQ(call("PATCH", ada.path("/members/" + std::to_string(joined.id)),
                   R"({"role":"administrator"})", ada.call())
                  .status,
              200);

    // His next request is served, with a new token for the same session.
    auto next = call("GET", "/api/v1/enterprises", {}, joined.call());
    ASSERT_EQ(next.status, 200) << next.body;
    expectRenewed(next, joined);
    const User bob = renewedFrom(next, joined);
    EXPECT_EQ(sessionId(bob), session);
    EXPECT_NE(
        call("GET", "/api/v1/security/sessions", {}, bob.call()).body.find("\"current\":true"),
        std::string::npos);
    // The new cookie and CSRF token work for an administrator's action…
    EXPECT_EQ(call("POST", ada.path("/invitations"), R"({"target":"dan@example.com"})", bob.call())
                  .status,
              201);
    // …and a request under the old token, in flight meanwhile, is served without a
    // second renewal; after the grace the old token is refused and cleared.
    auto inFlight = call("GET", "/api/v1/me", {}, joined.call());
    EXPECT_EQ(inFlight.status, 200);
    EXPECT_TRUE(inFlight.header("set-cookie").empty());
    afterTheGrace();
    auto stale = call("GET", "/api/v1/me", {}, joined.call());
    EXPECT_EQ(stale.status, 401);
    EXPECT_EQ(errorCode(stale), "unauthenticated");
    auto fresh = call("GET", "/api/v1/me", {}, bob.call());
    ASSERT_EQ(fresh.status, 200);
    EXPECT_TRUE(fresh.header("set-cookie").empty());  // renewed once only
}

TEST_P(SessionRenewalApiTest, JoiningRenewsTheTokenInTheAcceptAnswerAndInOtherSessions) {
    const Admin ada = registerEnterprise("ada@acme.example", "Acme Widgets");
    const auto id = invite(ada, "bob@example.com");
    const User bob = signUp("bob@example.com", "Bob");
    const User bobElsewhere = signIn("bob@example.com");
    auto accepted =
        call("POST", "/api/v1/invitations/" + std::to_string(id) + "/accept", "{}", bob.call());
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    expectRenewed(accepted, bob);
    const User joined = renewedFrom(accepted, bob);
    EXPECT_EQ(call("GET", ada.path("/members"), {}, joined.call()).status, 200);
    // His other session is renewed on its own next request.
    auto other = call("GET", ada.path("/members"), {}, bobElsewhere.call());
    EXPECT_EQ(other.status, 200);
    expectRenewed(other, bobElsewhere);
    afterTheGrace();
    EXPECT_EQ(call("GET", "/api/v1/me", {}, bob.call()).status, 401);
    EXPECT_EQ(call("GET", "/api/v1/me", {}, bobElsewhere.call()).status, 401);
    EXPECT_EQ(call("GET", "/api/v1/me", {}, joined.call()).status, 200);
    EXPECT_EQ(call("GET", "/api/v1/me", {}, renewedFrom(other, bobElsewhere).call()).status, 200);
}

TEST_P(SessionRenewalApiTest, DemotionDisablingAndRemovalEachRenewTheMembersToken) {
    auto [ada, bob] = team();
    const std::string bobPath = ada.path("/members/" + std::to_string(bob.id));
    ASSERT_EQ(call("PATCH", bobPath, R"({"role":"administrator"})", ada.call()).status, 200);
    for (const auto& [method, body] :
         {std::pair<std::string, std::string>{"PATCH", R"({"role":"member"})"},
          {"PATCH", R"({"status":"disabled"})"},
          {"PATCH", R"({"status":"active"})"},
          {"DELETE", ""}}) {
        SCOPED_TRACE(method + " " + body);
        // Settle any pending renewal, then change his membership.
        auto settled = call("GET", "/api/v1/me", {}, bob.call());
        ASSERT_EQ(settled.status, 200);
        if (!settled.header("set-cookie").empty()) {
            bob = renewedFrom(settled, bob);
        }
        auto changed = call(method, bobPath, body, ada.call());
        ASSERT_TRUE(changed.status == 200 || changed.status == 204) << changed.body;
        auto next = call("GET", "/api/v1/me", {}, bob.call());
        ASSERT_EQ(next.status, 200);
        expectRenewed(next, bob);
        afterTheGrace();
        EXPECT_EQ(call("GET", "/api/v1/me", {}, bob.call()).status, 401);
        bob = renewedFrom(next, bob);
    }
    // The administrator who acted keeps his token.
    auto adaNext = call("GET", "/api/v1/me", {}, ada.call());
    EXPECT_EQ(adaNext.status, 200);
    EXPECT_TRUE(adaNext.header("set-cookie").empty());
}

TEST_P(SessionRenewalApiTest, RegisteringAnEnterpriseRenewsTheCreatorsOtherSessions) {
    const User carol = signUp("carol@acme.example", "Carol");
    const User carolElsewhere = signIn("carol@acme.example");
    const Admin admin = registerEnterprise("carol@acme.example", "Acme Widgets", carol.call());
    ASSERT_EQ(admin.user.id, carol.id);
    // The registering session was replaced by a new one; her other session is renewed.
    EXPECT_EQ(call("GET", "/api/v1/me", {}, carol.call()).status, 401);
    auto other = call("GET", "/api/v1/me", {}, carolElsewhere.call());
    ASSERT_EQ(other.status, 200);
    expectRenewed(other, carolElsewhere);
    EXPECT_EQ(call("GET", admin.path(), {}, renewedFrom(other, carolElsewhere).call()).status, 200);
}

TEST_P(SessionRenewalApiTest, MembersSeeAFellowMembersAvatarAndOtherEnterprisesSeeNothing) {
    const auto [ada, bob] = team();
    {
        auto c = connect();
        domain::accounts::StoredAvatar avatar;
        avatar.info = {"image/jpeg", 2, 2, 4, clock_.now()};
        avatar.image = {0xFF, 0xD8, 0xFF, 0xD9};
        ASSERT_TRUE(services::profile::SqlProfileRepository(*c).saveAvatar(ada.user.id, avatar));
    }
    auto members = list(ada.path("/members"), bob.call(), "members");
    ASSERT_EQ(members.size(), 2u);
    const std::string url = str(members[0].as_object(), "avatarUrl");  // Ada Admin
    ASSERT_TRUE(url.starts_with(ada.path("/member-avatars/"))) << url;
    EXPECT_TRUE(members[1].as_object().at("avatarUrl").is_null());  // Bob has none

    auto image = call("GET", url, {}, bob.call());
    ASSERT_EQ(image.status, 200) << image.body;
    EXPECT_EQ(image.header("content-type"), "image/jpeg");
    EXPECT_EQ(image.body, std::string("\xFF\xD8\xFF\xD9"));
    EXPECT_EQ(image.header("cache-control"), "private, no-cache");

    // A member of another enterprise, with the same URL or his own enterprise's id,
    // learns nothing: 404 as for an enterprise that does not exist.
    const Admin eve = registerEnterprise("eve@other.example", "Other Ltd");
    auto foreign = call("GET", url, {}, eve.call());
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(errorCode(foreign), "enterprise_not_found");
    const std::string memberId = url.substr(url.rfind('/') + 1, url.find('?') - url.rfind('/') - 1);
    auto crossed = call("GET", eve.path("/member-avatars/" + memberId), {}, eve.call());
    EXPECT_EQ(crossed.status, 404);
    EXPECT_EQ(errorCode(crossed), "member_not_found");
    EXPECT_EQ(crossed.body.find("Ada"), std::string::npos);
    // Without a session: 401.
    auto anonymous = call("GET", url);
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(errorCode(anonymous), "unauthenticated");
    // A member without an avatar: 404 not_found.
    auto c = connect();
    auto rows = c->query("SELECT id FROM enterprise_members WHERE user_id = ?", {bob.id});
    ASSERT_TRUE(rows && rows->size() == 1);
    const auto bobsId = storage::getInt(rows->front(), 0).valueOr(0);
    auto none = call("GET", ada.path("/member-avatars/" + std::to_string(bobsId)), {}, ada.call());
    EXPECT_EQ(none.status, 404);
    EXPECT_EQ(errorCode(none), "not_found");
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(SessionRenewalApiTest);

// Behind TLS (an https public URL) the renewed cookie is Secure too.
class SecureSessionRenewalApiTest : public EnterprisesApiTest {
  public:
    SecureSessionRenewalApiTest() { publicUrl_ = "https://meet.example"; }
};

TEST_P(SecureSessionRenewalApiTest, TheRenewedCookieIsSecureUnderAnHttpsPublicUrl) {
    const Admin ada = registerEnterprise("ada@acme.example", "Acme Widgets");
    const auto id = invite(ada, "bob@example.com");
    const User bob = signUp("bob@example.com", "Bob");
    auto accepted =
        call("POST", "/api/v1/invitations/" + std::to_string(id) + "/accept", "{}", bob.call());
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    const std::string setCookie = accepted.header("set-cookie");
    EXPECT_TRUE(setCookie.starts_with("vp_session=")) << setCookie;
    EXPECT_NE(setCookie.find("; HttpOnly; SameSite=Lax; Secure"), std::string::npos) << setCookie;
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(SecureSessionRenewalApiTest);

}  // namespace
}  // namespace vp::api::v1::testing
