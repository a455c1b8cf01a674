// The enterprises API, continued: an administrator of one enterprise acting on
// another, requests without the CSRF token, and members' cancellation requests —
// each refused with a clear error and no data changed, on SQLite and PostgreSQL.
#include "enterprises_fixture.hpp"

namespace vp::api::v1::testing {
namespace {

class EnterpriseIsolationTest : public EnterprisesApiTest {
  protected:
    // Everything of enterprise tables as text, to prove that nothing changed.
    std::string snapshot() {
        auto c = connect();
        std::string out;
        for (const std::string sql :
             {"SELECT id, name, notes, updated_at FROM enterprises ORDER BY id",
              "SELECT enterprise_id, user_id, role, status FROM enterprise_members ORDER BY id",
              "SELECT id, status, target FROM enterprise_invitations ORDER BY id",
              "SELECT id, status FROM enterprise_cancellation_requests ORDER BY id",
              "SELECT id, status FROM enterprise_cancellation_events ORDER BY id"}) {
            auto rows = c->query(sql);
            EXPECT_TRUE(rows) << sql;
            for (const auto& row : rows ? *rows : std::vector<storage::Row>{}) {
                for (const auto& cell : row) {
                    if (storage::isNull(cell)) {
                        out += "null";
                    } else if (std::holds_alternative<std::int64_t>(cell)) {
                        out += std::to_string(std::get<std::int64_t>(cell));
                    } else if (std::holds_alternative<std::string>(cell)) {
                        out += std::get<std::string>(cell);
                    }
                    out += "|";
                }
                out += "\n";
            }
        }
        return out;
    }
};

TEST_P(EnterpriseIsolationTest, AnAdministratorOfAGetsNothingOfBAndChangesNothing) {
    const auto a = enterpriseWithMember("ada@a.example", "Alpha", "amy@example.com", "Amy");
    const auto b = enterpriseWithMember("ben@b.example", "Beta", "bea@example.com", "Bea");
    ASSERT_TRUE(call("POST", b.admin.path("/cancellation-requests"), R"({"note":"leaving"})",
                     b.member.call())
                    .status == 201);
    const auto bRequests = list(b.admin.path("/cancellation-requests"), b.admin.call(), "requests");
    ASSERT_EQ(bRequests.size(), 1u);
    const auto requestId = bRequests[0].as_object().at("id").as_int64();
    const auto bInvitation = invite(b.admin, "bert@example.com");
    const std::string bea = std::to_string(b.member.id);
    const std::string before = snapshot();

    struct Attempt {
        std::string method;
        std::string path;
        std::string body;
    };
    const std::vector<Attempt> attempts{
        {"GET", b.admin.path(), ""},
        {"GET", b.admin.path("/members"), ""},
        {"PATCH", b.admin.path("/members/" + bea), R"({"role":"administrator"})"},
        {"PATCH", b.admin.path("/members/" + bea), R"({"status":"disabled"})"},
        {"DELETE", b.admin.path("/members/" + bea), ""},
        {"GET", b.admin.path("/invitations"), ""},
        {"POST", b.admin.path("/invitations"), R"({"target":"spy@example.com"})"},
        {"DELETE", b.admin.path("/invitations/" + std::to_string(bInvitation)), ""},
        {"GET", b.admin.path("/cancellation-requests"), ""},
        {"POST", b.admin.path("/cancellation-requests/" + std::to_string(requestId) + "/approve"),
         "{}"},
        {"POST", b.admin.path("/cancellation-requests/" + std::to_string(requestId) + "/refuse"),
         R"({"reason":"no"})"},
    };
    for (const auto& attempt : attempts) {
        auto reply = call(attempt.method, attempt.path, attempt.body, a.admin.call());
        EXPECT_EQ(reply.status, 404) << attempt.method << " " << attempt.path << " " << reply.body;
        EXPECT_EQ(errorCode(reply), "enterprise_not_found")
            << attempt.method << " " << attempt.path;
        EXPECT_EQ(reply.body.find("Beta"), std::string::npos);
        EXPECT_EQ(reply.body.find("bea@"), std::string::npos);
    }
    // B's things through A's own enterprise path are not found either.
    auto foreignMember =
        call("PATCH", a.admin.path("/members/" + bea), R"({"role":"member"})", a.admin.call());
    EXPECT_EQ(foreignMember.status, 404);
    EXPECT_EQ(errorCode(foreignMember), "member_not_found");
    auto foreignInvitation = call(
        "DELETE", a.admin.path("/invitations/" + std::to_string(bInvitation)), {}, a.admin.call());
    EXPECT_EQ(foreignInvitation.status, 404);
    EXPECT_EQ(errorCode(foreignInvitation), "invitation_not_found");
    auto foreignRequest = call(
        "POST", a.admin.path("/cancellation-requests/" + std::to_string(requestId) + "/approve"),
        "{}", a.admin.call());
    EXPECT_EQ(foreignRequest.status, 404);
    EXPECT_EQ(errorCode(foreignRequest), "request_not_found");
    // A's member sees nothing of B either.
    EXPECT_EQ(call("GET", b.admin.path("/members"), {}, a.member.call()).status, 404);
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(messagesTo("spy@example.com"), 0);
    EXPECT_EQ(approvedRequest_.load(), 0);
    // Not signed in at all: 401.
    EXPECT_EQ(call("GET", b.admin.path("/members")).status, 401);
}

TEST_P(EnterpriseIsolationTest, StateChangingRequestsWithoutTheCsrfTokenAreRefused) {
    const auto a = enterpriseWithMember("ada@a.example", "Alpha", "amy@example.com", "Amy");
    const std::string before = snapshot();
    const Call noToken(a.admin.user.cookie);
    const Call foreignOrigin(a.admin.user.cookie, a.admin.user.csrf,
                             std::string("https://evil.example"));
    for (const Call& how : {noToken, foreignOrigin}) {
        for (const auto& [method, path, body] :
             std::vector<std::tuple<std::string, std::string, std::string>>{
                 {"POST", a.admin.path("/invitations"), R"({"target":"x@example.com"})"},
                 {"PATCH", a.admin.path("/members/" + std::to_string(a.member.id)),
                  R"({"role":"administrator"})"},
                 {"DELETE", a.admin.path("/members/" + std::to_string(a.member.id)), ""},
             }) {
            auto reply = call(method, path, body, how);
            EXPECT_EQ(reply.status, 403) << method << " " << path;
            EXPECT_EQ(errorCode(reply), "csrf_failed");
        }
    }
    auto noOrigin = post("/api/v1/enterprises/registration-code", form("eve@example.com", "Evil"),
                         Call::from(std::nullopt));
    EXPECT_EQ(noOrigin.status, 403);
    EXPECT_EQ(errorCode(noOrigin), "csrf_failed");
    auto accept = call("POST", "/api/v1/invitations/1/accept", "{}", Call(a.member.cookie));
    EXPECT_EQ(errorCode(accept), "csrf_failed");
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(messagesTo("x@example.com"), 0);
}

TEST_P(EnterpriseIsolationTest, AdministratorsDecideMembersCancellationRequestsWithHistory) {
    const auto a = enterpriseWithMember("ada@a.example", "Alpha", "amy@example.com", "Amy");
    const std::string requests = a.admin.path("/cancellation-requests");
    auto first = call("POST", requests, R"({"note":"I am leaving the company"})", a.member.call());
    ASSERT_EQ(first.status, 201) << first.body;
    const auto firstId = parse(first).at("id").as_int64();
    EXPECT_EQ(str(parse(first), "status"), "pending");
    auto twice = call("POST", requests, "{}", a.member.call());
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(errorCode(twice), "request_pending");
    EXPECT_EQ(errorCode(call("POST", requests, R"({"note":")" + std::string(501, 'n') + R"("})",
                             a.member.call())),
              "invalid_note");

    auto pending = list(requests, a.admin.call(), "requests");
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(str(pending[0].as_object(), "memberName"), "Amy");
    EXPECT_EQ(str(pending[0].as_object(), "note"), "I am leaving the company");

    const std::string decide = requests + "/" + std::to_string(firstId);
    auto byMember = call("POST", decide + "/approve", "{}", a.member.call());
    EXPECT_EQ(byMember.status, 403);
    EXPECT_EQ(errorCode(byMember), "not_enterprise_administrator");
    auto noReason = call("POST", decide + "/refuse", "{}", a.admin.call());
    EXPECT_EQ(noReason.status, 400);
    EXPECT_EQ(errorCode(noReason), "reason_required");
    EXPECT_EQ(errorCode(call("POST", decide + "/refuse", R"({"reason":"  "})", a.admin.call())),
              "reason_required");
    auto refused =
        call("POST", decide + "/refuse",
             R"({"reason":"Your contract runs until June; ask again then."})", a.admin.call());
    ASSERT_EQ(refused.status, 200) << refused.body;
    EXPECT_EQ(str(parse(refused), "status"), "refused");
    EXPECT_EQ(approvedRequest_.load(), 0);
    auto late = call("POST", decide + "/approve", "{}", a.admin.call());
    EXPECT_EQ(late.status, 409);
    EXPECT_EQ(errorCode(late), "request_decided");

    // The member sees his own request, the decision and why.
    auto own = list(requests, a.member.call(), "requests");
    ASSERT_EQ(own.size(), 1u);
    EXPECT_EQ(str(own[0].as_object(), "decisionReason"),
              "Your contract runs until June; ask again then.");
    const auto& history = own[0].as_object().at("history").as_array();
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(str(history[0].as_object(), "status"), "pending");
    EXPECT_EQ(str(history[1].as_object(), "status"), "refused");
    EXPECT_EQ(history[1].as_object().at("actorId").as_int64(), a.admin.user.id);

    // Asked again and approved: the decision is recorded and handed to the hook.
    auto second = call("POST", requests, "{}", a.member.call());
    ASSERT_EQ(second.status, 201);
    const auto secondId = parse(second).at("id").as_int64();
    auto approved =
        call("POST", requests + "/" + std::to_string(secondId) + "/approve", "{}", a.admin.call());
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(str(parse(approved), "status"), "approved");
    EXPECT_EQ(approvedRequest_.load(), secondId);
    auto all = list(requests, a.admin.call(), "requests");
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(str(all[0].as_object(), "status"), "approved");
    // The account itself is untouched: deletion is the privacy pipeline's job.
    EXPECT_EQ(call("GET", "/api/v1/me", {}, a.member.call()).status, 200);
    EXPECT_EQ(count("enterprise_cancellation_events"), 4);
}

VP_INSTANTIATE_FOR_BOTH_BACKENDS(EnterpriseIsolationTest);

}  // namespace
}  // namespace vp::api::v1::testing
