// The enterprises API over real HTTP and a real database, on SQLite and PostgreSQL:
// registration verified by an email code, invitations (accept, decline, expiry),
// what members and administrators see, and role changes that never leave an
// enterprise without an administrator.
#include <future>

#include "enterprises_fixture.hpp"

namespace vp::api::v1::testing {
namespace {

using namespace std::chrono_literals;

TEST_P(EnterprisesApiTest, RegistersAnEnterpriseWhoseCreatorBecomesItsAdministrator) {
    auto sent =
        post("/api/v1/enterprises/registration-code", form("ada@acme.example", "Acme Widgets"));
    ASSERT_EQ(sent.status, 202) << sent.body;
    {
        auto c = connect();
        auto rows =
            c->query("SELECT template, subject, body_html FROM outbox_messages WHERE recipient = ?",
                     {storage::SqlValue{std::string("ada@acme.example")}});
        ASSERT_TRUE(rows && rows->size() == 1);
        EXPECT_EQ(storage::getText(rows->front(), 0).valueOr(""), "enterprise_verification");
        EXPECT_NE(storage::getText(rows->front(), 1).valueOr("").find("Acme Widgets"),
                  std::string::npos);
        EXPECT_NE(storage::getText(rows->front(), 2).valueOr("").find("<strong>"),
                  std::string::npos);
    }
    auto wrong =
        post("/api/v1/enterprises", form("ada@acme.example", "Acme Widgets",
                                         R"(,"code":"000000","birthYear":1985,"birthMonth":6)"));
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(errorCode(wrong), "invalid_code");
    EXPECT_EQ(count("enterprises"), 0);
    EXPECT_EQ(count("users"), 0);

    const Admin ada = registerEnterprise("ada@acme.example", "Acme Widgets");
    ASSERT_GT(ada.enterpriseId, 0);
    ASSERT_FALSE(ada.user.cookie.empty());
    auto mine = list("/api/v1/enterprises", ada.call(), "enterprises");
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(str(mine[0].as_object(), "name"), "Acme Widgets");
    EXPECT_EQ(str(mine[0].as_object(), "role"), "administrator");
    auto details = call("GET", ada.path(), {}, ada.call());
    ASSERT_EQ(details.status, 200) << details.body;
    auto e = parse(details);
    EXPECT_EQ(str(e, "contactEmail"), "ada@acme.example");
    EXPECT_EQ(str(e, "contactPhone"), "+442079460958");
    EXPECT_EQ(str(e, "contactName"), "Ada Admin");
    EXPECT_EQ(str(e, "notes"), "50 seats");
    // The creator's new account carries his name; the unverified mobile is not put
    // on his account.
    auto me = parse(call("GET", "/api/v1/me", {}, ada.call()));
    EXPECT_EQ(str(me.at("user").as_object(), "displayName"), "Ada Admin");
    EXPECT_TRUE(me.at("user").as_object().at("phone").is_null());
}

TEST_P(EnterprisesApiTest, RegistrationRefusesBadInputWithClearErrorsAndStoresNothing) {
    struct Case {
        std::string body;
        std::string code;
    };
    const std::vector<Case> cases{
        {form("ada@", "Acme"), "invalid_email"},
        {form("ada@acme..example", "Acme"), "invalid_email"},
        {R"({"companyName":"Acme","creatorName":"Ada","mobile":"020 7946 0958","email":"a@acme.example"})",
         "invalid_phone"},
        {R"({"companyName":"Acme","creatorName":"Ada","mobile":"+44 20 79x6","email":"a@acme.example"})",
         "invalid_phone"},
        {form("ada@acme.example", ""), "invalid_company_name"},
        {form("ada@acme.example", std::string(121, 'A')), "invalid_company_name"},
        {R"({"companyName":"Acme","mobile":"+442079460958","email":"a@acme.example"})",
         "bad_request"},
        {"not json", "bad_request"},
    };
    for (const auto& c : cases) {
        auto reply = post("/api/v1/enterprises/registration-code", c.body);
        EXPECT_EQ(reply.status, 400) << c.body;
        EXPECT_EQ(errorCode(reply), c.code) << c.body << " " << reply.body;
        EXPECT_FALSE(str(parse(reply).at("error").as_object(), "message").empty());
    }
    EXPECT_EQ(count("outbox_messages"), 0);
    // A child may not create an enterprise; the code is checked after the form.
    ASSERT_EQ(
        post("/api/v1/enterprises/registration-code", form("kid@acme.example", "Acme")).status,
        202);
    auto child = post("/api/v1/enterprises", form("kid@acme.example", "Acme",
                                                  R"(,"code":")" + latestCode("kid@acme.example") +
                                                      R"(","birthYear":2025,"birthMonth":1)"));
    EXPECT_EQ(child.status, 400);
    EXPECT_EQ(errorCode(child), "creator_under_age");
    EXPECT_EQ(count("enterprises"), 0);
}

TEST_P(EnterprisesApiTest, ASignedInUserRegistersWithHisOwnAccountAndGetsANewSession) {
    const User alice = signUp("alice@example.com", "Alice");
    const Admin admin = registerEnterprise("alice@example.com", "Alice Ltd", alice.call());
    EXPECT_EQ(admin.user.id, alice.id);
    EXPECT_NE(admin.user.cookie, alice.cookie);
    EXPECT_EQ(call("GET", "/api/v1/me", {}, {alice.cookie}).status, 401);
    EXPECT_EQ(count("users"), 1);
    auto me = parse(call("GET", "/api/v1/me", {}, admin.call()));
    EXPECT_EQ(str(me.at("user").as_object(), "displayName"), "Alice");
}

TEST_P(EnterprisesApiTest, AnInviteeSignsUpAcceptsAndAppearsInTheMemberList) {
    const Admin ada = registerEnterprise("ada@acme.example", "Acme Widgets");
    const auto invitationId = invite(ada, "bob@example.com");
    ASSERT_GT(invitationId, 0);
    {
        auto c = connect();
        auto rows = c->query("SELECT template, body_text FROM outbox_messages WHERE recipient = ?",
                             {storage::SqlValue{std::string("bob@example.com")}});
        ASSERT_TRUE(rows && rows->size() == 1);
        EXPECT_EQ(storage::getText(rows->front(), 0).valueOr(""), "invitation_email");
        const auto text = storage::getText(rows->front(), 1).valueOr("");
        EXPECT_NE(text.find("Ada Admin invites you"), std::string::npos) << text;
        EXPECT_NE(text.find("http://127.0.0.1"), std::string::npos) << text;
        EXPECT_NE(text.find("/invitations"), std::string::npos) << text;
    }
    auto listed = list(ada.path("/invitations"), ada.call(), "invitations");
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(str(listed[0].as_object(), "state"), "pending");

    const User bob = signUp("bob@example.com", "Bob Builder");
    auto waiting = list("/api/v1/invitations", bob.call(), "invitations");
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(str(waiting[0].as_object(), "enterpriseName"), "Acme Widgets");
    EXPECT_EQ(str(waiting[0].as_object(), "invitedBy"), "Ada Admin");
    EXPECT_EQ(str(waiting[0].as_object(), "state"), "pending");

    // Someone else cannot answer Bob's invitation.
    const User carol = signUp("carol@example.com", "Carol");
    const std::string accept = "/api/v1/invitations/" + std::to_string(invitationId) + "/accept";
    auto notHers = call("POST", accept, "{}", carol.call());
    EXPECT_EQ(notHers.status, 404);
    EXPECT_EQ(errorCode(notHers), "invitation_not_found");

    auto accepted = call("POST", accept, "{}", bob.call());
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(str(parse(accepted).at("enterprise").as_object(), "role"), "member");
    auto again = call("POST", accept, "{}", bob.call());
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(errorCode(again), "invitation_answered");
    EXPECT_TRUE(list("/api/v1/invitations", bob.call(), "invitations").empty());

    // The administrator sees Bob's account details…
    auto members = list(ada.path("/members"), ada.call(), "members");
    ASSERT_EQ(members.size(), 2u);
    const auto& bobSeen = members[1].as_object();  // by display name: Ada Admin, Bob Builder
    EXPECT_EQ(str(bobSeen, "displayName"), "Bob Builder");
    EXPECT_EQ(str(bobSeen, "email"), "bob@example.com");
    EXPECT_EQ(str(bobSeen, "role"), "member");
    // …while Bob sees only names and avatars (R-ACC-5), and the enterprise's name only.
    auto seenByBob = list(ada.path("/members"), bob.call(), "members");
    ASSERT_EQ(seenByBob.size(), 2u);
    for (const auto& m : seenByBob) {
        for (const auto& [key, value] : m.as_object()) {
            EXPECT_TRUE(key == "displayName" || key == "avatarUrl" || key == "you") << key;
        }
    }
    EXPECT_EQ(str(seenByBob[0].as_object(), "displayName"), "Ada Admin");
    auto enterpriseForBob = parse(call("GET", ada.path(), {}, bob.call()));
    EXPECT_EQ(str(enterpriseForBob, "name"), "Acme Widgets");
    EXPECT_FALSE(enterpriseForBob.contains("contactEmail"));
    EXPECT_FALSE(enterpriseForBob.contains("notes"));

    // A member is not an administrator.
    auto byMember =
        call("POST", ada.path("/invitations"), R"({"target":"dan@example.com"})", bob.call());
    EXPECT_EQ(byMember.status, 403);
    EXPECT_EQ(errorCode(byMember), "not_enterprise_administrator");
    auto promoteSelf = call("PATCH", ada.path("/members/" + std::to_string(bob.id)),
                            R"({"role":"administrator"})", bob.call());
    EXPECT_EQ(promoteSelf.status, 403);
    EXPECT_EQ(errorCode(call("GET", ada.path("/invitations"), {}, bob.call())),
              "not_enterprise_administrator");
    EXPECT_EQ(messagesTo("dan@example.com"), 0);
}

TEST_P(EnterprisesApiTest, AnExpiredInvitationSaysSoAndChangesNothing) {
    const Admin ada = registerEnterprise("ada@acme.example", "Acme Widgets");
    const auto id = invite(ada, "+44 7700 900123");
    ASSERT_GT(id, 0);
    EXPECT_EQ(messagesTo("+447700900123"), 1);
    clock_.advance(7 * 24h + 1min);
    const Admin again{signIn("ada@acme.example"), ada.enterpriseId};  // the session ended
    auto listed = list(again.path("/invitations"), again.call(), "invitations");
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(str(listed[0].as_object(), "state"), "expired");

    // An account with another address is not the invitee; one with the number is.
    const User bob = signUp("bob@example.com", "Bob");
    EXPECT_TRUE(list("/api/v1/invitations", bob.call(), "invitations").empty());
    ASSERT_EQ(
        post("/api/v1/auth/code", R"({"target":"+447700900123","purpose":"register"})").status,
        202);
    auto phoneUser = post("/api/v1/auth/register",
                          R"({"target":"+447700900123","code":")" + latestCode("+447700900123") +
                              R"(","displayName":"Phil","birthYear":1990,"birthMonth":4})");
    ASSERT_EQ(phoneUser.status, 201) << phoneUser.body;
    const User phil = userOf(phoneUser);
    auto waiting = list("/api/v1/invitations", phil.call(), "invitations");
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(str(waiting[0].as_object(), "state"), "expired");
    for (const std::string action : {"accept", "decline"}) {
        auto reply = call("POST", "/api/v1/invitations/" + std::to_string(id) + "/" + action, "{}",
                          phil.call());
        EXPECT_EQ(reply.status, 410) << reply.body;
        EXPECT_EQ(errorCode(reply), "invitation_expired");
        EXPECT_NE(str(parse(reply).at("error").as_object(), "message").find("expired on"),
                  std::string::npos);
    }
    EXPECT_TRUE(list("/api/v1/enterprises", phil.call(), "enterprises").empty());
    EXPECT_EQ(count("enterprise_members"), 1);
    // A fresh invitation can be sent once the old one expired.
    EXPECT_GT(invite(again, "+447700900123"), 0);
}

TEST_P(EnterprisesApiTest, InvitationsRefuseBadTargetsDuplicatesAndFloods) {
    const Admin ada = registerEnterprise("ada@acme.example", "Acme Widgets");
    for (const std::string target : {"bob@", "bob@@example.com", "+12", "0044", "07700 900123"}) {
        auto reply =
            call("POST", ada.path("/invitations"), R"({"target":")" + target + R"("})", ada.call());
        EXPECT_EQ(reply.status, 400) << target;
        EXPECT_EQ(errorCode(reply), "invalid_target") << target;
    }
    EXPECT_GT(invite(ada, "bob@example.com"), 0);
    auto twice =
        call("POST", ada.path("/invitations"), R"({"target":"bob@example.com"})", ada.call());
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(errorCode(twice), "invitation_pending");
    auto self =
        call("POST", ada.path("/invitations"), R"({"target":"ada@acme.example"})", ada.call());
    EXPECT_EQ(self.status, 409);
    EXPECT_EQ(errorCode(self), "already_member");
    for (int i = 0; i < 4; ++i) {
        invite(ada, "guest" + std::to_string(i) + "@example.com");
    }
    auto flood =
        call("POST", ada.path("/invitations"), R"({"target":"one.more@example.com"})", ada.call());
    EXPECT_EQ(flood.status, 429);
    EXPECT_EQ(errorCode(flood), "rate_limited");
    EXPECT_EQ(count("enterprise_invitations"), 5);
}

TEST_P(EnterprisesApiTest, AdministratorsPromoteDisableAndRemoveButNeverLeaveNone) {
    const Admin ada = registerEnterprise("ada@acme.example", "Acme Widgets");
    const auto id = invite(ada, "bob@example.com");
    const User bob = signUp("bob@example.com", "Bob");
    ASSERT_EQ(
        call("POST", "/api/v1/invitations/" + std::to_string(id) + "/accept", "{}", bob.call())
            .status,
        200);
    const std::string adaPath = ada.path("/members/" + std::to_string(ada.user.id));
    const std::string bobPath = ada.path("/members/" + std::to_string(bob.id));

    auto alone = call("PATCH", adaPath, R"({"role":"member"})", ada.call());
    EXPECT_EQ(alone.status, 409);
    EXPECT_EQ(errorCode(alone), "last_administrator");
    EXPECT_EQ(call("DELETE", adaPath, {}, ada.call()).status, 409);
    EXPECT_EQ(errorCode(call("PATCH", bobPath, R"({"role":"owner"})", ada.call())), "bad_request");
    EXPECT_EQ(errorCode(call("PATCH", bobPath, "{}", ada.call())), "bad_request");

    auto promoted = call("PATCH", bobPath, R"({"role":"administrator"})", ada.call());
    ASSERT_EQ(promoted.status, 200) << promoted.body;
    // Two administrators: Ada may step down; then Bob is the last one.
    ASSERT_EQ(call("PATCH", adaPath, R"({"role":"member"})", ada.call()).status, 200);
    EXPECT_EQ(errorCode(call("PATCH", bobPath, R"({"status":"disabled"})", bob.call())),
              "last_administrator");
    EXPECT_EQ(errorCode(call("PATCH", adaPath, R"({"status":"disabled"})", ada.call())),
              "not_enterprise_administrator");

    auto disabled = call("PATCH", adaPath, R"({"status":"disabled"})", bob.call());
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    auto locked = call("GET", ada.path("/members"), {}, ada.call());
    EXPECT_EQ(locked.status, 403);
    EXPECT_EQ(errorCode(locked), "membership_disabled");

    EXPECT_EQ(call("DELETE", adaPath, {}, bob.call()).status, 204);
    auto gone = call("GET", ada.path(), {}, ada.call());
    EXPECT_EQ(gone.status, 404);
    EXPECT_EQ(errorCode(gone), "enterprise_not_found");
    EXPECT_EQ(list(ada.path("/members"), bob.call(), "members").size(), 1u);
    auto missing = call("DELETE", adaPath, {}, bob.call());
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(errorCode(missing), "member_not_found");
}

TEST_P(EnterprisesApiTest, TwoAdministratorsDemotingEachOtherAtOnceLeaveOne) {
    const Admin ada = registerEnterprise("ada@acme.example", "Acme Widgets");
    const auto id = invite(ada, "bob@example.com");
    const User bob = signUp("bob@example.com", "Bob");
    ASSERT_EQ(
        call("POST", "/api/v1/invitations/" + std::to_string(id) + "/accept", "{}", bob.call())
            .status,
        200);
    const std::string bobPath = ada.path("/members/" + std::to_string(bob.id));
    const std::string adaPath = ada.path("/members/" + std::to_string(ada.user.id));
    ASSERT_EQ(call("PATCH", bobPath, R"({"role":"administrator"})", ada.call()).status, 200);
    // Each demotes the other at the same moment: the enterprise row lock lets one
    // through and the other then finds the last administrator.
    auto first = std::async(std::launch::async, [&] {
        return call("PATCH", bobPath, R"({"role":"member"})", ada.call());
    });
    auto second = std::async(std::launch::async, [&] {
        return call("PATCH", adaPath, R"({"role":"member"})", bob.call());
    });
    const auto a = first.get();
    const auto b = second.get();
    EXPECT_EQ((a.status == 200) + (b.status == 200), 1) << a.body << " / " << b.body;
    EXPECT_TRUE(errorCode(a) == "last_administrator" || errorCode(b) == "last_administrator" ||
                errorCode(a) == "not_enterprise_administrator" ||
                errorCode(b) == "not_enterprise_administrator")
        << a.body << " / " << b.body;
    auto c = connect();
    auto rows = c->query(
        "SELECT COUNT(*) FROM enterprise_members WHERE role = 'administrator' AND status = "
        "'active'");
    ASSERT_TRUE(rows && !rows->empty());
    EXPECT_EQ(storage::getInt(rows->front(), 0).valueOr(-1), 1);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(EnterprisesApiTest);

}  // namespace
}  // namespace vp::api::v1::testing
